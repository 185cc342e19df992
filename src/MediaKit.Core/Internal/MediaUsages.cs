using MediaKit.Catalog;

namespace MediaKit.Internal;

/// <summary>The default <see cref="IMediaUsages"/>: checks arguments and tenancy, then lets the catalog store the references.</summary>
internal sealed class MediaUsages(IMediaUsageCatalog catalog, IMediaTenantAccessor tenant, TimeProvider time) : IMediaUsages
{
    public async Task SetAsync(string resourceType, string resourceId, string field, IReadOnlyList<Guid> assetIds, CancellationToken cancellationToken = default)
    {
        CheckResource(resourceType, resourceId, field);
        ArgumentNullException.ThrowIfNull(assetIds);
        if (assetIds.Distinct().Count() != assetIds.Count)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"An asset appears more than once in {resourceType} {resourceId} ({field}).");
        }

        var tenantId = tenant.TenantId;
        await EnsureLiveAsync(tenantId, assetIds, cancellationToken);
        await catalog.ReplaceAsync(tenantId, resourceType, resourceId, field, assetIds, time.GetUtcNow(), cancellationToken);
    }

    public async Task AddAsync(string resourceType, string resourceId, string field, Guid assetId, CancellationToken cancellationToken = default)
    {
        CheckResource(resourceType, resourceId, field);
        var tenantId = tenant.TenantId;
        await EnsureLiveAsync(tenantId, [assetId], cancellationToken);
        await catalog.AddAsync(tenantId, resourceType, resourceId, field, assetId, time.GetUtcNow(), cancellationToken);
    }

    public Task<bool> RemoveAsync(string resourceType, string resourceId, string field, Guid assetId, CancellationToken cancellationToken = default)
    {
        CheckResource(resourceType, resourceId, field);
        return catalog.RemoveAsync(tenant.TenantId, resourceType, resourceId, field, assetId, cancellationToken);
    }

    public Task<int> RemoveResourceAsync(string resourceType, string resourceId, CancellationToken cancellationToken = default)
    {
        CheckResource(resourceType, resourceId, "-");
        return catalog.RemoveResourceAsync(tenant.TenantId, resourceType, resourceId, cancellationToken);
    }

    public Task<IReadOnlyList<MediaUsage>> GetAsync(string resourceType, string resourceId, string? field = null, CancellationToken cancellationToken = default)
    {
        CheckResource(resourceType, resourceId, field ?? "-");
        return catalog.GetAsync(tenant.TenantId, resourceType, resourceId, field, cancellationToken);
    }

    public async Task<MediaPage<MediaUsage>> FindUsesAsync(Guid assetId, string? cursor = null, int limit = MediaQuery.DefaultLimit, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > MediaQuery.MaxLimit)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"The page size must be between 1 and {MediaQuery.MaxLimit}.");
        }

        Guid? after = null;
        if (cursor is not null)
        {
            after = Guid.TryParseExact(cursor, "N", out var parsed)
                ? parsed
                : throw new MediaException(MediaErrorCodes.InvalidRequest, "The cursor is not one this API returned.");
        }

        var items = await catalog.FindUsesAsync(tenant.TenantId, assetId, after, limit + 1, cancellationToken);
        return items.Count > limit
            ? new MediaPage<MediaUsage>([.. items.Take(limit)], items[limit - 1].Id.ToString("N"), null)
            : new MediaPage<MediaUsage>(items, null, null);
    }

    public Task<IReadOnlyDictionary<Guid, int>> CountAsync(IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assetIds);
        return catalog.CountAsync(tenant.TenantId, assetIds, cancellationToken);
    }

    private async Task EnsureLiveAsync(string tenantId, IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken)
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

    private static void CheckResource(string resourceType, string resourceId, string field)
    {
        Check(resourceType, nameof(resourceType), 64);
        Check(resourceId, nameof(resourceId), 128);
        Check(field, nameof(field), 64);
    }

    private static void Check(string value, string name, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length == 0 || value.Length > maxLength || value.Any(char.IsControl))
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"{name} must be 1 to {maxLength} characters without control characters.");
        }
    }
}
