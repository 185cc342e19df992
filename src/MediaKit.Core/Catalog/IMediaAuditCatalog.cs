namespace MediaKit.Catalog;

/// <summary>
/// The persistence of the audit trail. <see cref="Stage"/> adds an entry to the unit of work that the next write of
/// <see cref="IMediaCatalog"/> commits, so an entry and its change are saved, or fail, together.
/// </summary>
public interface IMediaAuditCatalog
{
    /// <summary>Adds <paramref name="entry"/> to the pending changes; it is saved with the next catalog write, and discarded if that write fails.</summary>
    void Stage(MediaAuditEntry entry);

    /// <summary>Entries of a tenant (and asset, when given) older than the entry <paramref name="before"/>, newest first.</summary>
    Task<IReadOnlyList<MediaAuditEntry>> ListAsync(string tenantId, Guid? assetId, Guid? before, int limit, CancellationToken cancellationToken);
}
