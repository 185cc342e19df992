using MediaKit.Catalog;
using Microsoft.EntityFrameworkCore;

namespace MediaKit.EfCore.Internal;

/// <summary>
/// The <see cref="IMediaShareCatalog"/> on the host's own <typeparamref name="TContext"/>. Revoking and using a link are single
/// conditional UPDATEs, so the database decides between concurrent requests; the staged audit entries commit with them.
/// </summary>
internal sealed class EfMediaShareCatalog<TContext>(TContext context) : IMediaShareCatalog
    where TContext : DbContext
{
    private DbSet<MediaShareLink> Links => context.Set<MediaShareLink>();

    public async Task AddAsync(MediaShareLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        Links.Add(link);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            EfMediaAuditCatalog<TContext>.DiscardStaged(context);
            throw;
        }
        finally
        {
            // Later reads and the use counter go to the database; a tracked copy would only go stale.
            context.Entry(link).State = EntityState.Detached;
        }
    }

    public async Task<IReadOnlyList<MediaShareLink>> ListAsync(string tenantId, Guid assetId, CancellationToken cancellationToken)
        => await Links.AsNoTracking()
            .Where(l => l.TenantId == tenantId && l.AssetId == assetId)
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
            .ToListAsync(cancellationToken);

    public Task<MediaShareLink?> FindAsync(string tenantId, Guid linkId, CancellationToken cancellationToken)
        => Links.AsNoTracking().FirstOrDefaultAsync(l => l.TenantId == tenantId && l.Id == linkId, cancellationToken);

    public Task<MediaShareLink?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        return Links.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == tokenHash, cancellationToken);
    }

    public Task<bool> RevokeAsync(string tenantId, Guid linkId, DateTimeOffset now, CancellationToken cancellationToken)
        => EfTransactions.RunAsync(context, async ct =>
        {
            var revoked = await Links
                .Where(l => l.TenantId == tenantId && l.Id == linkId && l.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), ct);
            return (revoked == 1, revoked == 1);
        }, cancellationToken);

    public Task<int?> TryUseAsync(Guid linkId, DateTimeOffset now, CancellationToken cancellationToken)
        => EfTransactions.RunAsync<int?>(context, async ct =>
        {
            // The whole rule in one statement: of any number of concurrent uses, exactly MaxUses - UseCount match.
            var used = await Links
                .Where(l => l.Id == linkId && l.RevokedAt == null && l.ExpiresAt > now && (l.MaxUses == null || l.UseCount < l.MaxUses))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.UseCount, l => l.UseCount + 1), ct);
            if (used != 1)
            {
                return (false, null);
            }

            // Read in the same transaction, which holds the row: the count this use made.
            var count = await Links.AsNoTracking().Where(l => l.Id == linkId).Select(l => l.UseCount).FirstAsync(ct);
            return (true, count);
        }, cancellationToken);
}
