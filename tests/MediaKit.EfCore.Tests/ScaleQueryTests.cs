using System.Data.Common;
using MediaKit.EfCore.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MediaKit.EfCore.Tests;

public sealed class ScaleQueryTests_on_Sqlite() : ScaleQueryTests(new SqliteTestDatabase());

public sealed class ScaleQueryTests_on_PostgreSql(PostgreSqlDatabase database)
    : ScaleQueryTests(new PostgreSqlTestDatabase(database)), IClassFixture<PostgreSqlDatabase>;

/// <summary>
/// What keeps large libraries fast: page/limit totals that stop counting at a limit, and an orphan scan that reads ids only.
/// Run on every provider by the subclasses above.
/// </summary>
public abstract class ScaleQueryTests(TestDatabase db) : IAsyncLifetime
{
    private readonly TestDatabase _db = db;

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [DatabaseFact]
    public async Task A_total_over_the_limit_is_reported_as_the_limit_and_not_exact()
    {
        await _db.SeedAsync([.. Enumerable.Range(0, 12).Select(i => _db.NewAsset(fileName: $"a{i}.jpg")), _db.NewAsset(tenantId: "t2")]);

        var capped = await QueryAsync(new MediaQuery { Page = 1, Limit = 5, TotalCountLimit = 10 });
        var exact = await QueryAsync(new MediaQuery { Page = 1, Limit = 5, TotalCountLimit = 12 });
        var unlimited = await QueryAsync(new MediaQuery { Page = 1, Limit = 5, TotalCountLimit = null });
        var beyondTheLimit = await QueryAsync(new MediaQuery { Page = 3, Limit = 5, TotalCountLimit = 10 });

        Assert.Equal((10L, false, 5), (capped.TotalCount, capped.TotalIsExact, capped.Items.Count));
        Assert.Equal((12L, true), (exact.TotalCount, exact.TotalIsExact));
        Assert.Equal((12L, true), (unlimited.TotalCount, unlimited.TotalIsExact));

        // Page 3 starts past the counted limit; its rows still come back, the total still says "10+".
        Assert.Equal((10L, false, 2), (beyondTheLimit.TotalCount, beyondTheLimit.TotalIsExact, beyondTheLimit.Items.Count));
    }

    [DatabaseFact]
    public async Task Small_results_keep_an_exact_total_by_default_and_a_page_past_the_end_is_empty()
    {
        await _db.SeedAsync(_db.NewAsset(), _db.NewAsset(), _db.NewAsset());

        var first = await QueryAsync(new MediaQuery { Page = 1, Limit = 2 });
        var past = await QueryAsync(new MediaQuery { Page = 3, Limit = 2 });

        Assert.Equal((3L, true, 2), (first.TotalCount, first.TotalIsExact, first.Items.Count));
        Assert.Equal((3L, true, 0), (past.TotalCount, past.TotalIsExact, past.Items.Count));
    }

    [DatabaseFact]
    public async Task A_total_count_limit_below_one_is_an_invalid_request()
    {
        var error = await Assert.ThrowsAsync<MediaException>(() => QueryAsync(new MediaQuery { Page = 1, TotalCountLimit = 0 }));

        Assert.Equal(MediaErrorCodes.InvalidRequest, error.Code);
    }

    [DatabaseFact]
    public async Task The_ids_only_orphan_scan_returns_the_same_orphans_in_the_same_order_page_by_page()
    {
        var assets = Enumerable.Range(0, 30).Select(i => _db.NewAsset(fileName: $"o{i}.jpg")).ToList();
        var fresh = _db.NewAsset(fileName: "fresh.jpg");
        var theirs = _db.NewAsset(tenantId: "t2");
        var trashed = _db.NewAsset(configure: a => a.DeletedAt = a.CreatedAt);
        await _db.SeedAsync([.. assets, fresh, theirs, trashed]);
        await using (var context = _db.NewContext())
        {
            // Every third asset is used; one used twice, by two resources.
            foreach (var used in assets.Where((_, i) => i % 3 == 0))
            {
                context.Add(new MediaUsage { Id = Guid.NewGuid(), TenantId = "t1", AssetId = used.Id, ResourceType = "product", ResourceId = used.FileName, Field = "gallery" });
            }

            context.Add(new MediaUsage { Id = Guid.NewGuid(), TenantId = "t1", AssetId = assets[0].Id, ResourceType = "banner", ResourceId = "1", Field = "image" });
            await context.SaveChangesAsync();
        }

        var createdBefore = fresh.CreatedAt;
        var expected = assets.Where((_, i) => i % 3 != 0).Select(a => a.Id).Order().ToList();

        var full = new List<Guid>();
        var ids = new List<Guid>();
        Guid? after = null;
        do
        {
            await using var context = _db.NewContext();
            var page = await new EfMediaMaintenanceCatalog<StoreDbContext>(context).FindOrphanIdsAsync("t1", createdBefore, after, 7, CancellationToken.None);
            var assetsPage = await new EfMediaMaintenanceCatalog<StoreDbContext>(context).FindOrphansAsync("t1", createdBefore, after, 7, CancellationToken.None);
            ids.AddRange(page);
            full.AddRange(assetsPage.Select(a => a.Id));
            after = page.Count == 7 ? page[^1] : null;
        }
        while (after is not null);

        Assert.Equal(expected, ids);
        Assert.Equal(full, ids);
    }

