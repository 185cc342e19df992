using MediaKit.Catalog;

namespace MediaKit.Internal;

/// <summary>The default <see cref="IMediaUsages"/>: checks arguments and tenancy, then lets the catalog store the references.</summary>
internal sealed class MediaUsages(
    IMediaUsageCatalog catalog,
    IMediaCatalog assets,
    IMediaMaintenanceCatalog maintenance,
    IMediaTenantAccessor tenant,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<MediaKitOptions> options) : IMediaUsages
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
        await LiveAssets.EnsureAsync(assets, tenantId, assetIds, cancellationToken);
        await catalog.ReplaceAsync(tenantId, resourceType, resourceId, field, assetIds, time.GetUtcNow(), cancellationToken);
    }

    public async Task AddAsync(string resourceType, string resourceId, string field, Guid assetId, CancellationToken cancellationToken = default)
    {
        CheckResource(resourceType, resourceId, field);
        var tenantId = tenant.TenantId;
        await LiveAssets.EnsureAsync(assets, tenantId, [assetId], cancellationToken);
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
        CheckLimit(limit);
        var items = await catalog.FindUsesAsync(tenant.TenantId, assetId, ParseCursor(cursor), limit + 1, cancellationToken);
        return Page(items, limit, u => u.Id);
    }

    public async Task<MediaPage<MediaAsset>> FindOrphansAsync(TimeSpan? gracePeriod = null, string? cursor = null, int limit = MediaQuery.DefaultLimit, CancellationToken cancellationToken = default)
    {
        CheckLimit(limit);
        var grace = gracePeriod ?? options.Value.Cleanup.OrphanGracePeriod;
        if (grace < TimeSpan.Zero)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, "The grace period must not be negative.");
        }

        var items = await maintenance.FindOrphansAsync(tenant.TenantId, time.GetUtcNow() - grace, ParseCursor(cursor), limit + 1, cancellationToken);
        return Page(items, limit, a => a.Id);
    }

    public async Task<MediaPage<Guid>> FindOrphanIdsAsync(TimeSpan? gracePeriod = null, string? cursor = null, int limit = 1_000, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > MediaQuery.MaxIdLimit)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"The page size must be between 1 and {MediaQuery.MaxIdLimit}.");
        }

        var grace = gracePeriod ?? options.Value.Cleanup.OrphanGracePeriod;
        if (grace < TimeSpan.Zero)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, "The grace period must not be negative.");
        }

        var ids = await maintenance.FindOrphanIdsAsync(tenant.TenantId, time.GetUtcNow() - grace, ParseCursor(cursor), limit + 1, cancellationToken);
        return Page(ids, limit, id => id);
    }

    private static Guid? ParseCursor(string? cursor)
        => cursor is null ? null
            : Guid.TryParseExact(cursor, "N", out var parsed) ? parsed
            : throw new MediaException(MediaErrorCodes.InvalidRequest, "The cursor is not one this API returned.");

    private static MediaPage<T> Page<T>(IReadOnlyList<T> items, int limit, Func<T, Guid> id)
        => items.Count > limit
            ? new MediaPage<T>([.. items.Take(limit)], id(items[limit - 1]).ToString("N"), null)
            : new MediaPage<T>(items, null, null);

    private static void CheckLimit(int limit)
    {
        if (limit is < 1 or > MediaQuery.MaxLimit)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"The page size must be between 1 and {MediaQuery.MaxLimit}.");
        }
    }

    public Task<IReadOnlyDictionary<Guid, int>> CountAsync(IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assetIds);
        return catalog.CountAsync(tenant.TenantId, assetIds, cancellationToken);
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
