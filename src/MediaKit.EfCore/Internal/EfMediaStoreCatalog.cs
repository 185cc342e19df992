using MediaKit.Catalog;
using Microsoft.EntityFrameworkCore;

namespace MediaKit.EfCore.Internal;

/// <summary>The <see cref="IMediaStoreCatalog"/> on the host's own <typeparamref name="TContext"/>.</summary>
internal sealed class EfMediaStoreCatalog<TContext>(TContext context, MediaDeliveryChangeWatch? deliveryWatch = null) : IMediaStoreCatalog
    where TContext : DbContext
{
    private const int KeyBatchSize = 500;

    // A store switch drops the delivery cache's answers for the asset (they name the old store).
    private readonly bool _watched = Watch(context, deliveryWatch);

    private DbSet<MediaAsset> Assets => context.Set<MediaAsset>();

    public async Task<IReadOnlyList<Guid>> FindAssetIdsOnStoreAsync(string storeName, Guid? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storeName);
        var query = Assets.AsNoTracking().Where(a => a.StoreName == storeName);
        if (after is { } last)
        {
            query = query.Where(a => a.Id.CompareTo(last) > 0);
        }

        return await query.OrderBy(a => a.Id).Select(a => a.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public Task<long> CountAssetsOnStoreAsync(string storeName, CancellationToken cancellationToken)
        => Assets.LongCountAsync(a => a.StoreName == storeName, cancellationToken);

    public Task<MediaAsset?> FindAssetAsync(Guid id, CancellationToken cancellationToken)
        => EfMediaCatalog<TContext>.WithVariants(Assets).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<string?> FindStoreNameAsync(Guid id, CancellationToken cancellationToken)
        => Assets.AsNoTracking().Where(a => a.Id == id).Select(a => a.StoreName).FirstOrDefaultAsync(cancellationToken);

    public async Task<bool> TrySwitchStoreAsync(MediaAsset asset, string storeName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(storeName);

        // The stamp it was read with stays the original value, so the UPDATE matches no row if anyone saved in between.
        asset.StoreName = storeName;
        asset.ConcurrencyStamp = Guid.NewGuid();
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            Discard(asset);
            return false;
        }
        catch
        {
            Discard(asset);
            throw;
        }
    }

    public async Task<IReadOnlySet<string>> FindKnownStorageKeysAsync(string storeName, IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storeName);
        ArgumentNullException.ThrowIfNull(storageKeys);
        var known = new HashSet<string>(StringComparer.Ordinal);
        var onStore = Assets.AsNoTracking().Where(a => a.StoreName == storeName);
        foreach (var batch in storageKeys.Distinct(StringComparer.Ordinal).Chunk(KeyBatchSize))
        {
            known.UnionWith(await onStore
                .Where(a => batch.Contains(a.StorageKey))
                .Select(a => a.StorageKey)
                .ToListAsync(cancellationToken));
            known.UnionWith(await context.Set<MediaVariant>().AsNoTracking()
                .Where(v => batch.Contains(v.StorageKey) && onStore.Any(a => a.Id == v.AssetId))
                .Select(v => v.StorageKey)
                .ToListAsync(cancellationToken));
            known.UnionWith(await context.Set<MediaAssetVersion>().AsNoTracking()
                .Where(v => batch.Contains(v.StorageKey) && onStore.Any(a => a.Id == v.AssetId))
                .Select(v => v.StorageKey)
                .ToListAsync(cancellationToken));
        }

        return known;
    }

    private static bool Watch(TContext context, MediaDeliveryChangeWatch? deliveryWatch)
    {
        deliveryWatch?.Attach(context);
        return deliveryWatch is not null;
    }

    /// <summary>Changes that did not save must not ride along with the next SaveChanges on this (possibly shared) context.</summary>
    private void Discard(MediaAsset asset)
    {
        foreach (var pending in context.ChangeTracker.Entries()
            .Where(e => e.Entity == asset
                || (e.Entity is MediaVariant v && v.AssetId == asset.Id)
                || (e.Entity is MediaAssetVersion p && p.AssetId == asset.Id))
            .ToList())
        {
            pending.State = EntityState.Detached;
        }

        EfMediaAuditCatalog<TContext>.DiscardStaged(context);
    }
}
