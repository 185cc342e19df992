namespace MediaKit.Ui.Internal;

/// <summary>What the picker shows of one asset: its thumbnail URL (smallest variant), its preview URL and its facts.</summary>
internal sealed record PickerItem(
    Guid Id,
    string FileName,
    string? AltText,
    string? Title,
    MediaKind Kind,
    string ContentType,
    long Length,
    int? Width,
    int? Height,
    string? ThumbnailUrl,
    int ThumbnailWidth,
    int ThumbnailHeight,
    string? PreviewUrl)
{
    /// <summary>The thumbnail box's side in CSS pixels.</summary>
    public const int ThumbnailBox = 150;

    /// <summary>A stand-in for a chosen id that no longer resolves (deleted, or not visible to this user).</summary>
    public static PickerItem Missing(Guid id) => new(id, "Unavailable file", null, null, MediaKind.Other, "", 0, null, null, null, ThumbnailBox, ThumbnailBox, null);

    /// <summary>Whether the id resolved to a live asset.</summary>
    public bool IsMissing => ContentType.Length == 0;

    /// <summary>The size as people read it.</summary>
    public string SizeText => Length switch
    {
        < 1024 => $"{Length} B",
        < 1024 * 1024 => $"{Length / 1024.0:0.#} KB",
        < 1024L * 1024 * 1024 => $"{Length / (1024.0 * 1024):0.#} MB",
        _ => $"{Length / (1024.0 * 1024 * 1024):0.##} GB",
    };

    /// <summary>Builds the item of a loaded asset with the URLs of its smallest and a larger variant (no further look-ups).</summary>
    public static async Task<PickerItem> FromAsync(MediaAsset asset, IMediaUrls urls, CancellationToken cancellationToken)
    {
        string? thumb = null;
        string? preview = null;
        var (tw, th) = Fit(asset.Width, asset.Height);
        if (asset.Kind == MediaKind.Image || asset.Variants.Count > 0)
        {
            var small = Variant(asset, "thumb-150-webp", "thumb-150");
            if (small is not null)
            {
                (tw, th) = Fit(small.Width ?? asset.Width, small.Height ?? asset.Height);
            }

            thumb = (await urls.GetUrlAsync(asset, small?.Name, cancellationToken: cancellationToken))?.Url;
            var large = Variant(asset, "thumb-800-webp", "thumb-800", "thumb-300-webp", "thumb-300");
            preview = large is null ? (small is null ? thumb : (await urls.GetUrlAsync(asset, null, cancellationToken: cancellationToken))?.Url)
                : (await urls.GetUrlAsync(asset, large.Name, cancellationToken: cancellationToken))?.Url;
            if (asset.Kind != MediaKind.Image && small is null)
            {
                // A video or document without a thumbnail variant has no picture to show.
                thumb = null;
                preview = null;
            }
        }

        return new PickerItem(asset.Id, asset.FileName, asset.AltText, asset.Title, asset.Kind, asset.ContentType, asset.Length, asset.Width, asset.Height, thumb, tw, th, preview);
    }

    private static MediaVariant? Variant(MediaAsset asset, params string[] names)
    {
        foreach (var name in names)
        {
            if (asset.Variants.Find(v => v.Name == name) is { } variant)
            {
                return variant;
            }
        }

        return null;
    }

    private static (int Width, int Height) Fit(int? width, int? height)
    {
        if (width is not > 0 || height is not > 0)
        {
            return (ThumbnailBox, ThumbnailBox);
        }

        var scale = (double)ThumbnailBox / Math.Max(width.Value, height.Value);
        return (Math.Max(1, (int)Math.Round(width.Value * scale)), Math.Max(1, (int)Math.Round(height.Value * scale)));
    }
}
