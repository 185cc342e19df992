using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using MediaKit.Catalog;
using MediaKit.EfCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace MediaKit.Benchmarks;

/// <summary>
/// Listing, search, "where used" and orphan scans over a large catalog, through the public MediaKit services.
/// </summary>
/// <remarks>
/// The data is bulk-loaded beside EF Core (prepared INSERTs on SQLite, binary COPY on PostgreSQL) into the schema that
/// <c>EnsureCreated</c> made from <c>modelBuilder.AddMediaKit()</c>; the secondary indexes are dropped for the load and
/// recreated from their own definitions afterwards, so the measured schema is exactly the library's.
/// </remarks>
internal static class CatalogBenchmark
{
    private const string MeasuredTenant = "tenant-a";
    private const string OtherTenant = "tenant-b";
    private const int PageSize = 50;

    // ~10 % of file names contain "sunset" (one noun of ten); ~0.1 % contain "kilimanjaro". Titles and alt text use other
    // words, so the hit rates hold for the three searched columns together.
    private const string CommonTerm = "sunset";
    private const string RareTerm = "kilimanjaro";

    private static readonly string[] s_adjectives =
    [
        "autumn", "bright", "classic", "cozy", "dark", "elegant", "fresh", "golden", "happy", "modern",
        "quiet", "rustic", "silver", "simple", "urban", "vintage", "warm", "wild", "winter", "young",
    ];

    private static readonly string[] s_nouns = ["beach", "bridge", "city", "coffee", "forest", "garden", "harbor", "mountain", CommonTerm, "street"];

    private static readonly string[] s_titles = ["Homepage hero", "Spring campaign", "Catalog shot", "Team photo", "Store front", "Product detail", "Newsletter header"];

    private static readonly string[] s_altTexts = ["a red chair by a window", "two people at a table", "a blue bicycle", "a plate of pasta", "an empty office", "a dog on a sofa"];

    private static readonly string[] s_tags = ["summer", "sale", "hero", "catalog", "archive", "new"];

    private static readonly string[] s_resourceTypes = ["product", "banner", "page"];

    private static readonly string[] s_fields = ["gallery", "thumbnail", "hero"];

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = Option(args, "--provider", "sqlite");
        var count = int.Parse(Option(args, "--assets", "100000"), CultureInfo.InvariantCulture);
        var queries = int.Parse(Option(args, "--queries", "200"), CultureInfo.InvariantCulture);
        if (provider is not ("sqlite" or "postgres") || count < 1000 || queries < 1)
        {
            Console.Error.WriteLine("usage: catalog --provider sqlite|postgres --assets N (>= 1000) [--queries 200]");
            return 2;
        }

        var postgres = provider == "postgres";
        var root = Path.GetFullPath(Path.Combine("artifacts", "bench", $"catalog-{provider}-{count}"));
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(root);
        string connectionString;
        var sqliteFile = Path.Combine(root, "catalog.db");
        if (postgres)
        {
            var server = Environment.GetEnvironmentVariable("MEDIAKIT_POSTGRES");
            if (string.IsNullOrEmpty(server))
            {
                Console.Error.WriteLine("catalog: MEDIAKIT_POSTGRES is not set; run eng/services/postgres-start.sh and source artifacts/services/postgres.env.");
                return 2;
            }

            var database = $"mediakit_bench_{count}";
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await Execute(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }

            connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        }
        else
        {
            connectionString = $"Data Source={sqliteFile}";
        }

        var services = new ServiceCollection();
        services.AddDbContext<CatalogBenchDbContext>(o =>
        {
            if (postgres)
            {
                o.UseNpgsql(connectionString);
            }
            else
            {
                o.UseSqlite(connectionString);
            }
        });
        services.AddSingleton<IMediaTenantAccessor>(new FixedTenant(MeasuredTenant));
        services.AddMediaKit(o =>
            {
                o.Collections.Add("products", c => c.AcceptImages());
                o.Collections.Add("banners", c => c.AcceptImages());
                o.Collections.Add("videos", c => c.AcceptVideos());
                o.Collections.Add("documents", c => c.AcceptDocuments());
            })
            .UseEntityFrameworkCore<CatalogBenchDbContext>()
            .UseFileSystemStorage(o => o.RootPath = Path.Combine(root, "media"));
        await using var serviceProvider = services.BuildServiceProvider();

