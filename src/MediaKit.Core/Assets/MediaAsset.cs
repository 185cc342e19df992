namespace MediaKit;

/// <summary>
/// One stored file and its record: the unit that is uploaded once and reused everywhere.
/// </summary>
/// <remarks>
/// An asset is identified by <see cref="Id"/> (a time-ordered GUID v7), never by its storage path.
/// A record exists only for bytes that are in storage: the upload pipeline writes the bytes first and
/// commits the record last, and removes the bytes again when the commit fails.
/// </remarks>
public class MediaAsset
{
    /// <summary>The asset's identifier, a time-ordered GUID (version 7).</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant (organization, store) that owns the asset. Every query is scoped to it.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The name of the collection whose policy accepted the file, such as <c>products</c>.</summary>
    public string Collection { get; set; } = "";

    /// <summary>The generated key of the original file in the blob store. Never derived from client input.</summary>
    public string StorageKey { get; set; } = "";

    /// <summary>
    /// The name of the blob store that holds the asset's files: the original, its variants and its previous versions
    /// (<see cref="Storage.MediaStorageOptions"/>). Changed only by <see cref="Storage.IMediaStoreMover"/>.
    /// </summary>
    public string StoreName { get; set; } = Storage.MediaStorageOptions.DefaultStoreName;

    /// <summary>The original file name, normalized, for display and downloads only.</summary>
    public string FileName { get; set; } = "";

    /// <summary>An optional title shown in the library.</summary>
    public string? Title { get; set; }

    /// <summary>Alternative text for images, used by <c>MediaImage</c> and the picker.</summary>
    public string? AltText { get; set; }

    /// <summary>Free-form tags used for filtering.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>The content type decided from the file's bytes, such as <c>image/jpeg</c>.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>The broad kind of the file.</summary>
    public MediaKind Kind { get; set; }

    /// <summary>The size of the original file in bytes.</summary>
    public long Length { get; set; }

    /// <summary>The SHA-256 of the original file as 64 lowercase hexadecimal characters.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The upright width in pixels, for images and videos, when known.</summary>
    public int? Width { get; set; }

    /// <summary>The upright height in pixels, for images and videos, when known.</summary>
    public int? Height { get; set; }

    /// <summary>The duration in seconds, for videos and audio, when known.</summary>
    public double? DurationSeconds { get; set; }

    /// <summary>A compact placeholder (BlurHash or ThumbHash) shown while the image loads.</summary>
    public string? Placeholder { get; set; }

    /// <summary>
    /// Facts that probes read from the file, by well-known key (see <see cref="Processing.MediaMetadataKeys"/>): format,
    /// orientation, frame count, color profile, camera, taken-at, copyright, caption, codecs. Never includes GPS positions.
    /// </summary>
    public IDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The review state.</summary>
    public MediaAssetStatus Status { get; set; }

    /// <summary>The note a reviewer left when approving or rejecting the asset.</summary>
    public string? ReviewNote { get; set; }

    /// <summary>The identifier of the user who uploaded the file, when known.</summary>
    public string? UploadedBy { get; set; }

    /// <summary>When the asset was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the asset's record or file last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the asset may be removed automatically; <see langword="null"/> for never.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When the asset was moved to the trash; <see langword="null"/> while it is live. A deleted asset is not served.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>The file's version, incremented each time its content is replaced.</summary>
    public int Version { get; set; } = 1;

    /// <summary>A value that changes on every update, used for optimistic concurrency.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>The derived files of the asset (thumbnails, renditions, posters).</summary>
    public List<MediaVariant> Variants { get; set; } = [];

    /// <summary>The files this asset had before its content was replaced, kept for a retention period.</summary>
    public List<MediaAssetVersion> PreviousVersions { get; set; } = [];

    /// <summary>Whether the asset is in the trash.</summary>
    public bool IsDeleted => DeletedAt is not null;
}
