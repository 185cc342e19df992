using MediaKit.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MediaKit.EfCore.Internal;

/// <summary>
/// The <see cref="IMediaQuotaCatalog"/> on the host's own <typeparamref name="TContext"/>: the owner's lock row is taken by an
/// UPDATE inside the transaction that then sums the owner's assets and inserts the new one (docs/decisions.md).
/// </summary>
/// <remarks>
/// On PostgreSQL the UPDATE takes the row lock, which a concurrent admission of the same owner waits for; under READ COMMITTED
/// its own sum then sees the committed insert. On SQLite the first write takes the database's write lock for the rest of the
/// transaction. Either way two admissions of one owner never both read the usage before either inserted.
/// </remarks>
internal sealed class EfMediaQuotaCatalog<TContext>(TContext context) : IMediaQuotaCatalog
    where TContext : DbContext
{
    public Task<long> GetUsedBytesAsync(string tenantId, string collection, string? owner, CancellationToken cancellationToken)
        => Owned(tenantId, collection, owner).SumAsync(a => a.Length, cancellationToken);

    public async Task<MediaQuotaAdmission> AdmitAsync(
        string tenantId,
        string collection,
        string? owner,
        long additionalBytes,
        long limit,
        Func<CancellationToken, Task> commit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var key = owner ?? "";
        return await EfTransactions.RunAsync(context, async ct =>
        {
            // INSERT ... ON CONFLICT DO NOTHING is the same on SQLite and PostgreSQL, never fails on a concurrent first
            // admission, and, unlike SaveChanges, does not save the host's or the audit trail's pending changes early.
            await context.Database.ExecuteSqlRawAsync(InsertLockSql, [tenantId, collection, key], ct);
            var locked = await context.Set<MediaQuotaLock>()
                .Where(l => l.TenantId == tenantId && l.Collection == collection && l.Owner == key)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Admissions, l => l.Admissions + 1), ct);
            if (locked != 1)
            {
                throw new InvalidOperationException($"MediaKit: the quota lock row of '{collection}' could not be taken ({locked} rows).");
            }

            var used = await Owned(tenantId, collection, owner).SumAsync(a => a.Length, ct);
            if (used + additionalBytes > limit)
            {
                return (false, new MediaQuotaAdmission(false, used));
            }

            await commit(ct);
            return (true, new MediaQuotaAdmission(true, used));
        }, cancellationToken);
    }

    private IQueryable<MediaAsset> Owned(string tenantId, string collection, string? owner)
    {
        // Trashed assets count: their bytes are stored until they are purged, and restoring them must not exceed the quota.
        var assets = context.Set<MediaAsset>().AsNoTracking().Where(a => a.TenantId == tenantId && a.Collection == collection);
        return owner is null ? assets.Where(a => a.UploadedBy == null) : assets.Where(a => a.UploadedBy == owner);
    }

    private string InsertLockSql => s_insertLockSql ??= BuildInsertLockSql(context.Model);

    private static string? s_insertLockSql;

    private static string BuildInsertLockSql(IModel model)
    {
        var entity = model.FindEntityType(typeof(MediaQuotaLock))
            ?? throw new InvalidOperationException($"MediaKit: {typeof(TContext).Name} has no MediaKit tables. Call modelBuilder.AddMediaKit() in its OnModelCreating.");
        var table = entity.GetTableName()!;
        var schema = entity.GetSchema();
        var store = StoreObjectIdentifier.Table(table, schema);
        string Column(string property) => Quote(entity.FindProperty(property)!.GetColumnName(store)!);
        var name = schema is null ? Quote(table) : $"{Quote(schema)}.{Quote(table)}";
        return $"INSERT INTO {name} ({Column(nameof(MediaQuotaLock.TenantId))}, {Column(nameof(MediaQuotaLock.Collection))}, {Column(nameof(MediaQuotaLock.Owner))}, {Column(nameof(MediaQuotaLock.Admissions))}) "
            + "VALUES ({0}, {1}, {2}, 0) ON CONFLICT DO NOTHING";
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