        var now = DateTimeOffset.UtcNow;
        var data = Generate(count, now);
        var load = Stopwatch.StartNew();
        await using (var scope = serviceProvider.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<CatalogBenchDbContext>();
            await context.Database.EnsureCreatedAsync();
            var connection = context.Database.GetDbConnection();
            await connection.OpenAsync();
            if (connection is NpgsqlConnection npgsql)
            {
                await LoadPostgresAsync(npgsql, data);
            }
            else
            {
                await LoadSqliteAsync((SqliteConnection)connection, data);

                // The FTS5 trigram table and its triggers, created after the load: its 'rebuild' indexes every row in one pass.
                var fts = Stopwatch.StartNew();
                await context.Database.EnsureMediaKitSearchIndexAsync();
                Console.Error.WriteLine($"catalog: FTS5 trigram index built in {fts.Elapsed.TotalSeconds:N0} s");
            }
        }

        load.Stop();
        var sizes = await SizesAsync(serviceProvider, postgres, sqliteFile);

        Console.WriteLine($"# Catalog on {(postgres ? "PostgreSQL" : "SQLite")}: {count:N0} assets, {queries} timed queries per row after a warm-up");
        Console.WriteLine();
        Console.WriteLine($"Rows: {sizes.Assets:N0} assets ({sizes.MeasuredLive:N0} live in the measured tenant), {sizes.Usages:N0} usages, {sizes.Variants:N0} variants. "
            + $"Database: {sizes.DatabaseBytes / 1e6:N0} MB{(sizes.AssetTableBytes < 0 ? "" : $" (assets table with its indexes: {sizes.AssetTableBytes / 1e6:N0} MB)")}. "
            + $"Load + index + ANALYZE: {load.Elapsed.TotalSeconds:N0} s.");
        Console.WriteLine();

        var rows = new List<string>();
        void Row(string name, Stats stats, string note) =>
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {name} | {stats.P50:F2} | {stats.P95:F2} | {stats.Max:F2} | {note} |"));

        Row("first page (50, newest first)", await MeasureAsync<IMediaStore>(serviceProvider, queries, s => s.QueryAsync(new MediaQuery())), "keyset, no total");
        Row("first page with total (page=1)", await MeasureAsync<IMediaStore>(serviceProvider, queries, s => s.QueryAsync(new MediaQuery { Page = 1, TotalCountLimit = null })), "offset, counts the tenant's live assets");
        Row("first page with capped total (page=1, default)", await MeasureAsync<IMediaStore>(serviceProvider, queries, s => s.QueryAsync(new MediaQuery { Page = 1 })), $"counts up to {MediaQuery.DefaultTotalCountLimit:N0}, then \"{MediaQuery.DefaultTotalCountLimit:N0}+\"");

        // The keyset page at the same depth as the offset page: the cursor is followed there in pages of 200 (a cursor is
        // independent of the page size), then the next page of 50 is timed.
        var depthPages = Math.Max(4, Math.Min(1000, (int)(sizes.MeasuredLive / PageSize / 2)) / 4 * 4);
        var cursor = await FollowAsync(serviceProvider, depthPages * PageSize);
        var keysetDeep = await MeasureAsync<IMediaStore>(serviceProvider, queries, s => s.QueryAsync(new MediaQuery { Cursor = cursor }));
        var offsetDeep = await MeasureAsync<IMediaStore>(serviceProvider, queries, s => s.QueryAsync(new MediaQuery { Page = depthPages + 1, TotalCountLimit = null }));
        var offsetDeepCapped = await MeasureAsync<IMediaStore>(serviceProvider, queries, s => s.QueryAsync(new MediaQuery { Page = depthPages + 1 }));
        await CheckSamePageAsync(serviceProvider, cursor, depthPages + 1);
        Row($"deep page {depthPages + 1:N0}, keyset (cursor)", keysetDeep, $"after {depthPages * PageSize:N0} rows");
        Row($"deep page {depthPages + 1:N0}, offset (page={depthPages + 1})", offsetDeep, "OFFSET plus the exact total count");
        Row($"deep page {depthPages + 1:N0}, offset, capped total (default)", offsetDeepCapped, $"OFFSET plus a count up to {MediaQuery.DefaultTotalCountLimit:N0}");

