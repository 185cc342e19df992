using MediaKit.Catalog;
using MediaKit.EfCore.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MediaKit.EfCore.Tests;

public sealed class QuotaAndShareCounterTests_on_Sqlite() : QuotaAndShareCounterTests(new SqliteFileTestDatabase());

public sealed class QuotaAndShareCounterTests_on_PostgreSql(PostgreSqlDatabase database)
    : QuotaAndShareCounterTests(new PostgreSqlTestDatabase(database)), IClassFixture<PostgreSqlDatabase>;

/// <summary>
/// The two counters that must be exact under concurrency — an owner's quota and a share link's uses — raced by many
/// contexts (connections) at once, as many app instances would, on every provider.
/// </summary>
public abstract class QuotaAndShareCounterTests(TestDatabase db) : IAsyncLifetime
{
    private const int Racers = 24;

    private readonly TestDatabase _db = db;

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [DatabaseFact]
    public async Task Concurrent_admissions_of_one_owner_never_exceed_the_limit()
    {
        const int fits = 7;
        var assets = Enumerable.Range(0, Racers).Select(_ => _db.NewAsset(collection: "chat", configure: a => { a.UploadedBy = "alice"; a.Length = 100; })).ToList();

        var admitted = await RaceAsync(assets.Select<MediaAsset, Func<Task<bool>>>(asset => async () =>
        {
            await using var context = _db.NewContext();
            var catalog = TestDatabase.Catalog(context);
            var admission = await new EfMediaQuotaCatalog<StoreDbContext>(context).AdmitAsync(
                "t1", "chat", "alice", asset.Length, fits * 100, ct => catalog.AddAsync(asset, ct), CancellationToken.None);
            return admission.Admitted;
        }));

        Assert.Equal(fits, admitted.Count(a => a));
        await using var read = _db.NewContext();
        Assert.Equal(fits, await read.Set<MediaAsset>().CountAsync());
        Assert.Equal(fits * 100, await new EfMediaQuotaCatalog<StoreDbContext>(read).GetUsedBytesAsync("t1", "chat", "alice", CancellationToken.None));
    }

