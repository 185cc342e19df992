using MediaKit.Catalog;
using MediaKit.EfCore.Internal;
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
/// <remarks>On PostgreSQL it turns the trigram search index on, as docs/decisions.md tells PostgreSQL hosts to.</remarks>
public sealed class StoreDbContext(DbContextOptions<StoreDbContext> options) : DbContext(options)
{
    public DbSet<HostOrder> Orders => Set<HostOrder>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<HostOrder>().ToTable("orders");
        modelBuilder.AddMediaKit(o => o.SearchIndex = Database.IsNpgsql() ? MediaSearchIndex.PostgreSqlTrigram : MediaSearchIndex.None);
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

/// <summary>
/// One test's empty database with <see cref="StoreDbContext"/>'s tables, on one provider: SQLite in memory
/// (<see cref="SqliteTestDatabase"/>) or a PostgreSQL server (<see cref="PostgreSqlTestDatabase"/>).
/// </summary>
/// <remarks>Test classes take it from their provider-specific subclass and call <see cref="InitializeAsync"/> first.</remarks>
public abstract class TestDatabase : IAsyncLifetime
{
    /// <summary>The clock that stamps assets made by <see cref="NewAsset"/>; starts at a fixed instant.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public abstract bool IsPostgreSql { get; }

    /// <summary>Options for any context type on this test's database.</summary>
    public abstract DbContextOptions<TContext> Options<TContext>()
        where TContext : DbContext;

    /// <summary>Makes the database empty, with <see cref="StoreDbContext"/>'s tables.</summary>
    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>The names of the tables in this test's database (or schema), in ordinal order.</summary>
    public abstract Task<List<string>> TableNamesAsync();

    /// <summary>Whether <paramref name="error"/> is the provider's unique-constraint violation.</summary>
    public abstract bool IsUniqueViolation(Exception error);

    public StoreDbContext NewContext() => new(Options<StoreDbContext>());

    public static IMediaCatalog Catalog(StoreDbContext context) => new EfMediaCatalog<StoreDbContext>(context);

    /// <summary>Runs <paramref name="sql"/> and returns the first column of its first row, as the ADO.NET provider reads it.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var context = NewContext();
        await context.Database.OpenConnectionAsync();
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

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
}