        var rareHits = await CountAsync(serviceProvider, new MediaQuery { Search = RareTerm, Page = 1, TotalCountLimit = null });
        var commonHits = await CountAsync(serviceProvider, new MediaQuery { Search = CommonTerm, Page = 1, TotalCountLimit = null });
        Row($"search \"{RareTerm}\", first page", await MeasureAsync<IMediaStore>(serviceProvider, queries, s => s.QueryAsync(new MediaQuery { Search = RareTerm })), $"{rareHits:N0} hits ({Percent(rareHits, sizes.MeasuredLive)})");
        Row($"search \"{CommonTerm}\", first page", await MeasureAsync<IMediaStore>(serviceProvider, queries, s => s.QueryAsync(new MediaQuery { Search = CommonTerm })), $"{commonHits:N0} hits ({Percent(commonHits, sizes.MeasuredLive)})");
        Row($"search \"{RareTerm}\", page=1 with total", await MeasureAsync<IMediaStore>(serviceProvider, queries, s => s.QueryAsync(new MediaQuery { Search = RareTerm, Page = 1, TotalCountLimit = null })), "offset, counts the hits");
        Row($"search \"{CommonTerm}\", page=1 with total", await MeasureAsync<IMediaStore>(serviceProvider, queries, s => s.QueryAsync(new MediaQuery { Search = CommonTerm, Page = 1, TotalCountLimit = null })), "offset, counts the hits");
        Row($"search \"{CommonTerm}\", page=1 with capped total (default)", await MeasureAsync<IMediaStore>(serviceProvider, queries, s => s.QueryAsync(new MediaQuery { Search = CommonTerm, Page = 1 })), $"counts the hits up to {MediaQuery.DefaultTotalCountLimit:N0}");

        var used = data.UsedInMeasuredTenant;
        var next = 0;
        Row("where used (FindUsesAsync, 50)", await MeasureAsync<IMediaUsages>(serviceProvider, queries, s => s.FindUsesAsync(used[next++ % used.Count])), $"{used.Count:N0} used assets in rotation, 1-3 uses each");

        Row("orphans, first page (FindOrphansAsync, 50)", await MeasureAsync<IMediaUsages>(serviceProvider, queries, s => s.FindOrphansAsync(TimeSpan.FromDays(1))), "grace period 1 day");

        // The whole scan, as the cleanup job walks it (its default batch is 200, the largest page the API gives).
        // A scan slower than the budget is stopped and reported as such, with the rate it reached.
        var scans = new List<double>();
        long orphans = 0;
        var pages = 0;
        var complete = true;
        for (var run = 0; run < 4 && complete; run++)
        {
            (var seconds, orphans, pages, complete) = await ScanOrphansAsync(serviceProvider, TimeSpan.FromSeconds(60));
            if (run > 0 || !complete)
            {
                scans.Add(seconds * 1000);
            }
        }

        Row("orphans, full scan (pages of 200)", Stats.Of(scans), complete
            ? $"{orphans:N0} orphans in {pages:N0} pages; 3 timed scans after 1 warm-up"
            : $"STOPPED after 60 s: {orphans:N0} orphans in {pages:N0} pages read, of about {sizes.MeasuredLive / 2:N0}");

        // The ids-only scan (FindOrphanIdsAsync), in pages of 10,000.
        var idScans = new List<double>();
        long idOrphans = 0;
        var idPages = 0;
        var idComplete = true;
        for (var run = 0; run < 4 && idComplete; run++)
        {
            (var seconds, idOrphans, idPages, idComplete) = await ScanOrphanIdsAsync(serviceProvider, TimeSpan.FromSeconds(60));
            if (run > 0 || !idComplete)
            {
                idScans.Add(seconds * 1000);
            }
        }

        Row($"orphans, full scan, ids only (FindOrphanIdsAsync, pages of {MediaQuery.MaxIdLimit:N0})", Stats.Of(idScans), idComplete
            ? $"{idOrphans:N0} orphans in {idPages:N0} pages; 3 timed scans after 1 warm-up"
            : $"STOPPED after 60 s: {idOrphans:N0} orphans in {idPages:N0} pages read");

        Console.WriteLine("| measurement | p50 ms | p95 ms | max ms | notes |");
        Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    private static string Percent(long part, long whole) => (part / (double)whole).ToString("P1", CultureInfo.InvariantCulture);

