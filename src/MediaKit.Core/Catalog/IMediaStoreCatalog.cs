namespace MediaKit.Catalog;

/// <summary>
/// What moving assets between blob stores needs from the catalog, across all tenants. <c>MediaKit.EfCore</c> implements it.
/// </summary>
public interface IMediaStoreCatalog
{
    /// <summary>Ids of assets of every tenant, in the trash or not, whose files are on <paramref name="storeName"/>, ordered, after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<Guid>> FindAssetIdsOnStoreAsync(string storeName, Guid? after, int limit, CancellationToken cancellationToken);

    /// <summary>Counts the assets of every tenant, in the trash or not, whose files are on <paramref name="storeName"/>.</summary>
    Task<long> CountAssetsOnStoreAsync(string storeName, CancellationToken cancellationToken);

    /// <summary>An asset of any tenant, in the trash or not, tracked, with its variants and previous versions.</summary>
    Task<MediaAsset?> FindAssetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The store that holds the asset's files now, read from the database (not from a tracked copy), or <see langword="null"/> when the asset is gone.</summary>
    Task<string?> FindStoreNameAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Sets <see cref="MediaAsset.StoreName"/> of an asset found through <see cref="FindAssetAsync"/> and saves it, with the audit
    /// entries staged for it, only if nobody changed the asset since it was read (<see cref="MediaAsset.ConcurrencyStamp"/>).
    /// </summary>
    /// <returns><see langword="true"/> when saved; <see langword="false"/> when the asset changed or was removed meanwhile (nothing is saved).</returns>
    Task<bool> TrySwitchStoreAsync(MediaAsset asset, string storeName, CancellationToken cancellationToken);

    /// <summary>Returns which of <paramref name="storageKeys"/> belong to an asset, a variant or a previous version whose asset is on <paramref name="storeName"/>.</summary>
    Task<IReadOnlySet<string>> FindKnownStorageKeysAsync(string storeName, IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken);
}
