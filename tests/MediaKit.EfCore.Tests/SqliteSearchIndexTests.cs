using System.Data.Common;
using MediaKit.EfCore.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace MediaKit.EfCore.Tests;

/// <summary>A SQLite host that turns the FTS5 trigram search index on.</summary>
public sealed class SqliteSearchDbContext(DbContextOptions<SqliteSearchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.AddMediaKit(o => o.SearchIndex = MediaSearchIndex.SqliteTrigram);
}

/// <summary>
/// <see cref="MediaSearchIndex.SqliteTrigram"/> on a real SQLite database: the index serves the search, and its answers equal
/// the scan's (<see cref="MediaSearchIndex.None"/> on the same tables) through inserts, edits, deletes and VACUUM.
/// </summary>
public sealed class SqliteSearchIndexTests : IAsyncLifetime
{
    private static readonly string[] s_words = ["harbor", "sunset", "beach", "Kilimanjaro", "golden", "studio", "linen", "amber", "ridge", "meadow"];

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mediakit-fts-{Guid.NewGuid():N}.db");
    private readonly SqliteTestDatabase _factory = new();
    private readonly CommandCapture _capture = new();

    public async Task InitializeAsync()
    {
        await using var context = NewIndexedContext();
        await context.Database.EnsureCreatedAsync();
        Assert.True(await context.Database.EnsureMediaKitSearchIndexAsync());
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_search_is_answered_by_the_trigram_index_not_by_scanning_the_assets()
    {
        await SeedAsync(2_000);

        await using var context = NewIndexedContext(_capture);
        var page = await Wrap(context).QueryAsync("t1", new MediaQuery { Search = "kilimanjaro", Limit = 200 }, CancellationToken.None);
        var plan = await ExplainAsync(_capture.Text!, _capture.Parameters);

        Assert.NotEmpty(page.Items);
        Assert.Contains("VIRTUAL TABLE INDEX", plan, StringComparison.Ordinal);
        Assert.Contains("media_assets_search", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("instr", _capture.Text!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(await ScanAsync("kilimanjaro"), await IndexedAsync("kilimanjaro"));
    }

    [Fact]
    public async Task Results_equal_the_scan_through_inserts_edits_deletes_and_vacuum()
    {
        var assets = await SeedAsync(600);
        string[] terms = ["sun", "SUNSET", "harbor-1", "kilimanjaro", "en r", "studio 7", "amber.jpg", "nothing-like-this", "\"quoted\"", "50%_"];
        await AssertSameAsync(terms);

        await using (var context = NewIndexedContext())
        {
            // Edits: a name, a title set and cleared, alt text; a wildcard and a quote in the text.
            var edited = await context.Set<MediaAsset>().Where(a => assets.Take(40).Select(x => x.Id).Contains(a.Id)).ToListAsync();
            for (var i = 0; i < edited.Count; i++)
            {
                switch (i % 4)
                {
                    case 0: edited[i].FileName = $"renamed-sunset-{i}.png"; break;
                    case 1: edited[i].Title = i % 8 == 1 ? null : "A \"quoted\" title, 50%_ off"; break;
                    case 2: edited[i].AltText = "Kilimanjaro at dawn"; break;
                    default: edited[i].Tags = ["unrelated"]; break;
                }
            }

            context.Add(_factory.NewAsset(fileName: "fresh-SUNSET.webp", configure: a => a.AltText = "studio 7"));
            await context.SaveChangesAsync();
        }

        await AssertSameAsync(terms);

        await using (var context = NewIndexedContext())
        {
            // Deletes through the change tracker and in bulk.
            var ids = assets.Skip(40).Take(30).Select(a => a.Id).ToList();
            context.RemoveRange(await context.Set<MediaAsset>().Where(a => ids.Take(10).Contains(a.Id)).ToListAsync());
            await context.SaveChangesAsync();
            var bulk = ids.Skip(10).ToList();
            Assert.Equal(20, await context.Set<MediaAsset>().Where(a => bulk.Contains(a.Id)).ExecuteDeleteAsync());
            await context.Database.ExecuteSqlRawAsync("VACUUM");
        }

        await AssertSameAsync(terms);
        await using var check = NewIndexedContext();
        await check.Database.OpenConnectionAsync();
        await check.Database.ExecuteSqlRawAsync("INSERT INTO media_assets_search(media_assets_search, rank) VALUES ('integrity-check', 1)");
    }

    [Fact]
    public async Task The_search_folds_case_beyond_ASCII()
    {
        var ete = _factory.NewAsset(fileName: "ÉTÉ-Plage.JPG");
        await SaveAsync(ete, _factory.NewAsset(fileName: "winter.jpg"));

        Assert.Equal([ete.Id], await IndexedAsync("été-plage"));
        Assert.Equal([ete.Id], await IndexedAsync("PLAGE.jpg"));
    }

    [Fact]
    public async Task Terms_shorter_than_three_characters_scan_and_find_the_same_assets()
    {
        await SeedAsync(300);

        await using var context = NewIndexedContext(_capture);
        await Wrap(context).QueryAsync("t1", new MediaQuery { Search = "ha" }, CancellationToken.None);

        Assert.NotEmpty(_capture.All);
        Assert.DoesNotContain(_capture.All, text => text.Contains("MATCH", StringComparison.Ordinal));
        Assert.Equal(await ScanAsync("ha"), await IndexedAsync("ha"));
        Assert.NotEmpty(await IndexedAsync("ha"));
    }

    [Fact]
    public async Task Other_filters_sorting_paging_and_totals_compose_with_the_index()
    {
        await SeedAsync(400);
        var query = new MediaQuery { Search = "sunset", Collection = "banners", SortBy = MediaSortBy.FileName, Descending = false, Limit = 7 };

        var indexed = await AllPagesAsync(NewIndexedContext, query);
        var scanned = await AllPagesAsync(NewScanContext, query);
        await using var context = NewIndexedContext();
        var counted = await Wrap(context).QueryAsync("t1", query with { Page = 1 }, CancellationToken.None);

        Assert.NotEmpty(indexed);
        Assert.Equal(scanned, indexed);
        Assert.Equal(scanned.Count, counted.TotalCount);
    }

    [Fact]
    public async Task Ensure_does_nothing_when_complete_and_repairs_the_index_when_a_trigger_was_dropped()
    {
        await SeedAsync(50);
        await using (var context = NewIndexedContext())
        {
            Assert.False(await context.Database.EnsureMediaKitSearchIndexAsync());

            // What a SQLite migration that rebuilds the assets table leaves: no triggers, rows changed behind the index's back.
            await context.Database.ExecuteSqlRawAsync("DROP TRIGGER media_assets_search_au; DROP TRIGGER media_assets_search_ai");
            await context.Database.ExecuteSqlRawAsync("UPDATE media_assets SET \"Title\" = 'moved while unindexed' WHERE rowid % 5 = 0");
            Assert.True(await context.Database.EnsureMediaKitSearchIndexAsync());
        }

        await AssertSameAsync(["moved while unindexed", "harbor"]);
        Assert.NotEmpty(await IndexedAsync("unindexed"));
    }

    [Fact]
    public async Task The_migration_helper_creates_the_index_on_a_database_made_without_it_and_drops_it_again()
    {
        var assets = await SeedAsync(80);
        await using var context = NewIndexedContext();
        await context.Database.ExecuteSqlRawAsync(SqliteSearchIndex.DropScript("media_assets"));

        var up = new MigrationBuilder("Microsoft.EntityFrameworkCore.Sqlite").AddMediaKitSqliteSearch();
        var down = new MigrationBuilder("Microsoft.EntityFrameworkCore.Sqlite").DropMediaKitSqliteSearch();
        foreach (var operation in up.Operations.Cast<SqlOperation>())
        {
            await context.Database.ExecuteSqlRawAsync(operation.Sql);
        }

        Assert.False(await context.Database.EnsureMediaKitSearchIndexAsync());
        await AssertSameAsync(["sunset", "kilimanjaro"]);

        foreach (var operation in down.Operations.Cast<SqlOperation>())
        {
            await context.Database.ExecuteSqlRawAsync(operation.Sql);
        }

        Assert.Equal(0L, await CountObjectsAsync(context, "media_assets_search%"));
        Assert.NotEmpty(assets);
    }

    [Fact]
    public async Task The_SQLite_option_on_another_provider_fails_with_a_message_that_names_the_setting()
    {
        await using var context = new SqliteSearchDbContext(
            new DbContextOptionsBuilder<SqliteSearchDbContext>().UseNpgsql("Host=127.0.0.1;Port=1").Options);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Wrap(context).QueryAsync("t1", new MediaQuery { Search = "sunset" }, CancellationToken.None));
        Assert.Contains("SqliteTrigram", error.Message, StringComparison.Ordinal);
    }

    private SqliteSearchDbContext NewIndexedContext() => NewIndexedContext(null);

    private SqliteSearchDbContext NewIndexedContext(CommandCapture? capture)
    {
        var builder = new DbContextOptionsBuilder<SqliteSearchDbContext>().UseSqlite($"Data Source={_path}");
        if (capture is not null)
        {
            builder.AddInterceptors(capture);
        }

        return new SqliteSearchDbContext(builder.Options);
    }

    private StoreDbContext NewScanContext() => new(new DbContextOptionsBuilder<StoreDbContext>().UseSqlite($"Data Source={_path}").Options);

    // The catalog is generic over the context type; the tests' helper takes StoreDbContext, so build it for this type here.
    private static Catalog.IMediaCatalog Wrap(SqliteSearchDbContext context) => new EfMediaCatalog<SqliteSearchDbContext>(context);

    private static Catalog.IMediaCatalog Wrap(DbContext context) => context switch
    {
        SqliteSearchDbContext indexed => Wrap(indexed),
        StoreDbContext store => TestDatabase.Catalog(store),
        _ => throw new ArgumentException("Unknown context", nameof(context)),
    };

    private async Task<List<MediaAsset>> SeedAsync(int count)
    {
        var random = new Random(count);
        string[] collections = ["products", "banners"];
        var assets = new List<MediaAsset>();
        for (var i = 0; i < count; i++)
        {
            var word = s_words[random.Next(s_words.Length)];
            var other = s_words[random.Next(s_words.Length)];
            assets.Add(_factory.NewAsset(
                tenantId: i % 7 == 0 ? "t2" : "t1",
                collection: collections[i % 2],
                fileName: $"{word}-{other}-{i}.jpg",
                configure: a =>
                {
                    a.Title = i % 3 == 0 ? $"{char.ToUpperInvariant(other[0])}{other[1..]} Studio {i % 10}" : null;
                    a.AltText = i % 2 == 0 ? $"A {word} in linen ridge light" : null;
                }));
        }

        await SaveAsync([.. assets]);
        return assets;
    }

    private async Task SaveAsync(params MediaAsset[] assets)
    {
        await using var context = NewIndexedContext();
        context.AddRange(assets);
        await context.SaveChangesAsync();
    }

    private async Task AssertSameAsync(IEnumerable<string> terms)
    {
        foreach (var term in terms)
        {
            Assert.Equal(await ScanAsync(term), await IndexedAsync(term));
        }
    }

    private Task<List<Guid>> IndexedAsync(string term) => AllIdsAsync(NewIndexedContext, term);

    private Task<List<Guid>> ScanAsync(string term) => AllIdsAsync(NewScanContext, term);

    private static Task<List<Guid>> AllIdsAsync(Func<DbContext> newContext, string term)
        => AllPagesAsync(newContext, new MediaQuery { Search = term, Limit = MediaQuery.MaxLimit });

    private static async Task<List<Guid>> AllPagesAsync(Func<DbContext> newContext, MediaQuery query)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            await using var context = newContext();
            var page = await Wrap(context).QueryAsync("t1", query with { Cursor = cursor }, CancellationToken.None);
            ids.AddRange(page.Items.Select(a => a.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return ids;
    }

    private async Task<string> ExplainAsync(string commandText, List<SqliteParameter> parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + commandText;
        explain.Parameters.AddRange(parameters);
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join('\n', lines);
    }

    private static async Task<long> CountObjectsAsync(DbContext context, string pattern)
    {
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name LIKE $p";
        command.Parameters.Add(new SqliteParameter("$p", pattern));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Keeps the first query the context ran (a page loads its assets first, then their variants and versions), to explain
    /// exactly what the catalog asked for, and the text of every query.
    /// </summary>
    private sealed class CommandCapture : DbCommandInterceptor
    {
        public string? Text { get; private set; }

        public List<string> All { get; } = [];

        public List<SqliteParameter> Parameters { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            All.Add(command.CommandText);
            if (Text is null)
            {
                Text = command.CommandText;
                Parameters.AddRange(command.Parameters.Cast<SqliteParameter>().Select(p => new SqliteParameter(p.ParameterName, p.Value)));
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
