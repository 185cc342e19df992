namespace MediaKit.Core.Tests.Collections;

public sealed class MediaCollectionOptionsTests
{
    private static MediaCollectionOptions NewCollection(Action<MediaCollectionOptions>? configure = null)
        => new MediaKitOptions().Collections.Add("products", configure);

    [Theory]
    [InlineData(MediaKind.Image, 10_000_000)]
    [InlineData(MediaKind.Video, 100_000_000)]
    [InlineData(MediaKind.Audio, 50_000_000)]
    [InlineData(MediaKind.Document, 50_000_000)]
    [InlineData(MediaKind.Other, 10_000_000)]
    public void GetMaxLength_uses_the_default_limit_of_each_kind(MediaKind kind, long expected)
    {
        Assert.Equal(expected, NewCollection().GetMaxLength(kind));
        Assert.Equal(expected, MediaCollectionOptions.DefaultMaxLengths[kind]);
    }

    [Fact]
    public void Every_kind_has_a_default_limit()
        => Assert.All(Enum.GetValues<MediaKind>(), kind => Assert.True(MediaCollectionOptions.DefaultMaxLengths[kind] > 0));

    [Fact]
    public void GetLargestMaxLength_is_the_video_default_when_nothing_is_set()
        => Assert.Equal(100_000_000, NewCollection().GetLargestMaxLength());

    [Theory]
    [InlineData(MediaKind.Image)]
    [InlineData(MediaKind.Video)]
    [InlineData(MediaKind.Audio)]
    [InlineData(MediaKind.Document)]
    [InlineData(MediaKind.Other)]
    public void MaxLength_replaces_the_default_of_every_kind(MediaKind kind)
    {
        var collection = NewCollection(c => c.MaxLength = 1234);

        Assert.Equal(1234, collection.GetMaxLength(kind));
    }

    [Fact]
    public void MaxLengthByKind_wins_over_MaxLength_and_the_defaults()
    {
        var collection = NewCollection(c =>
        {
            c.MaxLength = 5_000;
            c.MaxLengthByKind[MediaKind.Video] = 2_000_000_000;
            c.MaxLengthByKind[MediaKind.Image] = 100;
        });

        Assert.Equal(100, collection.GetMaxLength(MediaKind.Image));
        Assert.Equal(2_000_000_000, collection.GetMaxLength(MediaKind.Video));
        Assert.Equal(5_000, collection.GetMaxLength(MediaKind.Audio));
        Assert.Equal(2_000_000_000, collection.GetLargestMaxLength());
    }

