namespace MediaKit.Catalog;

/// <summary>
/// The one catalog lookup that file delivery (<c>GET {id}/content</c>) makes per request: what serving one file of an asset
/// needs, without loading the asset with its variants and versions. Optional: without it, delivery reads the asset through
/// <see cref="IMediaCatalog.FindAsync"/>. <c>MediaKit.EfCore</c> implements it.
/// </summary>
/// <remarks>
/// The answer must be what <see cref="IMediaCatalog.FindAsync"/> (live assets only) would say at the time of the call, or a
/// moment before: an implementation may keep answers in memory for a short time, provided it drops an asset's answers as soon
/// as a change to that asset is saved through it in this process (a soft delete must stop the file being served at once).
/// A host that replaces <see cref="IMediaCatalog"/> with its own implementation should replace this service too, or remove it.
/// </remarks>
public interface IMediaDeliveryCatalog
{
    /// <summary>Finds a file of a live (not trashed) asset of <paramref name="tenantId"/>: the original, or the named variant.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="assetId">The asset id.</param>
    /// <param name="variant">The variant's name, or <see langword="null"/> for the original.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The file, or <see langword="null"/> when the tenant has no such live asset or the asset has no such variant.</returns>
    ValueTask<MediaDeliveryFile?> FindForDeliveryAsync(string tenantId, Guid assetId, string? variant, CancellationToken cancellationToken);
}

/// <summary>What serving one file of an asset needs: where its bytes are, how to describe them, and who may see them.</summary>
/// <remarks>Instances may be shared between requests and must not be changed after they are handed out.</remarks>
public sealed class MediaDeliveryFile
{
    /// <summary>The asset.</summary>
    public required Guid AssetId { get; init; }

    /// <summary>The asset's tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The asset's collection (which decides whether the file is public).</summary>
    public required string Collection { get; init; }

    /// <summary>The blob store that holds the asset's files (<see cref="MediaAsset.StoreName"/>).</summary>
    public required string StoreName { get; init; }

    /// <summary>The asset's file name, offered for downloads.</summary>
    public required string FileName { get; init; }

    /// <summary>The asset's review status.</summary>
    public required MediaAssetStatus Status { get; init; }

    /// <summary>Who uploaded the asset, when known (files pending review are shown to their uploader).</summary>
    public string? UploadedBy { get; init; }

    /// <summary>When the asset last changed (the response's <c>Last-Modified</c>).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the asset expires, if it does; from then on it is not served.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The SHA-256 of the asset's original file, lowercase hex (the entity tags derive from it).</summary>
    public required string Sha256 { get; init; }

    /// <summary>The variant's name, or <see langword="null"/> for the original.</summary>
    public string? Variant { get; init; }

    /// <summary>The blob key of this file: the original's or the variant's.</summary>
    public required string StorageKey { get; init; }

    /// <summary>The content type of this file.</summary>
    public required string ContentType { get; init; }

    /// <summary>The length of this file in bytes.</summary>
    public required long Length { get; init; }
}
