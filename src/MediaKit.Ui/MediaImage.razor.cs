using MediaKit.Ui.Internal;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace MediaKit.Ui;

/// <summary>
/// Shows an image asset as a responsive <c>img</c>: every variant in <c>srcset</c> with its width (WebP and AVIF variants as
/// <c>picture</c> sources), the asset's dimensions as <c>width</c> and <c>height</c> so the page does not jump, lazy loading,
/// and its ThumbHash placeholder as a blurred background while the file loads. Works without script (static rendering too).
/// </summary>
/// <remarks>
/// URLs come from <see cref="IMediaUrls"/>: signed and expiring for private collections. Files that are not raster images
/// (SVG and other active content, documents) render nothing; a video renders its poster variant when it has one.
/// </remarks>
public sealed partial class MediaImage
{
    private ImageSources? _sources;
    private MediaAsset? _shown;
    private string? _placeholder;

    [Inject]
    private IMediaStore Store { get; set; } = default!;

    [Inject]
    private IMediaUrls Urls { get; set; } = default!;

    /// <summary>The asset to show (loaded when only <see cref="AssetId"/> is given).</summary>
    [Parameter]
    public MediaAsset? Asset { get; set; }

    /// <summary>The id of the asset to show, when the caller has no <see cref="MediaAsset"/> at hand.</summary>
    [Parameter]
    public Guid? AssetId { get; set; }

    /// <summary>The <c>sizes</c> attribute (default <c>100vw</c>): how wide the image is drawn, so the browser picks a variant.</summary>
    [Parameter]
    public string Sizes { get; set; } = "100vw";

    /// <summary>The alternative text; default the asset's alt text, else its title; empty for a decorative image.</summary>
    [Parameter]
    public string? Alt { get; set; }

    /// <summary>Lazy loading (default) or eager, for the image above the fold.</summary>
    [Parameter]
    public bool Eager { get; set; }

    /// <summary>Other attributes (class, style, id) put on the <c>img</c>.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        var asset = Asset;
        if (asset is null && AssetId is { } id)
        {
            asset = _shown?.Id == id ? _shown : await Store.FindAsync(id);
        }

        _shown = asset;
        _sources = asset is null ? null : await ImageSources.ResolveAsync(asset, Urls, CancellationToken.None);
        _placeholder = _sources is null ? null : ThumbHashPlaceholders.ToDataUrl(asset!.Placeholder);
    }

    private string AltText => Alt ?? _shown?.AltText ?? _shown?.Title ?? "";

    private RenderFragment RenderImg(ImageSources sources) => builder => BuildImg(builder, sources);

    private void BuildImg(RenderTreeBuilder builder, ImageSources sources)
    {
        var asset = _shown!;
        builder.OpenElement(0, "img");
        builder.AddMultipleAttributes(1, AdditionalAttributes?.Where(a => !string.Equals(a.Key, "style", StringComparison.OrdinalIgnoreCase)));
        builder.AddAttribute(2, "src", sources.Src);
        if (sources.SrcSet is not null)
        {
            builder.AddAttribute(3, "srcset", sources.SrcSet);
            builder.AddAttribute(4, "sizes", Sizes);
        }

        if (asset.Width is > 0 && asset.Height is > 0)
        {
            builder.AddAttribute(5, "width", asset.Width.Value);
            builder.AddAttribute(6, "height", asset.Height.Value);
        }

        builder.AddAttribute(7, "alt", AltText);
        builder.AddAttribute(8, "loading", Eager ? "eager" : "lazy");
        builder.AddAttribute(9, "decoding", "async");
        if (Eager)
        {
            builder.AddAttribute(10, "fetchpriority", "high");
        }

        var style = AdditionalAttributes?.FirstOrDefault(a => string.Equals(a.Key, "style", StringComparison.OrdinalIgnoreCase)).Value as string;
        if (_placeholder is not null)
        {
            var background = $"background-image:url({_placeholder});background-size:cover;background-repeat:no-repeat;";
            style = string.IsNullOrEmpty(style) ? background : background + style;
        }

        if (!string.IsNullOrEmpty(style))
        {
            builder.AddAttribute(11, "style", style);
        }

        builder.CloseElement();
    }
}
