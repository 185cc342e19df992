using MediaKit.Catalog;
using Microsoft.EntityFrameworkCore;

namespace MediaKit.EfCore.Internal;

/// <summary>The <see cref="IMediaUsageCatalog"/> on the host's own <typeparamref name="TContext"/>.</summary>
/// <remarks>
/// Each write loads the field's references, changes them and saves once, so a field is never seen half replaced.
/// Two requests adding the same asset to the same field at once meet the unique index; the loser's
/// <see cref="DbUpdateException"/> surfaces unchanged.
/// </remarks>
internal sealed class EfMediaUsageCatalog<TContext>(TContext context) : IMediaUsageCatalog
    where TContext : DbContext
{
    private DbSet<MediaUsage> Usages => context.Set<MediaUsage>();

    public async Task ReplaceAsync(string tenantId, string resourceType, string resourceId, string field, IReadOnlyList<Guid> assetIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await FieldQuery(tenantId, resourceType, resourceId, field).ToListAsync(cancellationToken);
        var byAsset = existing.ToDictionary(u => u.AssetId);
        var wanted = assetIds.ToHashSet();
        Usages.RemoveRange(existing.Where(u => !wanted.Contains(u.AssetId)));
        for (var position = 0; position < assetIds.Count; position++)
        {
            if (byAsset.TryGetValue(assetIds[position], out var kept))
            {
                kept.Position = position;
            }
            else
            {
                Usages.Add(NewUsage(tenantId, resourceType, resourceId, field, assetIds[position], position, now));
            }
        }

        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task AddAsync(string tenantId, string resourceType, string resourceId, string field, Guid assetId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await FieldQuery(tenantId, resourceType, resourceId, field).ToListAsync(cancellationToken);
        if (existing.Exists(u => u.AssetId == assetId))
        {
            return;
        }

        Usages.Add(NewUsage(tenantId, resourceType, resourceId, field, assetId, existing.Count == 0 ? 0 : existing.Max(u => u.Position) + 1, now));
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(string tenantId, string resourceType, string resourceId, string field, Guid assetId, CancellationToken cancellationToken)
    {
        var existing = await FieldQuery(tenantId, resourceType, resourceId, field).OrderBy(u => u.Position).ToListAsync(cancellationToken);
        var removed = existing.Find(u => u.AssetId == assetId);
        if (removed is null)
        {
            return false;
        }

        Usages.Remove(removed);
        var position = 0;
        foreach (var usage in existing.Where(u => u != removed))
        {
            usage.Position = position++;
        }

        await context.SaveChangesAsync(cancellationToken);
        return true;
    }

    public Task<int> RemoveResourceAsync(string tenantId, string resourceType, string resourceId, CancellationToken cancellationToken)
        => Usages
            .Where(u => u.TenantId == tenantId && u.ResourceType == resourceType && u.ResourceId == resourceId)
            .ExecuteDeleteAsync(cancellationToken);

    public async Task<IReadOnlyList<MediaUsage>> GetAsync(string tenantId, string resourceType, string resourceId, string? field, CancellationToken cancellationToken)
    {
        var query = Usages.AsNoTracking().Where(u => u.TenantId == tenantId && u.ResourceType == resourceType && u.ResourceId == resourceId);
        if (field is not null)
        {
            query = query.Where(u => u.Field == field);
        }

        return await query.OrderBy(u => u.Field).ThenBy(u => u.Position).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MediaUsage>> FindUsesAsync(string tenantId, Guid assetId, Guid? after, int limit, CancellationToken cancellationToken)
    {
        var query = Usages.AsNoTracking().Where(u => u.AssetId == assetId && u.TenantId == tenantId);
        if (after is { } last)
        {
            query = query.Where(u => u.Id.CompareTo(last) > 0);
        }

        // Usage ids are time-ordered (GUID v7): ordering by id is ordering by when the reference was made.
        return await query.OrderBy(u => u.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, int>> CountAsync(string tenantId, IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken)
    {
        var ids = assetIds.Distinct().ToList();
        return await Usages
            .Where(u => u.TenantId == tenantId && ids.Contains(u.AssetId))
            .GroupBy(u => u.AssetId)
            .Select(g => new { AssetId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.AssetId, g => g.Count, cancellationToken);
    }

    private IQueryable<MediaUsage> FieldQuery(string tenantId, string resourceType, string resourceId, string field)
        => Usages.Where(u => u.TenantId == tenantId && u.ResourceType == resourceType && u.ResourceId == resourceId && u.Field == field);

    private static MediaUsage NewUsage(string tenantId, string resourceType, string resourceId, string field, Guid assetId, int position, DateTimeOffset now)
        => new()
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            AssetId = assetId,
            ResourceType = resourceType,
            ResourceId = resourceId,
            Field = field,
            Position = position,
            CreatedAt = now,
        };
}
