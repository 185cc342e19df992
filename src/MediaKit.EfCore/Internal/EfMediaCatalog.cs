using MediaKit.Catalog;
using Microsoft.EntityFrameworkCore;

namespace MediaKit.EfCore.Internal;

/// <summary>The <see cref="IMediaCatalog"/> on the host's own <typeparamref name="TContext"/>.</summary>
/// <remarks>
/// The catalog shares the scoped context with the host, so <c>SaveChangesAsync</c> here also saves the host's own pending
/// changes in that context, as ASP.NET Core Identity's stores do. A change to an asset made by someone else since it was read
/// surfaces from <see cref="UpdateAsync"/> and <see cref="RemoveAsync"/> as <see cref="MediaConcurrencyException"/>
/// (checked through <see cref="MediaAsset.ConcurrencyStamp"/>).
/// </remarks>
internal sealed partial class EfMediaCatalog<TContext> : IMediaCatalog
    where TContext : DbContext
{
    private const int KeyBatchSize = 500;

    private readonly TContext _context;

    public EfMediaCatalog(TContext context, MediaDeliveryChangeWatch? deliveryWatch = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Model.FindEntityType(typeof(MediaAsset)) is null)
        {
            throw new InvalidOperationException(
                $"MediaKit: {typeof(TContext).Name} has no MediaKit tables. Call modelBuilder.AddMediaKit() in its OnModelCreating.");
        }

        _context = context;

        // Whatever this context saves drops the delivery cache's answers for the assets it touched.
        deliveryWatch?.Attach(context);
    }

    private DbSet<MediaAsset> Assets => _context.Set<MediaAsset>();

    public async Task AddAsync(MediaAsset asset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        Assets.Add(asset);
        try
        {
            await _context.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // The upload pipeline removes the bytes when this fails; a record left tracked as Added would be inserted by the
            // host's next SaveChanges and point at bytes that no longer exist.
            var added = asset.Variants.Select(v => _context.Entry((object)v)).Prepend(_context.Entry((object)asset)).ToList();
            foreach (var entry in added)
            {
                entry.State = EntityState.Detached;
            }

            EfMediaAuditCatalog<TContext>.DiscardStaged(_context);
            throw;
        }
    }

    public Task<MediaAsset?> FindAsync(string tenantId, Guid id, bool includeDeleted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);

        // Tracked, so that UpdateAsync and RemoveAsync on the same scoped context save exactly what changed.
        var query = WithVariants(Assets).Where(a => a.TenantId == tenantId && a.Id == id);
        if (!includeDeleted)
        {
            query = query.Where(a => a.DeletedAt == null);
        }

        return query.FirstOrDefaultAsync(cancellationToken);
    }

    public Task<MediaAsset?> FindByContentHashAsync(string tenantId, string collection, string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(sha256);

        // Ordered so that, should a race have stored the same bytes twice, every caller is sent to the same (oldest) asset.
        return WithVariants(Assets)
            .Where(a => a.TenantId == tenantId && a.Collection == collection && a.Sha256 == sha256 && a.DeletedAt == null)
            .OrderBy(a => a.CreatedAt)
            .ThenBy(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task UpdateAsync(MediaAsset asset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var entry = _context.Entry(asset);
        if (entry.State == EntityState.Detached)
        {
            // An asset read elsewhere: every column is written, and the stamp it was read with is still checked.
            entry = Assets.Update(asset);
        }

        // The original value stays the stamp that was read, so the UPDATE matches no row if someone saved in between.
        asset.ConcurrencyStamp = Guid.NewGuid();
        try
        {
            await _context.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            // Changes that did not save must not ride along with the host's next SaveChanges on this shared context.
            foreach (var pending in _context.ChangeTracker.Entries()
                .Where(e => e.Entity == asset
                    || (e.Entity is MediaVariant v && v.AssetId == asset.Id)
                    || (e.Entity is MediaAssetVersion p && p.AssetId == asset.Id))
                .ToList())
            {
                pending.State = EntityState.Detached;
            }

            EfMediaAuditCatalog<TContext>.DiscardStaged(_context);
            if (ex is DbUpdateConcurrencyException)
            {
                throw new MediaConcurrencyException(asset.Id, ex);
            }

            throw;
        }
    }

    public async Task RemoveAsync(MediaAsset asset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);

        // The database cascades to variants, usages, group items and share links that are not loaded.
        Assets.Remove(asset);
        try
        {
            await _context.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            _context.Entry(asset).State = EntityState.Unchanged;
            EfMediaAuditCatalog<TContext>.DiscardStaged(_context);
            if (ex is DbUpdateConcurrencyException)
            {
                throw new MediaConcurrencyException(asset.Id, ex);
            }

            throw;
        }
    }

    public async Task<IReadOnlySet<Guid>> FindLiveAssetIdsAsync(string tenantId, IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assetIds);
        var found = new HashSet<Guid>();
        foreach (var batch in assetIds.Distinct().Chunk(KeyBatchSize))
        {
            found.UnionWith(await Assets
                .Where(a => a.TenantId == tenantId && a.DeletedAt == null && batch.Contains(a.Id))
                .Select(a => a.Id)
                .ToListAsync(cancellationToken));
        }

        return found;
    }

    public async Task<IReadOnlySet<string>> FindKnownStorageKeysAsync(IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageKeys);
        var known = new HashSet<string>(StringComparer.Ordinal);

        // Batches keep the IN list within every provider's parameter limit; deliberately across all tenants.
        foreach (var batch in storageKeys.Distinct(StringComparer.Ordinal).Chunk(KeyBatchSize))
        {
            var assetKeys = await Assets.AsNoTracking()
                .Where(a => batch.Contains(a.StorageKey))
                .Select(a => a.StorageKey)
                .ToListAsync(cancellationToken);
            var variantKeys = await _context.Set<MediaVariant>().AsNoTracking()
                .Where(v => batch.Contains(v.StorageKey))
                .Select(v => v.StorageKey)
                .ToListAsync(cancellationToken);
            var versionKeys = await _context.Set<MediaAssetVersion>().AsNoTracking()
                .Where(v => batch.Contains(v.StorageKey))
                .Select(v => v.StorageKey)
                .ToListAsync(cancellationToken);
            known.UnionWith(assetKeys);
            known.UnionWith(variantKeys);
            known.UnionWith(versionKeys);
        }

        return known;
    }

    // Previous versions come along so that a purge knows every file of the asset; two collections load as split queries
    // rather than one join that multiplies rows.
    internal static IQueryable<MediaAsset> WithVariants(IQueryable<MediaAsset> assets)
        => assets.Include(a => a.Variants.OrderBy(v => v.Name)).Include(a => a.PreviousVersions.OrderBy(v => v.Version)).AsSplitQuery();
}
