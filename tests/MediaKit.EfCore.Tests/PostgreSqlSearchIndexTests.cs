using System.Data.Common;
using MediaKit.EfCore.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace MediaKit.EfCore.Tests;

/// <summary><see cref="MediaSearchIndex.PostgreSqlTrigram"/> on a real PostgreSQL server.</summary>
public sealed class PostgreSqlSearchIndexTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>, IAsyncLifetime
{
    private readonly PostgreSqlTestDatabase _db = new(database);

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [DatabaseFact]
    public async Task A_search_among_20000_assets_is_served_by_the_trigram_indexes()
    {
        // Three matches, one per column, among 20,000 assets made in SQL from one template row (EF would take half a minute).
        var template = _db.NewAsset(fileName: "template.jpg");
        var byName = _db.NewAsset(fileName: "Beach-Day.jpg");
        var byTitle = _db.NewAsset(fileName: "img_a.jpg", configure: a => a.Title = "Sunset at the BEACH");
        var byAlt = _db.NewAsset(fileName: "img_b.jpg", configure: a => a.AltText = "A beach ball on sand");
        await _db.SeedAsync(template, byName, byTitle, byAlt);
        await using (var context = _db.NewContext())
        {
            var columns = context.Model.FindEntityType(typeof(MediaAsset))!.GetProperties()
                .Where(p => p.GetComputedColumnSql() is null)
                .Select(p => p.GetColumnName())
                .ToList();
            var overrides = new Dictionary<string, string>
            {
                ["Id"] = "gen_random_uuid()",
                ["StorageKey"] = "'bulk/' || g",
                ["FileName"] = "'IMG_' || lpad(g::text, 6, '0') || '.jpg'",
                ["Title"] = "'Product shot ' || g",
                ["AltText"] = "CASE WHEN g % 2 = 0 THEN 'Item ' || g || ' on a white background' END",
                ["CreatedAt"] = "t.\"CreatedAt\" - g * interval '1 second'",
            };
            var sql = $"""
                INSERT INTO media_assets ({string.Join(", ", columns.Select(c => $"\"{c}\""))})
                SELECT {string.Join(", ", columns.Select(c => overrides.GetValueOrDefault(c, $"t.\"{c}\"")))}
                FROM media_assets AS t, generate_series(1, 19996) AS g
                WHERE t."Id" = '{template.Id}'
                """;
            Assert.Equal(19_996, await context.Database.ExecuteSqlRawAsync(sql));
        }

        // What autovacuum does on a live server: statistics, and the GIN pending list (fastupdate) merged into the index,
        // without which the planner rightly prices every index search as also reading the pending list.
        await using (var analyze = database.DataSource.CreateCommand("VACUUM ANALYZE media_assets"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var capture = new CommandCapture();
        var options = new DbContextOptionsBuilder<StoreDbContext>(_db.Options<StoreDbContext>()).AddInterceptors(capture).Options;
        await using var query = new StoreDbContext(options);

        var page = await TestDatabase.Catalog(query).QueryAsync("t1", new MediaQuery { Search = "Beach" }, CancellationToken.None);
        var plan = await ExplainAsync(capture.Text!, capture.Parameters);

        Assert.Equal(20_000, await query.Set<MediaAsset>().CountAsync());
        Assert.Equal([byAlt.Id, byTitle.Id, byName.Id], page.Items.Select(a => a.Id));
        Assert.True(plan.Contains("Bitmap Index Scan on \"IX_media_assets_FileNameLower\"", StringComparison.Ordinal), plan);
        Assert.True(plan.Contains("Bitmap Index Scan on \"IX_media_assets_TitleLower\"", StringComparison.Ordinal), plan);
        Assert.True(plan.Contains("Bitmap Index Scan on \"IX_media_assets_AltTextLower\"", StringComparison.Ordinal), plan);
        Assert.False(plan.Contains("Seq Scan on media_assets", StringComparison.Ordinal), plan);
    }

    [DatabaseFact]
    public async Task The_search_columns_are_generated_lower_cased_and_the_indexes_are_gin_trigram()
    {
        await _db.SeedAsync(_db.NewAsset(fileName: "ÉTÉ-Photo.JPG", configure: a => a.Title = "Été"));

        var lowered = await _db.ScalarAsync("SELECT \"FileNameLower\" || '|' || \"TitleLower\" || '|' || coalesce(\"AltTextLower\", 'null') FROM media_assets");
        var indexes = await _db.ScalarAsync(
            "SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'media_assets' AND indexdef LIKE '%gin_trgm_ops%'");

        Assert.Equal("été-photo.jpg|été|null", lowered);
        Assert.Equal(
            """
            CREATE INDEX "IX_media_assets_AltTextLower" ON public.media_assets USING gin ("AltTextLower" gin_trgm_ops)
            CREATE INDEX "IX_media_assets_FileNameLower" ON public.media_assets USING gin ("FileNameLower" gin_trgm_ops)
            CREATE INDEX "IX_media_assets_TitleLower" ON public.media_assets USING gin ("TitleLower" gin_trgm_ops)
            """.ReplaceLineEndings("\n"),
            indexes);
    }

    private async Task<string> ExplainAsync(string commandText, List<NpgsqlParameter> parameters)
    {
        await using var explain = database.DataSource.CreateCommand("EXPLAIN " + commandText);
        foreach (var parameter in parameters)
        {
            explain.Parameters.Add(parameter);
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    /// <summary>Keeps the last command the context ran, to explain exactly what the catalog asked for.</summary>
    private sealed class CommandCapture : DbCommandInterceptor
    {
        public string? Text { get; private set; }

        public List<NpgsqlParameter> Parameters { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Text = command.CommandText;
            Parameters.Clear();
            Parameters.AddRange(command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

/// <summary>The model <see cref="MediaSearchIndex.PostgreSqlTrigram"/> builds, checked against Npgsql's own API; no server needed.</summary>
public sealed class SearchIndexModelTests
{
    [Fact]
    public void The_trigram_option_writes_the_annotations_that_Npgsqls_own_API_writes()
    {
        using var mediaKit = new StoreDbContext(new DbContextOptionsBuilder<StoreDbContext>().UseNpgsql("Host=127.0.0.1").Options);
        using var npgsql = new NpgsqlReferenceContext();
        var reference = npgsql.Model.FindEntityType(typeof(HostOrder))!.GetIndexes().Single();
        var fileName = mediaKit.Model.FindEntityType(typeof(MediaAsset))!.GetIndexes()
            .Single(i => i.Properties is [{ Name: MediaAssetConfiguration.FileNameSearchColumn }]);

        Assert.Equal(
            npgsql.Model.GetAnnotations().Where(a => a.Name.Contains("PostgresExtension", StringComparison.Ordinal)).Select(a => (a.Name, a.Value)),
            mediaKit.Model.GetAnnotations().Where(a => a.Name.Contains("PostgresExtension", StringComparison.Ordinal)).Select(a => (a.Name, a.Value)));
        Assert.Equal(Describe(reference), Describe(fileName));
    }

    [Fact]
    public void The_PostgreSQL_create_script_creates_pg_trgm_before_the_trigram_indexes()
    {
        using var context = new StoreDbContext(new DbContextOptionsBuilder<StoreDbContext>().UseNpgsql("Host=127.0.0.1").Options);

        var script = context.Database.GenerateCreateScript();

        var extension = script.IndexOf("CREATE EXTENSION IF NOT EXISTS pg_trgm;", StringComparison.Ordinal);
        Assert.InRange(extension, 0, script.IndexOf("CREATE TABLE", StringComparison.Ordinal));
        Assert.Contains("\"FileNameLower\" text GENERATED ALWAYS AS (lower(\"FileName\")) STORED", script, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX \"IX_media_assets_TitleLower\" ON media_assets USING gin (\"TitleLower\" gin_trgm_ops);", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_option_there_are_no_search_columns_and_SQLite_needs_no_extension()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        using var context = new StoreDbContext(new DbContextOptionsBuilder<StoreDbContext>().UseSqlite(connection).Options);
        var assets = context.Model.FindEntityType(typeof(MediaAsset))!;

        Assert.Null(assets.FindProperty(MediaAssetConfiguration.FileNameSearchColumn));
        Assert.DoesNotContain(context.Model.GetAnnotations(), a => a.Name.StartsWith("Npgsql:", StringComparison.Ordinal));
    }

    private static List<(string, object?)> Describe(Microsoft.EntityFrameworkCore.Metadata.IIndex index)
        => index.GetAnnotations()
            .Where(a => a.Name.StartsWith("Npgsql:", StringComparison.Ordinal))
            .Select(a => (a.Name, a.Value is string[] values ? (object?)string.Join(',', values) : a.Value))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToList();

    private sealed class NpgsqlReferenceContext : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.UseNpgsql("Host=127.0.0.1");

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.HasPostgresExtension("pg_trgm");
            modelBuilder.Entity<HostOrder>().HasIndex(o => o.PlacedAt).HasMethod("gin").HasOperators("gin_trgm_ops");
        }
    }
}
