namespace MediaKit;

/// <summary>
/// Where assets are used: references from the host's entities (a product's <c>gallery</c>, a course's
/// <c>thumbnail</c>) to assets of the current tenant. An asset in use is protected from deletion unless forced,
/// and an asset without usages becomes an orphan.
/// </summary>
/// <remarks>
/// A resource is named by its type (<c>product</c>) and id (<c>42</c>); a field holds one asset or an ordered list.
/// Every method is scoped to the tenant of <see cref="IMediaTenantAccessor"/>: an asset of another tenant is
/// <see cref="MediaNotFoundException"/>. Register with <c>services.AddMediaKit()</c>; the service is scoped.
/// </remarks>
public interface IMediaUsages
{
    /// <summary>Makes <paramref name="assetIds"/>, in this order, the exact content of a field (an empty list clears it).</summary>
    /// <exception cref="MediaNotFoundException">An asset does not exist in the current tenant or is in the trash.</exception>
    /// <exception cref="MediaException">An asset appears twice (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task SetAsync(string resourceType, string resourceId, string field, IReadOnlyList<Guid> assetIds, CancellationToken cancellationToken = default);

    /// <summary>Adds one asset at the end of a field; adding an asset already there changes nothing.</summary>
    /// <exception cref="MediaNotFoundException">The asset does not exist in the current tenant or is in the trash.</exception>
    Task AddAsync(string resourceType, string resourceId, string field, Guid assetId, CancellationToken cancellationToken = default);

    /// <summary>Removes one asset from a field; the others keep their order.</summary>
    /// <returns><see langword="true"/> when the asset was in the field.</returns>
    Task<bool> RemoveAsync(string resourceType, string resourceId, string field, Guid assetId, CancellationToken cancellationToken = default);

    /// <summary>Removes every reference a resource makes, in every field (call it when the entity is deleted).</summary>
    /// <returns>How many references were removed.</returns>
    Task<int> RemoveResourceAsync(string resourceType, string resourceId, CancellationToken cancellationToken = default);

    /// <summary>The references a resource makes, by field and then position.</summary>
    /// <param name="resourceType">The resource's type.</param>
    /// <param name="resourceId">The resource's id.</param>
    /// <param name="field">Only this field, or <see langword="null"/> for every field.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IReadOnlyList<MediaUsage>> GetAsync(string resourceType, string resourceId, string? field = null, CancellationToken cancellationToken = default);

    /// <summary>Where an asset is used ("where used"), one page at a time in the order the references were made.</summary>
    /// <param name="assetId">The asset.</param>
    /// <param name="cursor">The <see cref="MediaPage{T}.NextCursor"/> of the previous page, or <see langword="null"/>.</param>
    /// <param name="limit">The page size, 1 to <see cref="MediaQuery.MaxLimit"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="MediaException">The cursor or the limit is invalid (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaPage<MediaUsage>> FindUsesAsync(Guid assetId, string? cursor = null, int limit = MediaQuery.DefaultLimit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Orphans of the current tenant: live assets without any usage created more than <paramref name="gracePeriod"/> ago
    /// (default <see cref="MediaCleanupOptions.OrphanGracePeriod"/>), oldest first, one page at a time (seed 001's
    /// <c>GET /api/admin/images/orphaned</c>).
    /// </summary>
    /// <exception cref="MediaException">The cursor or the limit is invalid (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaPage<MediaAsset>> FindOrphansAsync(TimeSpan? gracePeriod = null, string? cursor = null, int limit = MediaQuery.DefaultLimit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of the orphans <see cref="FindOrphansAsync"/> lists, in the same order and with the same cursors, without
    /// loading the assets, in pages of up to <see cref="MediaQuery.MaxIdLimit"/>: the way to walk every orphan of a large
    /// library (a report, an export, a batch job).
    /// </summary>
    /// <param name="gracePeriod">Only assets created longer ago than this; default <see cref="MediaCleanupOptions.OrphanGracePeriod"/>.</param>
    /// <param name="cursor">The <see cref="MediaPage{T}.NextCursor"/> of the previous page (of either method), or <see langword="null"/>.</param>
    /// <param name="limit">The page size, 1 to <see cref="MediaQuery.MaxIdLimit"/>. Default 1,000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="MediaException">The cursor or the limit is invalid (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaPage<Guid>> FindOrphanIdsAsync(TimeSpan? gracePeriod = null, string? cursor = null, int limit = 1_000, CancellationToken cancellationToken = default);

    /// <summary>How many references each of <paramref name="assetIds"/> has; assets without any are absent from the result.</summary>
    Task<IReadOnlyDictionary<Guid, int>> CountAsync(IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken = default);
}