    private static async Task<Stats> MeasureAsync<TService>(IServiceProvider services, int queries, Func<TService, Task> action)
        where TService : notnull
    {
        var times = new List<double>(queries);
        for (var i = -Math.Min(20, Math.Max(3, queries / 10)); i < queries; i++)
        {
            // A scope per call, as a web request has: the context and its connection (from the pool) are new each time.
            await using var scope = services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<TService>();
            var stopwatch = Stopwatch.StartNew();
            await action(service);
            stopwatch.Stop();
            if (i >= 0)
            {
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        return Stats.Of(times);
    }

    private static async Task<string> FollowAsync(IServiceProvider services, int rows)
    {
        string? cursor = null;
        for (var seen = 0; seen < rows; seen += MediaQuery.MaxLimit)
        {
            await using var scope = services.CreateAsyncScope();
            var page = await scope.ServiceProvider.GetRequiredService<IMediaStore>().QueryAsync(new MediaQuery { Cursor = cursor, Limit = MediaQuery.MaxLimit });
            cursor = page.NextCursor ?? throw new InvalidOperationException("The listing ended before the requested depth.");
        }

        return cursor!;
    }

    private static async Task CheckSamePageAsync(IServiceProvider services, string cursor, int page)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
        var keyset = await store.QueryAsync(new MediaQuery { Cursor = cursor });
        var offset = await store.QueryAsync(new MediaQuery { Page = page });
        if (!keyset.Items.Select(a => a.Id).SequenceEqual(offset.Items.Select(a => a.Id)))
        {
            throw new InvalidOperationException("The keyset and offset pages at the same depth differ.");
        }
    }

    private static async Task<long> CountAsync(IServiceProvider services, MediaQuery query)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IMediaStore>().QueryAsync(query)).TotalCount!.Value;
    }

    private static async Task<(double Seconds, long Orphans, int Pages, bool Complete)> ScanOrphansAsync(IServiceProvider services, TimeSpan budget)
    {
        long orphans = 0;
        var pages = 0;
        string? cursor = null;
        var stopwatch = Stopwatch.StartNew();
        do
        {
            await using var scope = services.CreateAsyncScope();
            var page = await scope.ServiceProvider.GetRequiredService<IMediaUsages>().FindOrphansAsync(TimeSpan.FromDays(1), cursor, MediaQuery.MaxLimit);
            orphans += page.Items.Count;
            pages++;
            cursor = page.NextCursor;
        }
        while (cursor is not null && stopwatch.Elapsed < budget);
        stopwatch.Stop();
        return (stopwatch.Elapsed.TotalSeconds, orphans, pages, cursor is null);
    }

    private static async Task<(double Seconds, long Orphans, int Pages, bool Complete)> ScanOrphanIdsAsync(IServiceProvider services, TimeSpan budget)
    {
        long orphans = 0;
        var pages = 0;
        string? cursor = null;
        var stopwatch = Stopwatch.StartNew();
        do
        {
            await using var scope = services.CreateAsyncScope();
            var page = await scope.ServiceProvider.GetRequiredService<IMediaUsages>().FindOrphanIdsAsync(TimeSpan.FromDays(1), cursor, MediaQuery.MaxIdLimit);
            orphans += page.Items.Count;
            pages++;
            cursor = page.NextCursor;
        }
        while (cursor is not null && stopwatch.Elapsed < budget);
        stopwatch.Stop();
        return (stopwatch.Elapsed.TotalSeconds, orphans, pages, cursor is null);
    }

    private static async Task<Sizes> SizesAsync(IServiceProvider services, bool postgres, string sqliteFile)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<CatalogBenchDbContext>();
        var assets = await context.Set<MediaAsset>().LongCountAsync();
        var live = await context.Set<MediaAsset>().LongCountAsync(a => a.TenantId == MeasuredTenant && a.DeletedAt == null);
        var usages = await context.Set<MediaUsage>().LongCountAsync();
        var variants = await context.Set<MediaVariant>().LongCountAsync();
        long databaseBytes, assetTableBytes;
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        if (postgres)
        {
            databaseBytes = await Scalar(connection, "SELECT pg_database_size(current_database())");
            assetTableBytes = await Scalar(connection, "SELECT pg_total_relation_size('media_assets')");
        }
        else
        {
            await Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            databaseBytes = new FileInfo(sqliteFile).Length;
            // The bundled SQLite has no dbstat table, so the file size is all there is.
            assetTableBytes = -1;
        }

        return new Sizes(assets, live, usages, variants, databaseBytes, assetTableBytes);
    }

    private static Data Generate(int count, DateTimeOffset now)
    {
        var random = new Random(42);
        var start = now.AddYears(-2);
        var span = now.AddDays(-2) - start;
        var assets = new List<MediaAsset>(count);
        var usages = new List<MediaUsage>(count);
        var used = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var createdAt = start + TimeSpan.FromTicks(span.Ticks / count * i) + TimeSpan.FromMilliseconds(random.Next(0, 1000));
            var tenant = random.Next(2) == 0 ? MeasuredTenant : OtherTenant;
            var pick = random.Next(100);
            var (collection, kind, extension, contentType) = pick switch
            {
                < 50 => ("products", MediaKind.Image, random.Next(3) == 0 ? "png" : "jpg", ""),
                < 70 => ("banners", MediaKind.Image, "webp", ""),
                < 80 => ("videos", MediaKind.Video, "mp4", "video/mp4"),
                _ => ("documents", MediaKind.Document, "pdf", "application/pdf"),
            };
            contentType = extension switch { "png" => "image/png", "jpg" => "image/jpeg", "webp" => "image/webp", _ => contentType };
            var noun = random.Next(1000) == 0 ? RareTerm : s_nouns[random.Next(s_nouns.Length)];
            var id = Guid.CreateVersion7(createdAt);
            var image = kind == MediaKind.Image;
            var asset = new MediaAsset
            {
                Id = id,
                TenantId = tenant,
                Collection = collection,
                StorageKey = $"{tenant}/{createdAt:yyyy/MM}/{id:N}.{extension}",
                FileName = $"{s_adjectives[random.Next(s_adjectives.Length)]}-{noun}-{random.Next(1, 100_000)}.{extension}",
                Title = random.Next(10) < 3 ? $"{s_titles[random.Next(s_titles.Length)]} {random.Next(1, 1000)}" : null,
                AltText = image && random.Next(2) == 0 ? s_altTexts[random.Next(s_altTexts.Length)] : null,
                Tags = [.. s_tags.Where(_ => random.Next(6) == 0)],
                ContentType = contentType,
                Kind = kind,
                Length = kind switch
                {
                    MediaKind.Video => random.NextInt64(5_000_000, 500_000_000),
                    MediaKind.Document => random.NextInt64(50_000, 5_000_000),
                    _ => (long)Math.Exp(random.NextDouble() * 5 + 10.8),
                },
                Sha256 = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
                Width = image || kind == MediaKind.Video ? random.Next(320, 4000) : null,
                Height = image || kind == MediaKind.Video ? random.Next(240, 3000) : null,
                DurationSeconds = kind == MediaKind.Video ? random.Next(5, 600) : null,
                Placeholder = image ? "LEHV6nWB2yk8pyo0adR*.7kCMdnj" : null,
                Status = random.Next(50) == 0 ? MediaAssetStatus.PendingReview : MediaAssetStatus.Ready,
                UploadedBy = $"user-{random.Next(1, 50)}",
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
                DeletedAt = random.Next(100) == 0 ? createdAt.AddDays(1) : null,
            };
            if (image)
            {
                asset.Variants.Add(new MediaVariant
                {
                    AssetId = id,
                    Name = "thumb",
                    StorageKey = asset.StorageKey + ".thumb.webp",
                    ContentType = "image/webp",
                    Length = random.Next(5_000, 40_000),
                    Width = 320,
                    Height = 240,
                    CreatedAt = createdAt,
                });
            }

            assets.Add(asset);
            if (asset.DeletedAt is null && random.Next(2) == 0)
            {
                var uses = random.Next(1, 4);
                for (var u = 0; u < uses; u++)
                {
                    var usedAt = createdAt.AddHours(1 + u);
                    usages.Add(new MediaUsage
                    {
                        Id = Guid.CreateVersion7(usedAt),
                        TenantId = tenant,
                        AssetId = id,
                        ResourceType = s_resourceTypes[random.Next(s_resourceTypes.Length)],
                        ResourceId = random.Next(1, count).ToString(CultureInfo.InvariantCulture),
                        Field = s_fields[u],
                        Position = 0,
                        CreatedAt = usedAt,
                    });
                }

                if (tenant == MeasuredTenant && used.Count < 10_000 && random.Next(10) == 0)
                {
                    used.Add(id);
                }
            }
        }

        return new Data(assets, usages, used);
    }

    private static async Task LoadSqliteAsync(SqliteConnection connection, Data data)
    {
        var indexes = await DropIndexesAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL", name => $"DROP INDEX \"{name}\"");
        await Execute(connection, "PRAGMA synchronous = OFF");
        await using (var transaction = connection.BeginTransaction())
        {
            // Column formats are EF Core's for SQLite: GUIDs as upper-case text, UTC date-times as 'yyyy-MM-dd HH:mm:ss.FFFFFFF',
            // enums as their names (HasConversion<string>), tags as a JSON array.
            var asset = Prepare(connection, transaction, "media_assets",
                "Id", "TenantId", "Collection", "StorageKey", "FileName", "Title", "AltText", "Tags", "ContentType", "Kind", "Length", "Sha256",
                "Width", "Height", "DurationSeconds", "Placeholder", "Status", "UploadedBy", "CreatedAt", "UpdatedAt", "DeletedAt", "Version", "ConcurrencyStamp", "Metadata");
            var variant = Prepare(connection, transaction, "media_variants", "AssetId", "Name", "StorageKey", "ContentType", "Length", "Width", "Height", "CreatedAt");
            var usage = Prepare(connection, transaction, "media_usages", "Id", "TenantId", "AssetId", "ResourceType", "ResourceId", "Field", "Position", "CreatedAt");
            foreach (var a in data.Assets)
            {
                Bind(asset, SqliteGuid(a.Id), a.TenantId, a.Collection, a.StorageKey, a.FileName, a.Title, a.AltText,
                    "[" + string.Join(',', a.Tags.Select(t => $"\"{t}\"")) + "]", a.ContentType, a.Kind.ToString(), a.Length, a.Sha256,
                    a.Width, a.Height, a.DurationSeconds, a.Placeholder, a.Status.ToString(), a.UploadedBy, SqliteDate(a.CreatedAt), SqliteDate(a.UpdatedAt),
                    a.DeletedAt is { } deleted ? SqliteDate(deleted) : null, a.Version, SqliteGuid(a.ConcurrencyStamp), "{}");
                await asset.ExecuteNonQueryAsync();
                foreach (var v in a.Variants)
                {
                    Bind(variant, SqliteGuid(v.AssetId), v.Name, v.StorageKey, v.ContentType, v.Length, v.Width, v.Height, SqliteDate(v.CreatedAt));
                    await variant.ExecuteNonQueryAsync();
                }
            }

            foreach (var u in data.Usages)
            {
                Bind(usage, SqliteGuid(u.Id), u.TenantId, SqliteGuid(u.AssetId), u.ResourceType, u.ResourceId, u.Field, u.Position, SqliteDate(u.CreatedAt));
                await usage.ExecuteNonQueryAsync();
            }

            foreach (var sql in indexes)
            {
                await Execute(connection, sql, transaction);
            }

            await transaction.CommitAsync();
        }

        await Execute(connection, "PRAGMA synchronous = FULL");
        await Execute(connection, "ANALYZE");
    }

    private static async Task LoadPostgresAsync(NpgsqlConnection connection, Data data)
    {
        // Keys and unique constraints stay (they are constraints, not just indexes); the rest is rebuilt after the load.
        var indexes = await DropIndexesAsync(
            connection,
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' AND i.tablename LIKE 'media_%' "
                + "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            name => $"DROP INDEX \"{name}\"");
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY media_assets (\"Id\", \"TenantId\", \"Collection\", \"StorageKey\", \"FileName\", \"Title\", \"AltText\", \"Tags\", \"ContentType\", \"Kind\", \"Length\", \"Sha256\", "
            + "\"Width\", \"Height\", \"DurationSeconds\", \"Placeholder\", \"Status\", \"UploadedBy\", \"CreatedAt\", \"UpdatedAt\", \"DeletedAt\", \"Version\", \"ConcurrencyStamp\", \"Metadata\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in data.Assets)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(a.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(a.TenantId, NpgsqlDbType.Varchar);
                await writer.WriteAsync(a.Collection, NpgsqlDbType.Varchar);
                await writer.WriteAsync(a.StorageKey, NpgsqlDbType.Varchar);
                await writer.WriteAsync(a.FileName, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, a.Title, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, a.AltText, NpgsqlDbType.Varchar);
                await writer.WriteAsync(a.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(a.ContentType, NpgsqlDbType.Varchar);
                await writer.WriteAsync(a.Kind.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(a.Length, NpgsqlDbType.Bigint);
                await writer.WriteAsync(a.Sha256, NpgsqlDbType.Char);
                await WriteNullableAsync(writer, a.Width, NpgsqlDbType.Integer);
                await WriteNullableAsync(writer, a.Height, NpgsqlDbType.Integer);
                await WriteNullableAsync(writer, a.DurationSeconds, NpgsqlDbType.Double);
                await WriteNullableAsync(writer, a.Placeholder, NpgsqlDbType.Varchar);
                await writer.WriteAsync(a.Status.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, a.UploadedBy, NpgsqlDbType.Varchar);
                await writer.WriteAsync(a.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(a.UpdatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, a.DeletedAt?.UtcDateTime, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(a.Version, NpgsqlDbType.Integer);
                await writer.WriteAsync(a.ConcurrencyStamp, NpgsqlDbType.Uuid);
                await writer.WriteAsync("{}", NpgsqlDbType.Text);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY media_variants (\"AssetId\", \"Name\", \"StorageKey\", \"ContentType\", \"Length\", \"Width\", \"Height\", \"CreatedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var v in data.Assets.SelectMany(a => a.Variants))
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(v.AssetId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(v.Name, NpgsqlDbType.Varchar);
                await writer.WriteAsync(v.StorageKey, NpgsqlDbType.Varchar);
                await writer.WriteAsync(v.ContentType, NpgsqlDbType.Varchar);
                await writer.WriteAsync(v.Length, NpgsqlDbType.Bigint);
                await WriteNullableAsync(writer, v.Width, NpgsqlDbType.Integer);
                await WriteNullableAsync(writer, v.Height, NpgsqlDbType.Integer);
                await writer.WriteAsync(v.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY media_usages (\"Id\", \"TenantId\", \"AssetId\", \"ResourceType\", \"ResourceId\", \"Field\", \"Position\", \"CreatedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var u in data.Usages)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(u.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(u.TenantId, NpgsqlDbType.Varchar);
                await writer.WriteAsync(u.AssetId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(u.ResourceType, NpgsqlDbType.Varchar);
                await writer.WriteAsync(u.ResourceId, NpgsqlDbType.Varchar);
                await writer.WriteAsync(u.Field, NpgsqlDbType.Varchar);
                await writer.WriteAsync(u.Position, NpgsqlDbType.Integer);
                await writer.WriteAsync(u.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await Execute(connection, "SET maintenance_work_mem = '512MB'");
        foreach (var sql in indexes)
        {
            await Execute(connection, sql);
        }

        await Execute(connection, "VACUUM ANALYZE");
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
        where T : struct
        => value is { } v ? writer.WriteAsync(v, type) : writer.WriteNullAsync();

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type)
        => value is not null ? writer.WriteAsync(value, type) : writer.WriteNullAsync();

    private static async Task<List<string>> DropIndexesAsync(DbConnection connection, string list, Func<string, string> drop)
    {
        var indexes = new List<(string Name, string Sql)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = list;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await Execute(connection, drop(name));
        }

        return [.. indexes.Select(i => i.Sql)];
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        }

        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static string SqliteGuid(Guid id) => id.ToString().ToUpperInvariant();

    private static string SqliteDate(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static async Task Execute(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private sealed record Data(List<MediaAsset> Assets, List<MediaUsage> Usages, List<Guid> UsedInMeasuredTenant);

    private sealed record Sizes(long Assets, long MeasuredLive, long Usages, long Variants, long DatabaseBytes, long AssetTableBytes);

    private sealed record Stats(double P50, double P95, double Max)
    {
        public static Stats Of(List<double> times)
        {
            var sorted = times.Order().ToArray();
            double At(double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
            return new Stats(At(0.50), At(0.95), sorted[^1]);
        }
    }

    private sealed class FixedTenant(string tenantId) : IMediaTenantAccessor
    {
        public string TenantId => tenantId;
    }
}

/// <summary>A host context with MediaKit's tables; on PostgreSQL with the trigram search index.</summary>
internal sealed class CatalogBenchDbContext(DbContextOptions<CatalogBenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.AddMediaKit(o => o.SearchIndex = Database.IsNpgsql() ? MediaSearchIndex.PostgreSqlTrigram : MediaSearchIndex.SqliteTrigram);
}
