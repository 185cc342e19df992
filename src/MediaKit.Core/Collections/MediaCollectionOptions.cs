namespace MediaKit;

/// <summary>
/// The upload policy of one collection: accepted types, size limits, visibility, de-duplication, review and quota.
/// </summary>
public sealed class MediaCollectionOptions
{
    /// <summary>The default size limits per kind: images 10 MB, videos 100 MB, audio 50 MB, documents 50 MB, other files 10 MB (decimal megabytes).</summary>
    public static IReadOnlyDictionary<MediaKind, long> DefaultMaxLengths { get; } = new Dictionary<MediaKind, long>
    {
        [MediaKind.Image] = 10_000_000,
        [MediaKind.Video] = 100_000_000,
        [MediaKind.Audio] = 50_000_000,
        [MediaKind.Document] = 50_000_000,
        [MediaKind.Other] = 10_000_000,
    };

    internal MediaCollectionOptions(string name) => Name = name;

    /// <summary>The collection's name: lowercase letters, digits, <c>-</c> and <c>_</c>, 1 to 64 characters.</summary>
    public string Name { get; }

    /// <summary>
    /// The accepted content types, exact (<c>application/pdf</c>) or by family (<c>image/*</c>). Types are decided from the
    /// bytes. A family pattern never accepts active content (SVG, HTML, scripts): name such a type exactly to accept it. When empty, every known image (except SVG), video, audio and document type is accepted.
    /// </summary>
    public IList<string> AcceptedTypes { get; } = [];

    /// <summary>A size limit in bytes for every kind in this collection, replacing <see cref="DefaultMaxLengths"/>; <see langword="null"/> for the defaults.</summary>
    public long? MaxLength { get; set; }

    /// <summary>Size limits in bytes for single kinds; these win over <see cref="MaxLength"/> and the defaults.</summary>
    public IDictionary<MediaKind, long> MaxLengthByKind { get; } = new Dictionary<MediaKind, long>();

    /// <summary>Whether files are public (stable URLs) or private (signed, expiring URLs). Default public.</summary>
    public MediaVisibility Visibility { get; set; }

    /// <summary>When <see langword="true"/>, uploading the same bytes twice to the same tenant and collection returns the first asset. Default <see langword="false"/>.</summary>
    public bool Deduplicate { get; set; }

    /// <summary>Content types (exact or <c>type/*</c>) whose uploads wait for a reviewer's approval.</summary>
    public IList<string> ReviewTypes { get; } = [];

    /// <summary>
    /// Content types (exact or <c>type/*</c>) that are approved on upload even when <see cref="ReviewTypes"/> matches them, such
    /// as <c>application/pdf</c> within <c>RequireApproval("application/*")</c> (seed 003's safe types).
    /// </summary>
    public IList<string> AutoApproveTypes { get; } = [];

    /// <summary>The most bytes one uploader may store in this collection; <see langword="null"/> for no quota.</summary>
    public long? QuotaPerOwner { get; set; }

    /// <summary>
    /// What happens to SVG files in a collection that accepts <see cref="MediaContentTypes.Svg"/>: by default
    /// <see cref="MediaSvgHandling.Sanitize"/> (scripts, event handlers and external references are removed while the file
    /// is stored, and it may be shown inline); <see cref="MediaSvgHandling.DownloadOnly"/> stores it unchanged and always
    /// serves it as a download.
    /// </summary>
    public MediaSvgHandling SvgHandling { get; set; }

    /// <summary>
    /// The variants (thumbnails, renditions, video posters) generated for every file: by default 150, 300 and 800 pixels wide
    /// in the original's format family and in WebP, and an 800-pixel JPEG poster for videos. Variants never keep metadata unless asked.
    /// </summary>
    public MediaVariantCollection Variants { get; } = new();

    /// <summary>
    /// Whether the stored original keeps its metadata. Default <see cref="MediaOriginalMetadata.Keep"/>;
    /// <see cref="MediaOriginalMetadata.RemoveGps"/> removes the GPS position from JPEG originals as they are stored (the hash and length are those of the stored file).
    /// </summary>
    public MediaOriginalMetadata OriginalMetadata { get; set; }

