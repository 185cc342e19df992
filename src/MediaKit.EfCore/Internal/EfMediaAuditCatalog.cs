using MediaKit.Catalog;
using Microsoft.EntityFrameworkCore;

namespace MediaKit.EfCore.Internal;

/// <summary>The <see cref="IMediaAuditCatalog"/> on the host's own <typeparamref name="TContext"/>: staged entries ride on the catalog's next save.</summary>
internal sealed class EfMediaAuditCatalog<TContext>(TContext context) : IMediaAuditCatalog
    where TContext : DbContext
{
    public void Stage(MediaAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        context.Set<MediaAuditEntry>().Add(entry);
    }

    public async Task<IReadOnlyList<MediaAuditEntry>> ListAsync(string tenantId, Guid? assetId, Guid? before, int limit, CancellationToken cancellationToken)
    {
        var query = context.Set<MediaAuditEntry>().AsNoTracking().Where(e => e.TenantId == tenantId);
        if (assetId is { } id)
        {
            query = query.Where(e => e.AssetId == id);
        }

        if (before is { } last)
        {
            query = query.Where(e => e.Id.CompareTo(last) < 0);
        }

        // Entry ids are time-ordered (GUID v7): newest first is descending id.
        return await query.OrderByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>Drops staged entries whose change failed to save, so the host's next save on the shared context cannot record a change that did not happen.</summary>
    public static void DiscardStaged(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries<MediaAuditEntry>().Where(e => e.State == EntityState.Added).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }
}
