using MediaKit.Catalog;
using MediaKit.EfCore.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MediaKit.EfCore.Tests;

/// <summary>A host application's own entity, to prove that MediaKit's mapping leaves it alone.</summary>
public sealed class HostOrder
{
    public int Id { get; set; }

    public DateTimeOffset PlacedAt { get; set; }
}

/// <summary>A host context that puts MediaKit's tables next to its own, as an application would.</summary>
public sealed class StoreDbContext(DbContextOptions<StoreDbContext> options) : DbContext(options)
{
    public DbSet<HostOrder> Orders => Set<HostOrder>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<HostOrder>().ToTable("orders");
        modelBuilder.AddMediaKit();
    }
}

/// <summary>A context with another prefix; a separate type because EF caches one model per context type.</summary>
public sealed class PrefixedDbContext(DbContextOptions<PrefixedDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMediaKit(o => o.TablePrefix = "lib_");
}

/// <summary>A context whose author forgot <c>AddMediaKit()</c>.</summary>
public sealed class ForgetfulDbContext(DbContextOptions<ForgetfulDbContext> options) : DbContext(options)
{
    public DbSet<HostOrder> Orders => Set<HostOrder>();
}

/// <summary>A real SQLite database in memory, kept alive by one open connection for the test's lifetime.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public TestDatabase()
    {
        _connection.Open();
        using var context = NewContext();
        context.Database.EnsureCreated();
    }

    public SqliteConnection Connection => _connection;

    /// <summary>The clock that stamps assets made by <see cref="NewAsset"/>; starts at a fixed instant.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public StoreDbContext NewContext() => new(new DbContextOptionsBuilder<StoreDbContext>().UseSqlite(_connection).Options);

    public static IMediaCatalog Catalog(StoreDbContext context) => new EfMediaCatalog<StoreDbContext>(context);

    /// <summary>A valid asset created "now"; each call advances the clock by a second so ids and times are distinct.</summary>
    public MediaAsset NewAsset(string tenantId = "t1", string collection = "products", string fileName = "photo.jpg", Action<MediaAsset>? configure = null)
    {
        var now = Time.GetUtcNow();
        Time.Advance(TimeSpan.FromSeconds(1));
        var id = Guid.CreateVersion7(now);
        var asset = new MediaAsset
        {
            Id = id,
            TenantId = tenantId,
            Collection = collection,
            StorageKey = $"{tenantId}/{collection}/{id:N}.bin",
            FileName = fileName,
            ContentType = "image/jpeg",
            Kind = MediaKind.Image,
            Length = 1000,
            Sha256 = Convert.ToHexStringLower(id.ToByteArray()) + Convert.ToHexStringLower(id.ToByteArray()),
            CreatedAt = now,
            UpdatedAt = now,
        };
        configure?.Invoke(asset);
        return asset;
    }

    public static MediaVariant Variant(MediaAsset asset, string name) => new()
    {
        AssetId = asset.Id,
        Name = name,
        StorageKey = $"{asset.StorageKey}.{name}",
        ContentType = "image/webp",
        Length = 100,
        Width = 300,
        Height = 200,
        CreatedAt = asset.CreatedAt,
    };

    /// <summary>Stores assets through a context of their own, so later reads come from the database, not a tracker.</summary>
    public async Task SeedAsync(params MediaAsset[] assets)
    {
        await using var context = NewContext();
        context.AddRange(assets);
        await context.SaveChangesAsync();
    }

    public void Dispose() => _connection.Dispose();
}
