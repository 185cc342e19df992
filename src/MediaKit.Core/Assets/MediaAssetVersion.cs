namespace MediaKit;

/// <summary>
/// A previous file of an asset, kept after its content was replaced so that the replacement can be undone by hand for
/// <see cref="MediaCleanupOptions.KeepReplacedVersionsFor"/>; the cleanup job removes it afterwards.
/// </summary>
public class MediaAssetVersion
{
    /// <summary>The asset.</summary>
    public Guid AssetId { get; set; }

    /// <summary>The version number the file had (<see cref="MediaAsset.Version"/> before the replacement).</summary>
    public int Version { get; set; }

    /// <summary>The generated key of the file in the blob store.</summary>
    public string StorageKey { get; set; } = "";

    /// <summary>The file's content type.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>The file's size in bytes.</summary>
    public long Length { get; set; }

    /// <summary>The file's SHA-256 as lowercase hexadecimal.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The display file name the asset had.</summary>
    public string FileName { get; set; } = "";

    /// <summary>When the file was replaced.</summary>
    public DateTimeOffset ReplacedAt { get; set; }
}
