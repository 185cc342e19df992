namespace MediaKit.Catalog;

/// <summary>
/// The persistence of asset records. <c>MediaKit.EfCore</c> implements it on the host's <c>DbContext</c>.
/// </summary>
/// <remarks>
/// Every method that reads assets takes the tenant explicitly and never returns another tenant's records.
/// Implementations save each call's changes in one transaction.
/// </remarks>
public interface IMediaCatalog
{
    /// <summary>Adds a new asset with its variants and commits.</summary>
    Task AddAsync(MediaAsset asset, CancellationToken cancellationToken);

    /// <summary>Finds an asset of <paramref name="tenantId"/> by id, with its variants.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="id">The asset id.</param>
    /// <param name="includeDeleted">Whether an asset in the trash is returned.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<MediaAsset?> FindAsync(string tenantId, Guid id, bool includeDeleted, CancellationToken cancellationToken);

    /// <summary>Finds a live asset of the tenant and collection with the given SHA-256, for de-duplication.</summary>
    Task<MediaAsset?> FindByContentHashAsync(string tenantId, string collection, string sha256, CancellationToken cancellationToken);

    /// <summary>Returns which of <paramref name="assetIds"/> are live (not in the trash) assets of <paramref name="tenantId"/>.</summary>
    Task<IReadOnlySet<Guid>> FindLiveAssetIdsAsync(string tenantId, IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken);

    /// <summary>Lists the tenant's assets by filter, sorted and paged.</summary>
    /// <exception cref="MediaException">The cursor is malformed.</exception>
    Task<MediaPage<MediaAsset>> QueryAsync(string tenantId, MediaQuery query, CancellationToken cancellationToken);

    /// <summary>Saves changes to an asset found through this catalog and commits.</summary>
    Task UpdateAsync(MediaAsset asset, CancellationToken cancellationToken);

    /// <summary>Removes an asset record, its variants and everything that refers to it, and commits.</summary>
    Task RemoveAsync(MediaAsset asset, CancellationToken cancellationToken);

    /// <summary>Returns which of <paramref name="storageKeys"/> belong to an asset or a variant of any tenant (for reconciliation).</summary>
    Task<IReadOnlySet<string>> FindKnownStorageKeysAsync(IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken);
}
