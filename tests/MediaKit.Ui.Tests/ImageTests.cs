using AngleSharp.Dom;
using MediaKit.Ui.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.Ui.Tests;

public sealed class ImageTests
{
    [Fact]
    public async Task Srcset_lists_every_variant_of_the_img_format_with_its_width_and_webp_goes_to_a_source()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var asset = Photo();
        var urls = kit.Context.Services.GetRequiredService<IMediaUrls>();

        var cut = kit.Context.Render<MediaImage>(p => p.Add(x => x.Asset, asset).Add(x => x.Sizes, "(min-width: 60rem) 50vw, 100vw"));

        var img = cut.Find("picture > img");
        var srcset = img.GetAttribute("srcset")!;
        foreach (var (name, width) in new[] { ("thumb-150", 150), ("thumb-300", 300), ("thumb-800", 800) })
        {
            Assert.Contains($"{(await urls.GetUrlAsync(asset, name))!.Url} {width}w", srcset, StringComparison.Ordinal);
        }

        Assert.Contains($"{(await urls.GetUrlAsync(asset))!.Url} 1600w", srcset, StringComparison.Ordinal);
        Assert.DoesNotContain("webp-", srcset, StringComparison.Ordinal);
        Assert.Equal((await urls.GetUrlAsync(asset, "thumb-800"))!.Url, img.GetAttribute("src"));
        Assert.Equal("(min-width: 60rem) 50vw, 100vw", img.GetAttribute("sizes"));