    [Fact]
    public void MaxLengthByKind_wins_over_the_defaults_when_MaxLength_is_not_set()
    {
        var collection = NewCollection(c => c.MaxLengthByKind[MediaKind.Image] = 42);

        Assert.Equal(42, collection.GetMaxLength(MediaKind.Image));
        Assert.Equal(100_000_000, collection.GetMaxLength(MediaKind.Video));
    }

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("IMAGE/PNG", true)]
    [InlineData("application/pdf", true)]
    [InlineData("image/jpeg", false)]
    [InlineData("application/pdf+x", false)]
    [InlineData("video/mp4", true)]
    [InlineData("video/webm", true)]
    [InlineData("audio/mp4", false)]
    [InlineData("videos/mp4", false)]
    [InlineData("text/html", false)]
    public void Accepts_matches_exact_types_and_type_wildcards(string contentType, bool expected)
    {
        var collection = NewCollection(c => c.Accept("image/png", "application/pdf", "video/*"));

        Assert.Equal(expected, collection.Accepts(contentType));
    }

    [Fact]
    public void Accept_does_not_add_a_type_twice()
    {
        var collection = NewCollection(c => c.Accept("image/png", "IMAGE/PNG").Accept("image/png"));

        Assert.Single(collection.AcceptedTypes);
    }

    [Theory]
    [InlineData(MediaContentTypes.Jpeg)]
    [InlineData(MediaContentTypes.Png)]
    [InlineData(MediaContentTypes.Gif)]
    [InlineData(MediaContentTypes.WebP)]
    [InlineData(MediaContentTypes.Avif)]
    [InlineData(MediaContentTypes.Heic)]
    [InlineData(MediaContentTypes.Mp4)]
    [InlineData(MediaContentTypes.QuickTime)]
    [InlineData(MediaContentTypes.WebM)]
    [InlineData(MediaContentTypes.Mp3)]
    [InlineData(MediaContentTypes.Wav)]
    [InlineData(MediaContentTypes.M4a)]
    [InlineData(MediaContentTypes.Pdf)]
    [InlineData(MediaContentTypes.Docx)]
    [InlineData(MediaContentTypes.Odt)]
    [InlineData(MediaContentTypes.PlainText)]
    [InlineData(MediaContentTypes.Csv)]
    public void An_empty_AcceptedTypes_accepts_known_safe_types(string contentType)
        => Assert.True(NewCollection().Accepts(contentType));

    [Theory]
    [InlineData(MediaContentTypes.Svg)]
    [InlineData(MediaContentTypes.Html)]
    [InlineData(MediaContentTypes.Php)]
    [InlineData(MediaContentTypes.JavaScript)]
    [InlineData(MediaContentTypes.Xml)]
    [InlineData(MediaContentTypes.Zip)]
    [InlineData(MediaContentTypes.OctetStream)]
    [InlineData("image/x-unknown")]
    [InlineData("application/x-msdownload")]
    public void An_empty_AcceptedTypes_refuses_active_unknown_and_archive_types(string contentType)
        => Assert.False(NewCollection().Accepts(contentType));

    [Fact]
    public void AcceptImages_accepts_every_raster_image_type_but_not_SVG()
    {
        var collection = NewCollection(c => c.AcceptImages());

        Assert.All(MediaContentTypes.RasterImages, type => Assert.True(collection.Accepts(type), type));
        Assert.False(collection.Accepts(MediaContentTypes.Svg));
        Assert.False(collection.Accepts(MediaContentTypes.Pdf));
        Assert.False(collection.Accepts(MediaContentTypes.Mp4));
    }

    [Fact]
    public void AcceptVideos_AcceptAudio_and_AcceptDocuments_accept_their_families_only()
    {
        var videos = NewCollection(c => c.AcceptVideos());
        var audio = NewCollection(c => c.AcceptAudio());
        var documents = NewCollection(c => c.AcceptDocuments());

        Assert.All(MediaContentTypes.Videos, type => Assert.True(videos.Accepts(type), type));
        Assert.All(MediaContentTypes.Audio, type => Assert.True(audio.Accepts(type), type));
        Assert.All(MediaContentTypes.Documents, type => Assert.True(documents.Accepts(type), type));
        Assert.False(videos.Accepts(MediaContentTypes.Mp3));
        Assert.False(audio.Accepts(MediaContentTypes.Mp4));
        Assert.False(documents.Accepts(MediaContentTypes.Html));
        Assert.False(documents.Accepts(MediaContentTypes.Zip));
        Assert.False(documents.Accepts(MediaContentTypes.Xml));
    }

    [Theory]
    [InlineData("application/pdf", true)]
    [InlineData("application/zip", true)]
    [InlineData("APPLICATION/PDF", true)]
    [InlineData("image/jpeg", false)]
    [InlineData("video/mp4", true)]
    [InlineData("video/webm", false)]
    public void RequiresReview_matches_exact_types_and_type_wildcards(string contentType, bool expected)
    {
        var collection = NewCollection(c => c.AcceptImages().RequireApproval("application/*", "video/mp4"));

        Assert.Equal(expected, collection.RequiresReview(contentType));
    }

    [Fact]
    public void RequiresReview_is_false_for_everything_by_default()
        => Assert.False(NewCollection().RequiresReview(MediaContentTypes.Pdf));

    [Fact]
    public void Private_makes_the_collection_private_and_public_is_the_default()
    {
        Assert.Equal(MediaVisibility.Public, NewCollection().Visibility);
        Assert.Equal(MediaVisibility.Private, NewCollection(c => c.Private()).Visibility);
    }

    [Fact]
    public void Adding_a_collection_twice_configures_the_same_collection()
    {
        var options = new MediaKitOptions();

        var first = options.Collections.Add("chat", c => c.AcceptImages());
        var second = options.Collections.Add("chat", c => c.Private());

        Assert.Same(first, second);
        Assert.Equal(1, options.Collections.Count);
        Assert.Same(first, Assert.Single(options.Collections));
        Assert.Same(first, options.Collections.Find("chat"));
        Assert.True(first.Accepts(MediaContentTypes.Png));
        Assert.Equal(MediaVisibility.Private, first.Visibility);
    }

    [Fact]
    public void Collection_names_are_case_sensitive_and_unknown_names_are_not_found()
    {
        var options = new MediaKitOptions();
        options.Collections.Add("products");

        Assert.Null(options.Collections.Find("Products"));
        Assert.Null(options.Collections.Find("banners"));
    }

    [Fact]
    public void Adding_a_collection_without_a_name_throws()
    {
        var options = new MediaKitOptions();

        Assert.Throws<ArgumentException>(() => options.Collections.Add(""));
        Assert.Throws<ArgumentNullException>(() => options.Collections.Add(null!));
    }

    [Fact]
    public void A_family_pattern_never_accepts_active_content()
    {
        var catalog = new MediaCollectionCatalog();
        var chat = catalog.Add("chat", c => c.Accept("image/*", "text/*"));

        Assert.True(chat.Accepts(MediaContentTypes.Png));
        Assert.False(chat.Accepts(MediaContentTypes.Svg));
        Assert.False(chat.Accepts(MediaContentTypes.Html));
        Assert.True(catalog.Add("logos", c => c.Accept("image/*", MediaContentTypes.Svg)).Accepts(MediaContentTypes.Svg));
    }
}
