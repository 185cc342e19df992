namespace MediaKit;

/// <summary>A file derived from an asset: a thumbnail size, a WebP or AVIF rendition, a video poster.</summary>
public class MediaVariant
{
    /// <summary>The asset the variant belongs to.</summary>
    public Guid AssetId { get; set; }

    /// <summary>The variant's name within its asset, such as <c>thumb-300</c> or <c>poster</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The generated key of the variant's file in the blob store.</summary>
    public string StorageKey { get; set; } = "";

    /// <summary>The variant's content type.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>The variant's size in bytes.</summary>
    public long Length { get; set; }

    /// <summary>The variant's width in pixels, when it is an image.</summary>
    public int? Width { get; set; }

    /// <summary>The variant's height in pixels, when it is an image.</summary>
    public int? Height { get; set; }

    /// <summary>When the variant was generated.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
