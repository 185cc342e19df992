namespace MediaKit.Catalog;

/// <summary>
/// The persistence of usages. <c>MediaKit.EfCore</c> implements it; every method takes the tenant explicitly and
/// saves its changes in one transaction.
/// </summary>
public interface IMediaUsageCatalog
{
    /// <summary>Replaces the content of a field with <paramref name="assetIds"/> in this order, keeping the references that stay.</summary>
    Task ReplaceAsync(string tenantId, string resourceType, string resourceId, string field, IReadOnlyList<Guid> assetIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Adds an asset at the end of a field unless it is there already.</summary>
    Task AddAsync(string tenantId, string resourceType, string resourceId, string field, Guid assetId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes an asset from a field and closes the gap in positions.</summary>
    /// <returns><see langword="true"/> when it was there.</returns>
    Task<bool> RemoveAsync(string tenantId, string resourceType, string resourceId, string field, Guid assetId, CancellationToken cancellationToken);

    /// <summary>Removes every reference of a resource.</summary>
    /// <returns>How many were removed.</returns>
    Task<int> RemoveResourceAsync(string tenantId, string resourceType, string resourceId, CancellationToken cancellationToken);

    /// <summary>The references of a resource (of one field, or all), by field and position.</summary>
    Task<IReadOnlyList<MediaUsage>> GetAsync(string tenantId, string resourceType, string resourceId, string? field, CancellationToken cancellationToken);

    /// <summary>The references to an asset after <paramref name="after"/> (a usage id), oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<MediaUsage>> FindUsesAsync(string tenantId, Guid assetId, Guid? after, int limit, CancellationToken cancellationToken);

    /// <summary>How many references each asset has; assets without any are absent.</summary>
    Task<IReadOnlyDictionary<Guid, int>> CountAsync(string tenantId, IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken);
}
