namespace MediaKit.Core.Tests.Collections;

public sealed class MediaContentTypesTests
{
    [Theory]
    [InlineData(MediaContentTypes.Jpeg, MediaKind.Image)]
    [InlineData(MediaContentTypes.Svg, MediaKind.Image)]
    [InlineData("IMAGE/PNG", MediaKind.Image)]
    [InlineData("image/x-unknown", MediaKind.Image)]
    [InlineData(MediaContentTypes.Mp4, MediaKind.Video)]
    [InlineData(MediaContentTypes.OggVideo, MediaKind.Video)]
    [InlineData("video/x-matroska", MediaKind.Video)]
    [InlineData(MediaContentTypes.Mp3, MediaKind.Audio)]
    [InlineData(MediaContentTypes.M4a, MediaKind.Audio)]
    [InlineData("Audio/X-Flac", MediaKind.Audio)]
    [InlineData(MediaContentTypes.Pdf, MediaKind.Document)]
    [InlineData(MediaContentTypes.Docx, MediaKind.Document)]
    [InlineData(MediaContentTypes.PlainText, MediaKind.Document)]
    [InlineData(MediaContentTypes.Csv, MediaKind.Document)]
    [InlineData(MediaContentTypes.Json, MediaKind.Document)]
    [InlineData(MediaContentTypes.Zip, MediaKind.Other)]
    [InlineData(MediaContentTypes.Html, MediaKind.Other)]
    [InlineData(MediaContentTypes.Xml, MediaKind.Other)]
    [InlineData(MediaContentTypes.Php, MediaKind.Other)]
    [InlineData(MediaContentTypes.OctetStream, MediaKind.Other)]
    [InlineData("text/x-unknown", MediaKind.Other)]
    [InlineData("nonsense", MediaKind.Other)]
    [InlineData("", MediaKind.Other)]
    public void GetKind_gives_the_kind_of_known_types_and_the_family_of_unknown_ones(string contentType, MediaKind expected)
        => Assert.Equal(expected, MediaContentTypes.GetKind(contentType));

    [Theory]
    [InlineData(MediaContentTypes.Jpeg, "jpg")]
    [InlineData(MediaContentTypes.Png, "png")]
    [InlineData(MediaContentTypes.Heic, "heic")]
    [InlineData(MediaContentTypes.Svg, "svg")]
    [InlineData(MediaContentTypes.QuickTime, "mov")]
    [InlineData(MediaContentTypes.OggVideo, "ogv")]
    [InlineData(MediaContentTypes.M4a, "m4a")]
    [InlineData(MediaContentTypes.Docx, "docx")]
    [InlineData(MediaContentTypes.PlainText, "txt")]
    [InlineData(MediaContentTypes.Php, "php")]
    [InlineData("Image/JPEG", "jpg")]
    [InlineData(MediaContentTypes.OctetStream, "bin")]
    [InlineData("application/x-unknown", "bin")]
    public void GetExtension_gives_the_stored_extension_and_bin_for_unknown_types(string contentType, string expected)
        => Assert.Equal(expected, MediaContentTypes.GetExtension(contentType));

    [Theory]
    [InlineData("photo.jpg", MediaContentTypes.Jpeg)]
    [InlineData("PHOTO.JPG", MediaContentTypes.Jpeg)]
    [InlineData("photo.jpeg", MediaContentTypes.Jpeg)]
    [InlineData("photo.JPE", MediaContentTypes.Jpeg)]
    [InlineData("photo.jfif", MediaContentTypes.Jpeg)]
    [InlineData("IMG_0001.heif", MediaContentTypes.Heic)]
    [InlineData("a.png", MediaContentTypes.Png)]
    [InlineData("a.svg", MediaContentTypes.Svg)]
    [InlineData("a.htm", MediaContentTypes.Html)]
    [InlineData("a.xhtml", MediaContentTypes.Html)]
    [InlineData("a.phtml", MediaContentTypes.Php)]
    [InlineData("a.php5", MediaContentTypes.Php)]
    [InlineData("a.mjs", MediaContentTypes.JavaScript)]
    [InlineData("a.qt", MediaContentTypes.QuickTime)]
    [InlineData("a.m4v", MediaContentTypes.Mp4)]
    [InlineData("a.opus", MediaContentTypes.Ogg)]
    [InlineData("a.log", MediaContentTypes.PlainText)]
    [InlineData("report.final.DOCX", MediaContentTypes.Docx)]
    [InlineData("C:\\fakepath\\a.pdf", MediaContentTypes.Pdf)]
    public void FromFileName_maps_extensions_case_insensitively_with_aliases(string fileName, string expected)
        => Assert.Equal(expected, MediaContentTypes.FromFileName(fileName));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("photo")]
    [InlineData("photo.")]
    [InlineData("photo.xyz")]
    [InlineData("setup.exe")]
    [InlineData("blob.bin")]
    [InlineData("archive.tar.gz")]
    [InlineData(".jpg.unknown")]
    public void FromFileName_returns_null_for_missing_or_unknown_extensions(string? fileName)
        => Assert.Null(MediaContentTypes.FromFileName(fileName));

    [Theory]
    [InlineData(MediaContentTypes.Svg, true)]
    [InlineData("IMAGE/SVG+XML", true)]
    [InlineData(MediaContentTypes.Html, true)]
    [InlineData(MediaContentTypes.Php, true)]
    [InlineData(MediaContentTypes.JavaScript, true)]
    [InlineData(MediaContentTypes.Xml, true)]
    [InlineData("application/x-unknown", true)]
    [InlineData("image/x-unknown", true)]
    [InlineData(MediaContentTypes.Jpeg, false)]
    [InlineData(MediaContentTypes.Pdf, false)]
    [InlineData(MediaContentTypes.Mp4, false)]
    [InlineData(MediaContentTypes.PlainText, false)]
    public void IsActive_is_true_for_what_a_browser_could_run_and_for_unknown_types(string contentType, bool expected)
        => Assert.Equal(expected, MediaContentTypes.IsActive(contentType));

    [Fact]
    public void Every_type_of_the_accept_lists_is_known_and_inactive()
    {
        string[] all = [.. MediaContentTypes.RasterImages, .. MediaContentTypes.Videos, .. MediaContentTypes.Audio, .. MediaContentTypes.Documents];

        Assert.All(all, type =>
        {
            Assert.False(MediaContentTypes.IsActive(type), type);
            Assert.NotEqual("bin", MediaContentTypes.GetExtension(type));
        });
    }

    [Fact]
    public void Every_stored_extension_maps_back_to_its_type()
    {
        string[] all = [.. MediaContentTypes.RasterImages, MediaContentTypes.Svg, .. MediaContentTypes.Videos, .. MediaContentTypes.Audio, .. MediaContentTypes.Documents];

        Assert.All(all, type => Assert.Equal(type, MediaContentTypes.FromFileName("f." + MediaContentTypes.GetExtension(type))));
    }
}