    [DatabaseFact]
    public async Task A_refused_admission_saves_nothing_not_even_the_staged_audit_entry()
    {
        var first = _db.NewAsset(collection: "chat", configure: a => { a.UploadedBy = "alice"; a.Length = 600; });
        var second = _db.NewAsset(collection: "chat", configure: a => { a.UploadedBy = "alice"; a.Length = 600; });
        await using var context = _db.NewContext();
        var catalog = TestDatabase.Catalog(context);
        var quotas = new EfMediaQuotaCatalog<StoreDbContext>(context);
        Assert.True((await quotas.AdmitAsync("t1", "chat", "alice", 600, 1000, ct => catalog.AddAsync(first, ct), CancellationToken.None)).Admitted);

        new EfMediaAuditCatalog<StoreDbContext>(context).Stage(new MediaAuditEntry { Id = Guid.CreateVersion7(), TenantId = "t1", AssetId = second.Id, Action = "asset.uploaded", At = second.CreatedAt });
        var called = false;
        var refused = await quotas.AdmitAsync("t1", "chat", "alice", 600, 1000, _ => { called = true; return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(new MediaQuotaAdmission(false, 600), refused);
        Assert.False(called);
        await context.SaveChangesAsync();
        await using var read = _db.NewContext();
        Assert.Empty(await read.Set<MediaAuditEntry>().ToListAsync());

        // Another owner, and assets without an uploader, are counted apart.
        Assert.Equal(0, await quotas.GetUsedBytesAsync("t1", "chat", "bob", CancellationToken.None));
        Assert.Equal(0, await quotas.GetUsedBytesAsync("t1", "chat", null, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Concurrent_uses_of_a_share_link_count_exactly_to_its_maximum()
    {
        const int maxUses = 6;
        var asset = _db.NewAsset();
        await _db.SeedAsync(asset);
        var link = NewLink(asset, maxUses, _db.Time.GetUtcNow().AddHours(1));
        await using (var context = _db.NewContext())
        {
            await new EfMediaShareCatalog<StoreDbContext>(context).AddAsync(link, CancellationToken.None);
        }

        var now = _db.Time.GetUtcNow();
        var counts = await RaceAsync(Enumerable.Range(0, Racers).Select<int, Func<Task<int?>>>(_ => async () =>
        {
            await using var context = _db.NewContext();
            return await new EfMediaShareCatalog<StoreDbContext>(context).TryUseAsync(link.Id, now, CancellationToken.None);
        }));

        Assert.Equal(Enumerable.Range(1, maxUses), counts.OfType<int>().Order());
        await using var read = _db.NewContext();
        Assert.Equal(maxUses, (await read.Set<MediaShareLink>().SingleAsync()).UseCount);
    }

    [DatabaseFact]
    public async Task An_expired_or_revoked_link_is_not_used()
    {
        var asset = _db.NewAsset();
        await _db.SeedAsync(asset);
        var expiresAt = _db.Time.GetUtcNow().AddMinutes(5);
        var link = NewLink(asset, null, expiresAt);
        await using var context = _db.NewContext();
        var shares = new EfMediaShareCatalog<StoreDbContext>(context);
        await shares.AddAsync(link, CancellationToken.None);

        Assert.Equal(1, await shares.TryUseAsync(link.Id, expiresAt.AddSeconds(-1), CancellationToken.None));
        Assert.Null(await shares.TryUseAsync(link.Id, expiresAt, CancellationToken.None));
        Assert.True(await shares.RevokeAsync("t1", link.Id, expiresAt.AddMinutes(-4), CancellationToken.None));
        Assert.False(await shares.RevokeAsync("t1", link.Id, expiresAt.AddMinutes(-4), CancellationToken.None));
        Assert.False(await shares.RevokeAsync("t2", link.Id, expiresAt.AddMinutes(-4), CancellationToken.None));
        Assert.Null(await shares.TryUseAsync(link.Id, expiresAt.AddMinutes(-3), CancellationToken.None));
        Assert.Equal(link.Id, (await shares.FindByTokenHashAsync(link.TokenHash, CancellationToken.None))?.Id);
        Assert.Null(await shares.FindAsync("t2", link.Id, CancellationToken.None));
    }

    private static MediaShareLink NewLink(MediaAsset asset, int? maxUses, DateTimeOffset expiresAt) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = asset.TenantId,
        AssetId = asset.Id,
        TokenHash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
        Access = MediaShareAccess.Download,
        ExpiresAt = expiresAt,
        MaxUses = maxUses,
        CreatedAt = asset.CreatedAt,
    };

    /// <summary>Starts every racer at the same moment, each on a thread-pool thread and a connection of its own.</summary>
    private static async Task<T[]> RaceAsync<T>(IEnumerable<Func<Task<T>>> racers)
    {
        using var start = new ManualResetEventSlim();
        var tasks = racers.Select(racer => Task.Run(async () =>
        {
            start.Wait();
            return await racer();
        })).ToList();
        start.Set();
        return await Task.WhenAll(tasks);
    }
}

/// <summary>
/// A SQLite database in a temporary file, so that concurrent contexts use connections of their own (an in-memory database
/// lives on one connection, which cannot be shared between threads).
/// </summary>
public sealed class SqliteFileTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mediakit-efcore-{Guid.NewGuid():N}.db");

    public override bool IsPostgreSql => false;

    // Writers wait for the database lock (Default Timeout, in seconds) instead of failing with SQLITE_BUSY.
    public override DbContextOptions<TContext> Options<TContext>()
        => new DbContextOptionsBuilder<TContext>().UseSqlite($"Data Source={_path};Pooling=False;Default Timeout=60").Options;

    public override async Task InitializeAsync()
    {
        await using var context = NewContext();
        await context.Database.EnsureCreatedAsync();
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }

    public override Task<List<string>> TableNamesAsync() => throw new NotSupportedException();

    public override bool IsUniqueViolation(Exception error) => error is SqliteException { SqliteExtendedErrorCode: 2067 };
}
