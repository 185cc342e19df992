using Microsoft.EntityFrameworkCore;

namespace MediaKit.EfCore.Internal;

/// <summary>
/// Tells the <see cref="MediaDeliveryCache"/> which assets a <c>DbContext</c> saved. Scoped: MediaKit's catalogs attach the
/// context they write through (<see cref="Attach"/>), and the scope's end detaches it, so a pooled context carries no handler
/// into its next scope.
/// </summary>
/// <remarks>
/// Every asset and variant the context tracks when a save starts counts as changed (change detection has not run yet, so a
/// tracked entity may be modified without saying so), except new assets; a tracked asset that did not change only costs its
/// next delivery one query. Bulk statements (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>) on assets or variants bypass this: MediaKit issues none.
/// </remarks>
internal sealed class MediaDeliveryChangeWatch(MediaDeliveryCache cache) : IDisposable
{
    private readonly List<DbContext> _contexts = [];
    private readonly HashSet<Guid> _saving = [];

    /// <summary>Watches <paramref name="context"/> until the scope ends; watching the same context again does nothing.</summary>
    public void Attach(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        lock (_contexts)
        {
            if (_contexts.Exists(c => ReferenceEquals(c, context)))
            {
                return;
            }

            _contexts.Add(context);
        }

        context.SavingChanges += OnSaving;
        context.SavedChanges += OnSaved;
        context.SaveChangesFailed += OnFailed;
    }

    public void Dispose()
    {
        lock (_contexts)
        {
            foreach (var context in _contexts)
            {
                context.SavingChanges -= OnSaving;
                context.SavedChanges -= OnSaved;
                context.SaveChangesFailed -= OnFailed;
            }

            _contexts.Clear();
        }
    }

    private void OnSaving(object? sender, SavingChangesEventArgs e)
    {
        if (sender is not DbContext context)
        {
            return;
        }

        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            lock (_saving)
            {
                // A new asset has no answer to drop (delivery keeps no "not found"), nor do the variants stored with it.
                HashSet<Guid>? added = null;
                foreach (var asset in tracker.Entries<MediaAsset>())
                {
                    if (asset.State == EntityState.Added)
                    {
                        (added ??= []).Add(asset.Entity.Id);
                    }
                    else
                    {
                        _saving.Add(asset.Entity.Id);
                    }
                }

                foreach (var variant in tracker.Entries<MediaVariant>())
                {
                    if (added is null || !added.Contains(variant.Entity.AssetId))
                    {
                        _saving.Add(variant.Entity.AssetId);
                    }
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void OnSaved(object? sender, SavedChangesEventArgs e) => Flush(sender);

    private void OnFailed(object? sender, SaveChangesFailedEventArgs e) => Flush(sender);

    private void Flush(object? sender)
    {
        Guid[] ids;
        lock (_saving)
        {
            if (_saving.Count == 0)
            {
                return;
            }

            ids = [.. _saving];
            _saving.Clear();
        }

        // Inside a transaction the change is not visible to other connections yet: hold the assets out of the cache until it
        // has surely committed, so that no answer read before the commit is kept.
        var inTransaction = sender is DbContext context && context.Database.CurrentTransaction is not null;
        cache.Invalidate(ids, inTransaction ? MediaDeliveryCache.TransactionHold : TimeSpan.Zero);
    }
}
