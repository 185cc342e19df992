using System.Globalization;
using System.Text;

namespace MediaKit.Ui.Internal;

/// <summary>What <c>MediaImage</c> renders for an asset: the fallback <c>src</c> and <c>srcset</c>, and modern-format sources.</summary>
/// <param name="Src">The <c>src</c> of the <c>img</c>.</param>
/// <param name="SrcSet">The <c>srcset</c> of the <c>img</c> (width descriptors), or <see langword="null"/>.</param>
/// <param name="Sources">The <c>picture</c> sources (type and srcset), best format first; empty for a plain <c>img</c>.</param>
internal sealed record ImageSources(string Src, string? SrcSet, IReadOnlyList<(string Type, string SrcSet)> Sources)
{
    /// <summary>The width the <c>src</c> fallback aims for: the largest variant not wider than this, else the smallest.</summary>
    internal const int FallbackWidth = 1024;

    private static readonly string[] s_modernTypes = [MediaContentTypes.Avif, MediaContentTypes.WebP];

    /// <summary>Whether an asset can be drawn as an <c>img</c>: a raster image, or a file with raster image variants (a video poster).</summary>
    public static bool CanShow(MediaAsset asset)
        => !IsActive(asset.ContentType)
            && (IsRaster(asset.ContentType) || asset.Variants.Any(v => IsRaster(v.ContentType)));

    /// <summary>
    /// Builds the sources of a shown asset from the URLs <see cref="IMediaUrls"/> gives (signed and expiring for private
    /// collections). Variants are grouped by format: the family of the original (else JPEG, else PNG) feeds the <c>img</c>,
    /// AVIF and WebP families become <c>picture</c> sources.
    /// </summary>
    /// <returns>The sources, or <see langword="null"/> when nothing can be shown (active content, an asset in the trash).</returns>
    public static async Task<ImageSources?> ResolveAsync(MediaAsset asset, IMediaUrls urls, CancellationToken cancellationToken)
    {
        if (!CanShow(asset))
        {
            return null;
        }

        var sized = asset.Variants
            .Where(v => IsRaster(v.ContentType) && v.Width is > 0)
            .OrderBy(v => v.Width)
            .ToList();
        var originalIsImage = asset.Kind == MediaKind.Image && IsRaster(asset.ContentType);
        var family = PickFamily(asset, sized, originalIsImage);

        var fallback = new List<(string Url, int Width)>();
        foreach (var variant in sized.Where(v => Same(v.ContentType, family)))
        {
            if (await urls.GetUrlAsync(asset, variant.Name, cancellationToken: cancellationToken).ConfigureAwait(false) is { } url)
            {
                fallback.Add((url.Url, variant.Width!.Value));
            }
        }

        string? originalUrl = null;
        if (originalIsImage)
        {
            originalUrl = (await urls.GetUrlAsync(asset, cancellationToken: cancellationToken).ConfigureAwait(false))?.Url;
            if (originalUrl is not null && Same(asset.ContentType, family) && asset.Width is > 0 && !fallback.Any(f => f.Width >= asset.Width))
            {
                fallback.Add((originalUrl, asset.Width.Value));
            }
        }

        string? src = fallback.Where(f => f.Width <= FallbackWidth).Select(f => f.Url).LastOrDefault()
            ?? fallback.Select(f => f.Url).FirstOrDefault()
            ?? originalUrl;
        if (src is null)
        {
            // A poster-only asset with unsized variants, or one whose URLs are gone (in the trash): use any raster variant.
            foreach (var variant in asset.Variants.Where(v => IsRaster(v.ContentType)))
            {
                if (await urls.GetUrlAsync(asset, variant.Name, cancellationToken: cancellationToken).ConfigureAwait(false) is { } url)
                {
                    src = url.Url;
                    break;
                }
            }
        }

        if (src is null)
        {
            return null;
        }

        var sources = new List<(string Type, string SrcSet)>();
        foreach (var type in s_modernTypes)
        {
            if (Same(type, family))
            {
                continue;
            }

            var entries = new List<(string Url, int Width)>();
            foreach (var variant in sized.Where(v => Same(v.ContentType, type)))
            {
                if (await urls.GetUrlAsync(asset, variant.Name, cancellationToken: cancellationToken).ConfigureAwait(false) is { } url)
                {
                    entries.Add((url.Url, variant.Width!.Value));
                }
            }

            if (entries.Count > 0)
            {
                sources.Add((type, BuildSrcSet(entries)!));
            }
        }

        return new ImageSources(src, BuildSrcSet(fallback), sources);
    }

    private static string PickFamily(MediaAsset asset, List<MediaVariant> sized, bool originalIsImage)
    {
        // The img itself must work in every browser: the original's own format when variants exist in it, else JPEG or PNG.
        if (originalIsImage && !Same(asset.ContentType, MediaContentTypes.Avif) && !Same(asset.ContentType, MediaContentTypes.Heic)
            && (sized.Count == 0 || sized.Any(v => Same(v.ContentType, asset.ContentType))))
        {
            return asset.ContentType;
        }

        foreach (var type in (ReadOnlySpan<string>)[MediaContentTypes.Jpeg, MediaContentTypes.Png, MediaContentTypes.Gif, MediaContentTypes.WebP])
        {
            if (sized.Any(v => Same(v.ContentType, type)))
            {
                return type;
            }
        }

        return sized.Count > 0 ? sized[0].ContentType : asset.ContentType;
    }

    private static string? BuildSrcSet(List<(string Url, int Width)> entries)
    {
        if (entries.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var (url, width) in entries.DistinctBy(e => e.Width))
        {
            if (builder.Length > 0)
            {
                builder.Append(", ");
            }

            // A URL with spaces or commas would break the list; percent-encode them.
            builder.Append(url.Replace(" ", "%20", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal))
                .Append(' ').Append(width.ToString(CultureInfo.InvariantCulture)).Append('w');
        }

        return builder.ToString();
    }

    private static bool IsRaster(string contentType)
        => MediaContentTypes.RasterImages.Contains(contentType, StringComparer.OrdinalIgnoreCase) && !IsActive(contentType);

    private static bool IsActive(string contentType) => string.IsNullOrEmpty(contentType) || MediaContentTypes.IsActive(contentType);

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
