using MediaKit.Catalog;
using MediaKit.Storage;

namespace MediaKit.Internal;

/// <summary>Removes an asset for good: the record first, then every file under it.</summary>
internal static class AssetPurge
{
    /// <summary>
    /// Record first: once it is gone nothing serves the bytes, and bytes left by a failure here are found by reconciliation;
    /// the reverse order could leave a record without bytes.
    /// </summary>
    /// <returns>The keys whose bytes could not be deleted (reconciliation will remove them).</returns>
    public static async Task<IReadOnlyList<(string Key, Exception Error)>> PurgeAsync(IMediaCatalog catalog, IMediaBlobStores stores, MediaAsset asset, CancellationToken cancellationToken)
    {
        // Every file of an asset is in the store its record names; resolved first, so an unknown store fails before the record goes.
        var blobs = stores.Get(asset.StoreName);
        var keys = asset.Variants.Select(v => v.StorageKey).Concat(asset.PreviousVersions.Select(v => v.StorageKey)).Prepend(asset.StorageKey).ToList();
        await catalog.RemoveAsync(asset, cancellationToken);
        var failures = new List<(string, Exception)>();
        foreach (var key in keys)
        {
            try
            {
                await blobs.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception ex)
            {
                failures.Add((key, ex));
            }
        }

        return failures;
    }
}