        var source = cut.Find("picture > source");
        Assert.Equal("image/webp", source.GetAttribute("type"));
        Assert.Equal(
            $"{(await urls.GetUrlAsync(asset, "webp-300"))!.Url} 300w, {(await urls.GetUrlAsync(asset, "webp-800"))!.Url} 800w",
            source.GetAttribute("srcset"));
    }

    [Fact]
    public async Task The_img_has_its_dimensions_lazy_loading_and_async_decoding_by_default()
    {
        await using var kit = await UiTestKit.CreateAsync();

        var img = kit.Context.Render<MediaImage>(p => p.Add(x => x.Asset, Photo())).Find("img");

        Assert.Equal("1600", img.GetAttribute("width"));
        Assert.Equal("1200", img.GetAttribute("height"));
        Assert.Equal("lazy", img.GetAttribute("loading"));
        Assert.Equal("async", img.GetAttribute("decoding"));
    }

    [Fact]
    public async Task Eager_loads_at_once()
    {
        await using var kit = await UiTestKit.CreateAsync();

        var img = kit.Context.Render<MediaImage>(p => p.Add(x => x.Asset, Photo()).Add(x => x.Eager, true)).Find("img");

        Assert.Equal("eager", img.GetAttribute("loading"));
    }

    [Fact]
    public async Task Alt_falls_back_from_the_parameter_to_the_alt_text_to_the_title_to_empty()
    {
        await using var kit = await UiTestKit.CreateAsync();
        string? AltOf(MediaAsset asset, string? alt = null)
            => kit.Context.Render<MediaImage>(p => p.Add(x => x.Asset, asset).Add(x => x.Alt, alt)).Find("img").GetAttribute("alt");

        var asset = Photo();
        asset.AltText = "A red shoe";
        asset.Title = "Shoe";
        Assert.Equal("Given", AltOf(asset, "Given"));
        Assert.Equal("", AltOf(asset, ""));
        Assert.Equal("A red shoe", AltOf(asset));
        asset.AltText = null;
        Assert.Equal("Shoe", AltOf(asset));
        asset.Title = null;
        Assert.Equal("", AltOf(asset));
    }

    [Fact]
    public async Task The_placeholder_is_a_png_data_url_background_and_other_attributes_pass_through()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var asset = Photo();
        var attributes = new Dictionary<string, object> { ["class"] = "hero", ["style"] = "border-radius:4px" };

        var img = kit.Context.Render<MediaImage>(p => p.Add(x => x.Asset, asset).Add(x => x.AdditionalAttributes, attributes)).Find("img");

        var style = img.GetAttribute("style")!;
        Assert.Contains("background-size:cover", style, StringComparison.Ordinal);
        Assert.EndsWith("border-radius:4px", style, StringComparison.Ordinal);
        var start = style.IndexOf("url(", StringComparison.Ordinal) + 4;
        var dataUrl = style[start..style.IndexOf(')', start)];
        var png = ThumbHashTestData.ReadPng(dataUrl);
        var decoded = ThumbHashDecoder.Decode(Convert.FromBase64String(asset.Placeholder!))!.Value;
        Assert.Equal((decoded.Width, decoded.Height), (png.Width, png.Height));
        Assert.Equal("hero", img.GetAttribute("class"));
    }

    [Fact]
    public async Task Without_variants_the_original_is_the_src()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var asset = Photo();
        asset.Variants.Clear();

        var cut = kit.Context.Render<MediaImage>(p => p.Add(x => x.Asset, asset));

        var original = (await kit.Context.Services.GetRequiredService<IMediaUrls>().GetUrlAsync(asset))!.Url;
        Assert.Empty(cut.FindAll("picture"));
        Assert.Equal(original, cut.Find("img").GetAttribute("src"));
        Assert.Equal($"{original} 1600w", cut.Find("img").GetAttribute("srcset"));
    }

    [Theory]
    [InlineData(MediaContentTypes.Svg, MediaKind.Image)]
    [InlineData(MediaContentTypes.Html, MediaKind.Other)]
    [InlineData(MediaContentTypes.Pdf, MediaKind.Document)]
    public async Task Active_content_and_files_that_are_not_images_render_no_img(string contentType, MediaKind kind)
    {
        await using var kit = await UiTestKit.CreateAsync();
        var asset = Photo();
        asset.ContentType = contentType;
        asset.Kind = kind;
        asset.Variants.RemoveAll(v => v.ContentType != MediaContentTypes.Svg);

        var cut = kit.Context.Render<MediaImage>(p => p.Add(x => x.Asset, asset));

        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("picture"));
    }

    [Fact]
    public async Task An_svg_with_raster_thumbnails_still_renders_nothing()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var asset = Photo();
        asset.ContentType = MediaContentTypes.Svg;

        Assert.Empty(kit.Context.Render<MediaImage>(p => p.Add(x => x.Asset, asset)).FindAll("img"));
    }

    [Fact]
    public async Task A_video_shows_its_poster_variant()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var asset = Photo();
        asset.ContentType = MediaContentTypes.Mp4;
        asset.Kind = MediaKind.Video;
        asset.Variants = [Variant(asset.Id, "poster", MediaContentTypes.Jpeg, 1280, 720)];

        var img = kit.Context.Render<MediaImage>(p => p.Add(x => x.Asset, asset)).Find("img");

        Assert.Equal((await kit.Context.Services.GetRequiredService<IMediaUrls>().GetUrlAsync(asset, "poster"))!.Url, img.GetAttribute("src"));
    }

    [Fact]
    public async Task An_asset_id_is_loaded_from_the_store_of_the_users_tenant_only()
    {
        await using var kit = await UiTestKit.CreateAsync(tenant: "store-a");
        var asset = await kit.UploadImageAsync("red-shoe.png");
        var url = (await kit.Context.Services.GetRequiredService<IMediaUrls>().GetUrlAsync(asset.Id))!.Url;

        var img = kit.Context.Render<MediaImage>(p => p.Add(x => x.AssetId, asset.Id)).Find("img");
        Assert.Equal(url, img.GetAttribute("src"));
        Assert.Null(img.GetAttribute("width")); // no image probe in this setup: unknown dimensions are left out, never guessed

        kit.SignIn("user-9", "store-b");
        Assert.Empty(kit.Context.Render<MediaImage>(p => p.Add(x => x.AssetId, asset.Id)).FindAll("img"));
    }

    [Fact]
    public async Task A_private_collection_gets_signed_urls()
    {
        await using var kit = await UiTestKit.CreateAsync(configureMediaKit: o =>
        {
            o.Collections.Add("private", c =>
            {
                c.AcceptImages();
                c.Visibility = MediaVisibility.Private;
            });
            o.Signing.Keys["k1"] = Convert.ToBase64String(new byte[32]);
            o.Signing.CurrentKeyId = "k1";
        });
        var asset = Photo();
        asset.Collection = "private";

        var img = kit.Context.Render<MediaImage>(p => p.Add(x => x.Asset, asset)).Find("img");

        var urls = kit.Context.Services.GetRequiredService<IMediaUrls>();
        var signed = (await urls.GetUrlAsync(asset, "thumb-800"))!;
        Assert.NotNull(signed.ExpiresAt);
        Assert.Equal(signed.Url, img.GetAttribute("src"));
        Assert.Contains($"{(await urls.GetUrlAsync(asset, "thumb-150"))!.Url} 150w", img.GetAttribute("srcset")!, StringComparison.Ordinal);
    }

    /// <summary>A 1600 × 1200 JPEG of tenant store-a with JPEG and WebP thumbnails and a ThumbHash, as the Vips processor leaves it.</summary>
    private static MediaAsset Photo()
    {
        var id = Guid.CreateVersion7();
        return new MediaAsset
        {
            Id = id,
            TenantId = "store-a",
            Collection = "products",
            FileName = "shoe.jpg",
            ContentType = MediaContentTypes.Jpeg,
            Kind = MediaKind.Image,
            Length = 420_000,
            Width = 1600,
            Height = 1200,
            StorageKey = "store-a/products/shoe",
            CreatedAt = DateTimeOffset.UtcNow,
            Placeholder = Convert.ToBase64String(ThumbHashTestData.Encode(40, 30, ThumbHashTestData.Solid(40, 30, 180, 60, 40))),
            Variants =
            [
                Variant(id, "thumb-150", MediaContentTypes.Jpeg, 150, 113),
                Variant(id, "thumb-300", MediaContentTypes.Jpeg, 300, 225),
                Variant(id, "thumb-800", MediaContentTypes.Jpeg, 800, 600),
                Variant(id, "webp-300", MediaContentTypes.WebP, 300, 225),
                Variant(id, "webp-800", MediaContentTypes.WebP, 800, 600),
            ],
        };
    }

    private static MediaVariant Variant(Guid assetId, string name, string contentType, int width, int height)
        => new() { AssetId = assetId, Name = name, ContentType = contentType, Width = width, Height = height, Length = width * 10, StorageKey = $"v/{name}" };
}
