using MediaKit.Catalog;

namespace MediaKit.Internal;

/// <summary>The rule every reference to assets follows (usages, groups): only live assets of the caller's tenant.</summary>
internal static class LiveAssets
{
    /// <exception cref="MediaNotFoundException">An asset is missing, in the trash, or of another tenant.</exception>
    public static async Task EnsureAsync(IMediaCatalog catalog, string tenantId, IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken)
    {
        if (assetIds.Count == 0)
        {
            return;
        }

        var live = await catalog.FindLiveAssetIdsAsync(tenantId, assetIds, cancellationToken);
        foreach (var id in assetIds)
        {
            if (!live.Contains(id))
            {
                throw new MediaNotFoundException(id);
            }
        }
    }
}