    private async Task<MediaPage<MediaAsset>> QueryAsync(MediaQuery query)
    {
        await using var context = _db.NewContext();
        return await TestDatabase.Catalog(context).QueryAsync("t1", query, CancellationToken.None);
    }
}

/// <summary>The plan SQLite chooses for a page of orphans: the primary key in id order, never a sort of the tenant's rows.</summary>
public sealed class SqliteOrphanScanPlanTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Theory]
    [InlineData("t1")]
    [InlineData(null)]
    public async Task A_page_of_orphans_walks_the_primary_key_from_the_cursor_without_sorting_even_with_the_statistics_of_a_million_assets(string? tenant)
    {
        await _db.SeedAsync([.. Enumerable.Range(0, 50).Select(i => _db.NewAsset(tenantId: i % 2 == 0 ? "t1" : "t2"))]);
        var capture = new LastCommand();
        var options = new DbContextOptionsBuilder<StoreDbContext>(_db.Options<StoreDbContext>()).AddInterceptors(capture).Options;
        await using var context = new StoreDbContext(options);
        await context.Database.ExecuteSqlRawAsync("ANALYZE");

        // The planner statistics of the benchmark's 1,000,000 assets in two tenants (benchmarks/README.md), where SQLite
        // preferred a skip-scan of the (TenantId, DeletedAt, CreatedAt, Id) index and a sort of every live row per page.
        // ANALYZE sqlite_schema makes the connection load them.
        await context.Database.ExecuteSqlRawAsync("""
            DELETE FROM sqlite_stat1 WHERE tbl = 'media_assets';
            INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
                ('media_assets', 'IX_media_assets_TenantId_UploadedBy', '1000000 500000 10205'),
                ('media_assets', 'IX_media_assets_TenantId_Status', '1000000 500000 250000'),
                ('media_assets', 'IX_media_assets_TenantId_DeletedAt_Length_Id', '1000000 500000 100 2 1'),
                ('media_assets', 'IX_media_assets_TenantId_DeletedAt_CreatedAt_Id', '1000000 500000 100 1 1'),
                ('media_assets', 'IX_media_assets_TenantId_Collection_Sha256', '1000000 500000 125000 1'),
                ('media_assets', 'IX_media_assets_StoreName_Id', '1000000 1000000 1'),
                ('media_assets', 'IX_media_assets_StorageKey', '1000000 1'),
                ('media_assets', 'IX_media_assets_ExpiresAt', '1000000 1000000'),
                ('media_assets', 'sqlite_autoindex_media_assets_1', '1000000 1');
            ANALYZE sqlite_schema;
            """);

        var ids = await new EfMediaMaintenanceCatalog<StoreDbContext>(context).FindOrphanIdsAsync(tenant, _db.Time.GetUtcNow(), Guid.Empty, 10, CancellationToken.None);
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + capture.Text;
        foreach (DbParameter parameter in capture.Parameters)
        {
            explain.Parameters.AddWithValue(parameter.ParameterName, parameter.Value);
        }

        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Equal(10, ids.Count);
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("sqlite_autoindex_media_assets", StringComparison.Ordinal));
    }

    private sealed class LastCommand : DbCommandInterceptor
    {
        public string? Text { get; private set; }

        public List<DbParameter> Parameters { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            Text = command.CommandText;
            Parameters.Clear();
            Parameters.AddRange(command.Parameters.Cast<DbParameter>());
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
