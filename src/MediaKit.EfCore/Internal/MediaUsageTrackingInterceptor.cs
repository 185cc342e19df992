using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.EfCore.Internal;

/// <summary>
/// Writes usages for the host's media references inside the host's own save. Entities whose keys the database generates
/// are handled right after their insert, in a transaction this interceptor opens when the host has none, so the host's
/// rows and their usages commit or roll back together.
/// </summary>
internal sealed class MediaUsageTrackingInterceptor(IServiceProvider services) : SaveChangesInterceptor
{
    private sealed class PendingSave
    {
        public List<EntityEntry> AfterInsert { get; } = [];

        public IDbContextTransaction? OwnTransaction { get; set; }

        public bool Flushing { get; set; }
    }

    private readonly ConditionalWeakTable<DbContext, PendingSave> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        // Saves that touch no media reference pass; the others need the asynchronous path (queries run inside the save).
        if (eventData.Context is { } context && !_pending.TryGetValue(context, out _))
        {
            context.ChangeTracker.DetectChanges();
            if (context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && MediaReferences.Of(e.Metadata).Count > 0))
            {
                throw new NotSupportedException("MediaKit: entities with media references must be saved with SaveChangesAsync.");
            }
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var context = eventData.Context;
        if (context is null || _pending.TryGetValue(context, out _))
        {
            return result;
        }

        context.ChangeTracker.DetectChanges();
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && MediaReferences.Of(e.Metadata).Count > 0)
            .ToList();
        if (entries.Count == 0)
        {
            return result;
        }

        var pending = new PendingSave();
        foreach (var entry in entries)
        {
            if (entry.State == EntityState.Added && MediaReferences.HasTemporaryKey(entry))
            {
                pending.AfterInsert.Add(entry);
            }
            else
            {
                await ApplyAsync(context, entry, entry.State, cancellationToken);
            }
        }

        if (pending.AfterInsert.Count > 0)
        {
            if (context.Database.CurrentTransaction is null)
            {
                pending.OwnTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
            }

            _pending.AddOrUpdate(context, pending);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var context = eventData.Context;
        if (context is null || !_pending.TryGetValue(context, out var pending) || pending.Flushing)
        {
            return result;
        }

        pending.Flushing = true;
        try
        {
            foreach (var entry in pending.AfterInsert)
            {
                await ApplyAsync(context, entry, EntityState.Added, cancellationToken);
            }

            // Still registered as pending, so this nested save is not intercepted again.
            await context.SaveChangesAsync(cancellationToken);
            _pending.Remove(context);
            if (pending.OwnTransaction is { } transaction)
            {
                await transaction.CommitAsync(cancellationToken);
                await transaction.DisposeAsync();
            }
        }
        catch
        {
            await AbandonAsync(context, pending);
            throw;
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            await AbandonAsync(context, pending);
        }
    }

    private async Task AbandonAsync(DbContext context, PendingSave pending)
    {
        _pending.Remove(context);
        if (pending.OwnTransaction is { } transaction)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            await transaction.DisposeAsync();
        }
    }

    private async Task ApplyAsync(DbContext context, EntityEntry entry, EntityState state, CancellationToken cancellationToken)
    {
        var tenantId = services.GetRequiredService<IMediaTenantAccessor>().TenantId;
        var now = (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var resourceType = MediaReferences.ResourceType(entry.Metadata);
        var resourceId = MediaReferences.ResourceId(entry);
        var usages = context.Set<MediaUsage>();
        var existing = await usages
            .Where(u => u.TenantId == tenantId && u.ResourceType == resourceType && u.ResourceId == resourceId)
            .ToListAsync(cancellationToken);

        if (state == EntityState.Deleted)
        {
            usages.RemoveRange(existing);
            return;
        }

        var wanted = new Dictionary<string, List<Guid>>();
        foreach (var (property, field) in MediaReferences.Of(entry.Metadata))
        {
            if (state == EntityState.Modified && !entry.Property(property.Name).IsModified)
            {
                continue;
            }

            wanted[field] = MediaReferences.Values(entry.Property(property.Name).CurrentValue);
        }

        await EnsureLiveAsync(context, tenantId, wanted.Values.SelectMany(v => v).Distinct().ToList(), cancellationToken);
        foreach (var (field, ids) in wanted)
        {
            var inField = existing.Where(u => u.Field == field).ToDictionary(u => u.AssetId);
            usages.RemoveRange(inField.Values.Where(u => !ids.Contains(u.AssetId)));
            for (var position = 0; position < ids.Count; position++)
            {
                if (inField.TryGetValue(ids[position], out var kept))
                {
                    context.Entry(kept).Property(u => u.Position).CurrentValue = position;
                }
                else
                {
                    usages.Add(new MediaUsage
                    {
                        Id = Guid.CreateVersion7(now),
                        TenantId = tenantId,
                        AssetId = ids[position],
                        ResourceType = resourceType,
                        ResourceId = resourceId,
                        Field = field,
                        Position = position,
                        CreatedAt = now,
                    });
                }
            }
        }
    }

    private static async Task EnsureLiveAsync(DbContext context, string tenantId, List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var live = await context.Set<MediaAsset>()
            .Where(a => a.TenantId == tenantId && a.DeletedAt == null && ids.Contains(a.Id))
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        var missing = ids.Except(live).FirstOrDefault();
        if (missing != Guid.Empty)
        {
            throw new MediaNotFoundException(missing);
        }
    }
}