    /// <summary>Accepts JPEG, PNG, GIF, WebP, AVIF and HEIC images (not SVG).</summary>
    public MediaCollectionOptions AcceptImages() => Accept([.. MediaContentTypes.RasterImages]);

    /// <summary>Accepts MP4, QuickTime, WebM and Ogg videos.</summary>
    public MediaCollectionOptions AcceptVideos() => Accept([.. MediaContentTypes.Videos]);

    /// <summary>Accepts MP3, WAV, Ogg and M4A audio.</summary>
    public MediaCollectionOptions AcceptAudio() => Accept([.. MediaContentTypes.Audio]);

    /// <summary>Accepts PDF, Office and OpenDocument files, plain text, CSV and Markdown.</summary>
    public MediaCollectionOptions AcceptDocuments() => Accept([.. MediaContentTypes.Documents]);

    /// <summary>Accepts the given content types, exact or <c>type/*</c>.</summary>
    public MediaCollectionOptions Accept(params string[] contentTypes)
    {
        ArgumentNullException.ThrowIfNull(contentTypes);
        foreach (var type in contentTypes)
        {
            if (!AcceptedTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
            {
                AcceptedTypes.Add(type);
            }
        }

        return this;
    }

    /// <summary>Makes the collection private: files are served only through signed, expiring URLs or authorized requests.</summary>
    public MediaCollectionOptions Private()
    {
        Visibility = MediaVisibility.Private;
        return this;
    }

    /// <summary>Uploads of the given content types (exact or <c>type/*</c>) wait for a reviewer's approval.</summary>
    public MediaCollectionOptions RequireApproval(params string[] contentTypes)
    {
        ArgumentNullException.ThrowIfNull(contentTypes);
        foreach (var type in contentTypes)
        {
            ReviewTypes.Add(type);
        }

        return this;
    }

    /// <summary>Uploads of the given content types (exact or <c>type/*</c>) are approved at once, even where <see cref="RequireApproval"/> names their family.</summary>
    public MediaCollectionOptions AutoApprove(params string[] contentTypes)
    {
        ArgumentNullException.ThrowIfNull(contentTypes);
        foreach (var type in contentTypes)
        {
            AutoApproveTypes.Add(type);
        }

        return this;
    }

    /// <summary>The size limit in bytes that applies to files of <paramref name="kind"/>.</summary>
    public long GetMaxLength(MediaKind kind)
        => MaxLengthByKind.TryGetValue(kind, out var limit) ? limit : MaxLength ?? DefaultMaxLengths[kind];

    /// <summary>The largest limit of any kind: a declared length above it is rejected before any byte is read.</summary>
    public long GetLargestMaxLength()
        => Enum.GetValues<MediaKind>().Max(GetMaxLength);

    /// <summary>Whether files of <paramref name="contentType"/> (decided from the bytes) are accepted.</summary>
    public bool Accepts(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        if (AcceptedTypes.Count == 0)
        {
            return !MediaContentTypes.IsActive(contentType) && MediaContentTypes.GetKind(contentType) != MediaKind.Other;
        }

        return Matches(AcceptedTypes, contentType);
    }

    /// <summary>Whether uploads of <paramref name="contentType"/> wait for review: <see cref="ReviewTypes"/> matches it and <see cref="AutoApproveTypes"/> does not.</summary>
    public bool RequiresReview(string contentType) => Matches(ReviewTypes, contentType) && !Matches(AutoApproveTypes, contentType);

    private static bool Matches(IEnumerable<string> patterns, string contentType)
    {
        foreach (var pattern in patterns)
        {
            // A family pattern never lets in active content (image/* does not accept SVG): list such types by name.
            if (pattern.EndsWith("/*", StringComparison.Ordinal)
                ? contentType.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase) && !MediaContentTypes.IsActive(contentType)
                : contentType.Equals(pattern, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
