using MediaKit.Catalog;
using Microsoft.EntityFrameworkCore;

namespace MediaKit.EfCore.Internal;

/// <summary>The <see cref="IMediaGroupCatalog"/> on the host's own <typeparamref name="TContext"/>.</summary>
/// <remarks>
/// An edit of a group's items or a gallery's links first stamps the group's or gallery's <c>UpdatedAt</c> inside a transaction:
/// that write takes the row lock (PostgreSQL) or the database write lock (SQLite), so two edits of the same list run one after
/// the other and neither is lost. When the host already has a transaction open on the context, the edit joins it.
/// Items and links removed by a cascade (an asset purged, a group deleted) leave a gap in positions; readers see the order,
/// and the next edit stores <c>0..n-1</c> again.
/// </remarks>
internal sealed class EfMediaGroupCatalog<TContext>(TContext context) : IMediaGroupCatalog
    where TContext : DbContext
{
    private enum Outcome
    {
        Missing,
        Unchanged,
        Saved,
    }

    private DbSet<MediaGroup> Groups => context.Set<MediaGroup>();

    private DbSet<MediaGroupItem> Items => context.Set<MediaGroupItem>();

    private DbSet<MediaGallery> Galleries => context.Set<MediaGallery>();

    private DbSet<MediaGalleryGroup> Links => context.Set<MediaGalleryGroup>();

    private DbSet<MediaAsset> Assets => context.Set<MediaAsset>();

    public Task AddGroupAsync(MediaGroup group, CancellationToken cancellationToken)
        => AddAsync(group, cancellationToken);

    public async Task<bool> UpdateGroupAsync(string tenantId, Guid groupId, string name, string? description, DateTimeOffset now, CancellationToken cancellationToken)
        => await Groups
            .Where(g => g.TenantId == tenantId && g.Id == groupId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Name, name).SetProperty(g => g.Description, description).SetProperty(g => g.UpdatedAt, now), cancellationToken) > 0;

    public Task<MediaGroup?> FindGroupAsync(string tenantId, Guid groupId, CancellationToken cancellationToken)
        => Groups.AsNoTracking()
            .Include(g => g.Items.OrderBy(i => i.Position))
            .FirstOrDefaultAsync(g => g.TenantId == tenantId && g.Id == groupId, cancellationToken);

    public Task<bool> GroupExistsAsync(string tenantId, Guid groupId, CancellationToken cancellationToken)
        => Groups.AnyAsync(g => g.TenantId == tenantId && g.Id == groupId, cancellationToken);

    public async Task<IReadOnlyList<MediaGroup>> ListGroupsAsync(string tenantId, Guid? after, int limit, CancellationToken cancellationToken)
    {
        var query = Groups.AsNoTracking().Where(g => g.TenantId == tenantId);
        if (after is { } last)
        {
            query = query.Where(g => g.Id.CompareTo(last) > 0);
        }

        // Group ids are time-ordered (GUID v7): ordering by id is ordering by creation.
        return await query.OrderBy(g => g.Id).Take(limit).ToListAsync(cancellationToken);
    }

    // Items and links go with the group by the foreign keys' ON DELETE CASCADE.
    public async Task<bool> RemoveGroupAsync(string tenantId, Guid groupId, CancellationToken cancellationToken)
        => await Groups.Where(g => g.TenantId == tenantId && g.Id == groupId).ExecuteDeleteAsync(cancellationToken) > 0;

    public Task<bool> EditItemsAsync(string tenantId, Guid groupId, Func<IReadOnlyList<Guid>, IReadOnlyList<Guid>> edit, DateTimeOffset now, CancellationToken cancellationToken)
        => InTransactionAsync(
            async () =>
            {
                var touched = await Groups
                    .Where(g => g.TenantId == tenantId && g.Id == groupId)
                    .ExecuteUpdateAsync(s => s.SetProperty(g => g.UpdatedAt, now), cancellationToken);
                if (touched == 0)
                {
                    return Outcome.Missing;
                }

                var existing = await Items.Where(i => i.GroupId == groupId).OrderBy(i => i.Position).ToListAsync(cancellationToken);
                var wanted = edit([.. existing.Select(i => i.AssetId)]);
                if (wanted.SequenceEqual(existing.Select(i => i.AssetId)) && existing.Select(i => i.Position).SequenceEqual(Enumerable.Range(0, existing.Count)))
                {
                    return Outcome.Unchanged;
                }

                var byAsset = existing.ToDictionary(i => i.AssetId);
                var keep = wanted.ToHashSet();
                Items.RemoveRange(existing.Where(i => !keep.Contains(i.AssetId)));
                for (var position = 0; position < wanted.Count; position++)
                {
                    if (byAsset.TryGetValue(wanted[position], out var kept))
                    {
                        kept.Position = position;
                    }
                    else
                    {
                        Items.Add(new MediaGroupItem { GroupId = groupId, AssetId = wanted[position], Position = position });
                    }
                }

                await context.SaveChangesAsync(cancellationToken);
                return Outcome.Saved;
            },
            cancellationToken);

    public Task AddGalleryAsync(MediaGallery gallery, CancellationToken cancellationToken)
        => AddAsync(gallery, cancellationToken);

    public async Task<bool> UpdateGalleryAsync(string tenantId, Guid galleryId, string name, string? description, DateTimeOffset now, CancellationToken cancellationToken)
        => await Galleries
            .Where(g => g.TenantId == tenantId && g.Id == galleryId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Name, name).SetProperty(g => g.Description, description).SetProperty(g => g.UpdatedAt, now), cancellationToken) > 0;

    public async Task<bool> RemoveGalleryAsync(string tenantId, Guid galleryId, CancellationToken cancellationToken)
        => await Galleries.Where(g => g.TenantId == tenantId && g.Id == galleryId).ExecuteDeleteAsync(cancellationToken) > 0;

    public Task<bool> EditLinksAsync(string tenantId, Guid galleryId, Func<IReadOnlyList<MediaGalleryGroup>, IReadOnlyList<MediaGalleryGroup>> edit, DateTimeOffset now, CancellationToken cancellationToken)
        => InTransactionAsync(
            async () =>
            {
                var touched = await Galleries
                    .Where(g => g.TenantId == tenantId && g.Id == galleryId)
                    .ExecuteUpdateAsync(s => s.SetProperty(g => g.UpdatedAt, now), cancellationToken);
                if (touched == 0)
                {
                    return Outcome.Missing;
                }

                var existing = await Links.Where(l => l.GalleryId == galleryId).OrderBy(l => l.Position).ThenBy(l => l.Role).ToListAsync(cancellationToken);
                var wanted = edit([.. existing.Select(Copy)]);
                if (wanted.Select(Key).SequenceEqual(existing.Select(Key)) && existing.Select(l => l.Position).SequenceEqual(Enumerable.Range(0, existing.Count)))
                {
                    return Outcome.Unchanged;
                }

                var byKey = existing.ToDictionary(l => (l.GroupId, l.Role));
                var keep = wanted.Select(l => (l.GroupId, l.Role)).ToHashSet();
                Links.RemoveRange(existing.Where(l => !keep.Contains((l.GroupId, l.Role))));
                for (var position = 0; position < wanted.Count; position++)
                {
                    var link = wanted[position];
                    if (byKey.TryGetValue((link.GroupId, link.Role), out var kept))
                    {
                        kept.Visibility = link.Visibility;
                        kept.Position = position;
                    }
                    else
                    {
                        Links.Add(new MediaGalleryGroup { GalleryId = galleryId, GroupId = link.GroupId, Role = link.Role, Visibility = link.Visibility, Position = position });
                    }
                }

                await context.SaveChangesAsync(cancellationToken);
                return Outcome.Saved;
            },
            cancellationToken);

    public async Task<MediaGalleryView?> GetGalleryViewAsync(string tenantId, Guid galleryId, bool includeMembersOnly, CancellationToken cancellationToken)
    {
        var gallery = await Galleries.AsNoTracking().FirstOrDefaultAsync(g => g.TenantId == tenantId && g.Id == galleryId, cancellationToken);
        if (gallery is null)
        {
            return null;
        }

        var linkQuery = Links.AsNoTracking().Where(l => l.GalleryId == galleryId);
        if (!includeMembersOnly)
        {
            linkQuery = linkQuery.Where(l => l.Visibility == MediaGalleryVisibility.Public);
        }

        var links = await linkQuery.OrderBy(l => l.Position).ThenBy(l => l.Role).ToListAsync(cancellationToken);
        var groupIds = links.Select(l => l.GroupId).Distinct().ToList();

        // The tenant is checked on the groups too, so a link can never show another tenant's group.
        var groups = await Groups.AsNoTracking()
            .Where(g => g.TenantId == tenantId && groupIds.Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, cancellationToken);
        var items = await Items.AsNoTracking()
            .Where(i => groupIds.Contains(i.GroupId))
            .OrderBy(i => i.Position)
            .ToListAsync(cancellationToken);
        var assets = await Assets.AsNoTracking()
            .Include(a => a.Variants)
            .Where(a => a.TenantId == tenantId && a.DeletedAt == null && a.Status == MediaAssetStatus.Ready)
            .Where(a => Items.Any(i => groupIds.Contains(i.GroupId) && i.AssetId == a.Id))
            .ToDictionaryAsync(a => a.Id, cancellationToken);

        var itemsByGroup = items.Where(i => assets.ContainsKey(i.AssetId)).ToLookup(i => i.GroupId);
        List<MediaGalleryGroupView> views = [];
        foreach (var link in links)
        {
            if (!groups.TryGetValue(link.GroupId, out var group))
            {
                continue;
            }

            group.Items = [.. itemsByGroup[group.Id]];
            views.Add(new MediaGalleryGroupView(link.Role, link.Visibility, group, [.. group.Items.Select(i => assets[i.AssetId])]));
            gallery.Groups.Add(link);
        }

        return new MediaGalleryView(gallery, views);
    }

    private static MediaGalleryGroup Copy(MediaGalleryGroup link)
        => new() { GalleryId = link.GalleryId, GroupId = link.GroupId, Role = link.Role, Visibility = link.Visibility, Position = link.Position };

    private static (Guid GroupId, string Role, MediaGalleryVisibility Visibility) Key(MediaGalleryGroup link)
        => (link.GroupId, link.Role, link.Visibility);

    private async Task AddAsync<TEntity>(TEntity entity, CancellationToken cancellationToken)
        where TEntity : class
    {
        context.Add(entity);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // Left tracked as Added, the record would be inserted by the host's next SaveChanges.
            context.Entry(entity).State = EntityState.Detached;
            throw;
        }
    }

    /// <summary>Runs <paramref name="edit"/> in a transaction (or the host's open one) and commits only what it saved.</summary>
    private Task<bool> InTransactionAsync(Func<Task<Outcome>> edit, CancellationToken cancellationToken)
        => context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            if (context.Database.CurrentTransaction is not null)
            {
                return await edit() != Outcome.Missing;
            }

            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var outcome = await edit();
            if (outcome == Outcome.Saved)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return outcome != Outcome.Missing;
        });
}
