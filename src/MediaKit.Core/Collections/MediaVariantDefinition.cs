namespace MediaKit;

/// <summary>The file format of a variant.</summary>
public enum MediaVariantFormat
{
    /// <summary>
    /// The original's format family, as browsers show it: JPEG for JPEG and HEIC, PNG for PNG, GIF for GIF, WebP for WebP,
    /// AVIF for AVIF, JPEG for video posters.
    /// </summary>
    Auto,

    /// <summary>JPEG (no transparency, no animation).</summary>
    Jpeg,

    /// <summary>PNG (lossless, transparency).</summary>
    Png,

    /// <summary>WebP (lossy, transparency and animation).</summary>
    WebP,

    /// <summary>AVIF (the smallest files, the slowest to encode).</summary>
    Avif,

    /// <summary>GIF (animation; 256 colors).</summary>
    Gif,
}

/// <summary>How a variant fits its <see cref="MediaVariantDefinition.Width"/> × <see cref="MediaVariantDefinition.Height"/> box.</summary>
public enum MediaVariantFit
{
    /// <summary>Scaled down to fit inside the box, keeping the aspect ratio (never enlarged).</summary>
    Inside,

    /// <summary>Scaled to cover the box and cropped to it (centered), for square thumbnails and the like. Needs both a width and a height.</summary>
    Cover,
}

/// <summary>
/// One variant a collection generates for every file it applies to, such as <c>thumb-300</c>: a size box, a format and
/// a quality. Configure it through <see cref="MediaVariantCollection.Add"/>.
/// </summary>
public sealed class MediaVariantDefinition
{
    internal MediaVariantDefinition(string name) => Name = name;

    /// <summary>The variant's name, used in URLs and storage keys: lowercase letters, digits, <c>-</c> and <c>_</c>, 1 to 64 characters (checked at startup).</summary>
    public string Name { get; }

    /// <summary>The largest width in pixels; <see langword="null"/> for no width limit. At least one of width and height is required.</summary>
    public int? Width { get; set; }

    /// <summary>The largest height in pixels; <see langword="null"/> for no height limit.</summary>
    public int? Height { get; set; }

    /// <summary>How the image fits the box. Default <see cref="MediaVariantFit.Inside"/>.</summary>
    public MediaVariantFit Fit { get; set; }

    /// <summary>The format. Default <see cref="MediaVariantFormat.Auto"/> (the original's family).</summary>
    public MediaVariantFormat Format { get; set; }

    /// <summary>The encoder's quality, 1 to 100, for JPEG, WebP and AVIF; <see langword="null"/> for the engine's default (JPEG and WebP 80, AVIF 50).</summary>
    public int? Quality { get; set; }

    /// <summary>
    /// Whether the variant keeps the original's metadata (EXIF, XMP, IPTC). Default <see langword="false"/>: variants are
    /// stripped, so no camera serial or GPS position leaks into a thumbnail. The color profile is applied (converted to sRGB) either way.
    /// </summary>
    public bool KeepMetadata { get; set; }

    /// <summary>The content types (exact or <c>type/*</c>) the variant is generated for. Default <c>image/*</c>.</summary>
    public IList<string> AppliesTo { get; } = ["image/*"];

    /// <summary>Whether the variant is generated for files of <paramref name="contentType"/>.</summary>
    public bool Applies(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        foreach (var pattern in AppliesTo)
        {
            if (pattern.EndsWith("/*", StringComparison.Ordinal)
                ? contentType.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
                : contentType.Equals(pattern, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The variants of a collection. A new collection starts with the defaults (<see cref="DefaultWidths"/> in the original's
/// format family and in WebP, plus a <c>poster</c> for videos); <see cref="Clear"/> them to define your own, or set
/// <see cref="Enabled"/> to <see langword="false"/> to store originals only.
/// </summary>
public sealed class MediaVariantCollection : IEnumerable<MediaVariantDefinition>
{
    /// <summary>The widths of the default variants: 150, 300 and 800 pixels.</summary>
    public static IReadOnlyList<int> DefaultWidths { get; } = [150, 300, 800];

    private readonly List<MediaVariantDefinition> _definitions = [];

    internal MediaVariantCollection()
    {
        foreach (var width in DefaultWidths)
        {
            Add($"thumb-{width}", v => v.Width = width);
        }

        foreach (var width in DefaultWidths)
        {
            Add($"thumb-{width}-webp", v => { v.Width = width; v.Format = MediaVariantFormat.WebP; });
        }

        Add("poster", v =>
        {
            v.Width = 800;
            v.Format = MediaVariantFormat.Jpeg;
            v.AppliesTo.Clear();
            v.AppliesTo.Add("video/*");
        });
    }

    /// <summary>Whether variants are generated at all. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Whether image assets get a placeholder (<see cref="MediaAsset.Placeholder"/>), even when <see cref="Enabled"/> is off. Default <see langword="true"/>.</summary>
    public bool Placeholder { get; set; } = true;

    /// <summary>How many variants are defined.</summary>
    public int Count => _definitions.Count;

    /// <summary>Adds a variant, or configures it further when one has that name.</summary>
    /// <param name="name">The variant's name (lowercase letters, digits, <c>-</c>, <c>_</c>; checked at startup).</param>
    /// <param name="configure">Sets size, format and quality.</param>
    /// <returns>The definition.</returns>
    public MediaVariantDefinition Add(string name, Action<MediaVariantDefinition>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var definition = Find(name);
        if (definition is null)
        {
            definition = new MediaVariantDefinition(name);
            _definitions.Add(definition);
        }

        configure?.Invoke(definition);
        return definition;
    }

    /// <summary>Removes the variant named <paramref name="name"/>.</summary>
    /// <returns>Whether one was removed.</returns>
    public bool Remove(string name) => _definitions.RemoveAll(d => d.Name == name) > 0;

    /// <summary>Removes every variant, the defaults included.</summary>
    public void Clear() => _definitions.Clear();

    /// <summary>Finds a variant by name.</summary>
    /// <returns>The definition, or <see langword="null"/>.</returns>
    public MediaVariantDefinition? Find(string name) => _definitions.Find(d => d.Name == name);

    /// <summary>The variants generated for files of <paramref name="contentType"/>; empty when <see cref="Enabled"/> is off.</summary>
    public IReadOnlyList<MediaVariantDefinition> For(string contentType)
        => Enabled ? _definitions.FindAll(d => d.Applies(contentType)) : [];

    /// <inheritdoc />
    public IEnumerator<MediaVariantDefinition> GetEnumerator() => _definitions.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
