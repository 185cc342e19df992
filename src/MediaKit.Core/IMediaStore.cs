using MediaKit.Storage;

namespace MediaKit;

/// <summary>
/// The media library of the current tenant: upload files, find and list assets, read their bytes, delete and restore them.
/// </summary>
/// <remarks>
/// Every method is scoped to the tenant of <see cref="IMediaTenantAccessor"/>: an asset of another tenant behaves
/// exactly like an asset that does not exist. Register with <c>services.AddMediaKit()</c>; the service is scoped.
/// </remarks>
public interface IMediaStore
{
    /// <summary>
    /// Stores a file in one streaming pass and creates its asset. The bytes are read once, never buffered whole;
    /// the type is decided from the bytes; the size limit stops reading at the limit.
    /// </summary>
    /// <param name="request">The file and where it goes.</param>
    /// <param name="cancellationToken">Cancels the upload; nothing is left behind.</param>
    /// <returns>The new asset, or the existing one when the collection de-duplicates and the same bytes were stored before.</returns>
    /// <exception cref="MediaCollectionNotFoundException">The collection is not configured.</exception>
    /// <exception cref="MediaTooLargeException">The file is larger than the collection allows for its kind.</exception>
    /// <exception cref="MediaTypeRejectedException">The type is not accepted, or the name or declared type contradicts the bytes.</exception>
    /// <exception cref="MediaException">The file is empty (<see cref="MediaErrorCodes.Empty"/>), the stream failed
    /// (<see cref="MediaErrorCodes.UploadIncomplete"/>), or storage or catalog failed (<see cref="MediaErrorCodes.StorageFailed"/>,
    /// <see cref="MediaErrorCodes.CatalogFailed"/>). In every case no record and no bytes are left.</exception>
    Task<MediaAsset> UploadAsync(MediaUploadRequest request, CancellationToken cancellationToken = default);

    /// <summary>Finds a live asset (not in the trash) by id, with its variants.</summary>
    /// <returns>The asset, or <see langword="null"/> when it does not exist in the current tenant or is in the trash.</returns>
    Task<MediaAsset?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Lists assets by filter, sorted, one page at a time (keyset cursor, or page number with a total).</summary>
    /// <exception cref="MediaException">The cursor is malformed (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaPage<MediaAsset>> QueryAsync(MediaQuery query, CancellationToken cancellationToken = default);

    /// <summary>Opens the bytes of a live asset, or of one of its variants, optionally a byte range.</summary>
    /// <param name="id">The asset.</param>
    /// <param name="variant">A variant name, or <see langword="null"/> for the original.</param>
    /// <param name="range">A byte range, or <see langword="null"/> for the whole file.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The content, which the caller disposes; <see langword="null"/> when the asset or variant does not exist, is in the trash, or its bytes are missing.</returns>
    Task<MediaContent?> OpenReadAsync(Guid id, string? variant = null, BlobRange? range = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the file of a live asset in the same streaming pass and with the same checks as an upload to its collection;
    /// the id, usages, groups, title, alt text and tags stay, <see cref="MediaAsset.Version"/> goes up, the variants of the
    /// old file are removed, and the old file is kept as a <see cref="MediaAssetVersion"/> for
    /// <see cref="MediaCleanupOptions.KeepReplacedVersionsFor"/>.
    /// </summary>
    /// <returns>The changed asset, or <see langword="null"/> when it does not exist in the current tenant or is in the trash.</returns>
    /// <exception cref="MediaException">The new file is refused (the same errors as <see cref="UploadAsync"/>); the asset is left as it was.</exception>
    Task<MediaAsset?> ReplaceContentAsync(Guid id, MediaContentReplacement replacement, CancellationToken cancellationToken = default);

    /// <summary>Changes the file name, title, alt text or tags of a live asset.</summary>
    /// <returns>The changed asset, or <see langword="null"/> when it does not exist in the current tenant or is in the trash.</returns>
    /// <exception cref="MediaException">A value is too long or empty where it must not be (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaAsset?> UpdateAsync(Guid id, MediaAssetChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes an asset: moves it to the trash (<see cref="MediaDeleteMode.Soft"/>) so it stops being served at once,
    /// or removes its record, its bytes and every variant (<see cref="MediaDeleteMode.Purge"/>).</summary>
    /// <param name="id">The asset.</param>
    /// <param name="mode">Soft delete or purge.</param>
    /// <param name="force">Delete even when the asset is in use; a purge then also removes its usages.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the asset existed in the current tenant.</returns>
    /// <exception cref="MediaInUseException">The asset is in use and <paramref name="force"/> is <see langword="false"/>.</exception>
    Task<bool> DeleteAsync(Guid id, MediaDeleteMode mode = MediaDeleteMode.Soft, bool force = false, CancellationToken cancellationToken = default);

    /// <summary>Takes an asset out of the trash.</summary>
    /// <returns><see langword="true"/> when the asset was in the trash of the current tenant and is live again.</returns>
    Task<bool> RestoreAsync(Guid id, CancellationToken cancellationToken = default);
}

/// <summary>How <see cref="IMediaStore.DeleteAsync"/> deletes.</summary>
public enum MediaDeleteMode
{
    /// <summary>Move to the trash; the asset can be restored until it is purged.</summary>
    Soft = 0,

    /// <summary>Remove the record, the bytes and every variant for good.</summary>
    Purge = 1,
}
