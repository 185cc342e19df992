namespace MediaKit.Catalog;

/// <summary>
/// What background jobs need from the catalog, across all tenants: candidates for cleanup and leases that let exactly one
/// app instance run a job at a time. <c>MediaKit.EfCore</c> implements it.
/// </summary>
public interface IMediaMaintenanceCatalog
{
    /// <summary>
    /// Live assets without any usage created before <paramref name="createdBefore"/>, by id after <paramref name="after"/>,
    /// at most <paramref name="limit"/>; only of <paramref name="tenantId"/>, or of every tenant when it is <see langword="null"/>.
    /// Returned assets are tracked, so <see cref="IMediaCatalog.UpdateAsync"/> saves changes to them.
    /// </summary>
    Task<IReadOnlyList<MediaAsset>> FindOrphansAsync(string? tenantId, DateTimeOffset createdBefore, Guid? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The ids of the assets <see cref="FindOrphansAsync"/> finds, in the same order, without loading the assets: for scans of
    /// many orphans (reports, exports, jobs that work in large batches). The default implementation calls
    /// <see cref="FindOrphansAsync"/>; <c>MediaKit.EfCore</c> reads the ids alone.
    /// </summary>
    async Task<IReadOnlyList<Guid>> FindOrphanIdsAsync(string? tenantId, DateTimeOffset createdBefore, Guid? after, int limit, CancellationToken cancellationToken)
        => [.. (await FindOrphansAsync(tenantId, createdBefore, after, limit, cancellationToken).ConfigureAwait(false)).Select(a => a.Id)];

    /// <summary>Live assets of every tenant whose <see cref="MediaAsset.ExpiresAt"/> is at or before <paramref name="now"/> (tracked, with variants).</summary>
    Task<IReadOnlyList<MediaAsset>> FindExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Assets of every tenant in the trash since before <paramref name="deletedBefore"/> (tracked, with variants).</summary>
    Task<IReadOnlyList<MediaAsset>> FindDeletedBeforeAsync(DateTimeOffset deletedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Previous versions of assets of every tenant replaced before <paramref name="replacedBefore"/>, oldest first.</summary>
    Task<IReadOnlyList<MediaAssetVersion>> FindReplacedVersionsAsync(DateTimeOffset replacedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Removes the record of a previous version (its bytes are the caller's to delete afterwards).</summary>
    Task RemoveVersionAsync(MediaAssetVersion version, CancellationToken cancellationToken);

    /// <summary>
    /// Takes or renews the lease of <paramref name="job"/> for <paramref name="owner"/> until <paramref name="until"/>, atomically in
    /// the database: it succeeds when the job has no lease, its lease ran out before <paramref name="now"/>, or the owner holds it.
    /// </summary>
    /// <returns><see langword="true"/> when <paramref name="owner"/> holds the lease.</returns>
    Task<bool> TryAcquireLeaseAsync(string job, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Gives up the lease of <paramref name="job"/> if <paramref name="owner"/> holds it.</summary>
    Task ReleaseLeaseAsync(string job, string owner, CancellationToken cancellationToken);
}
