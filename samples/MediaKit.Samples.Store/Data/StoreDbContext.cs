using MediaKit.EfCore;
using MediaKit.Samples.Store.Data.Scenarios;
using Microsoft.EntityFrameworkCore;

namespace MediaKit.Samples.Store.Data;

/// <summary>The store's own database; MediaKit's tables live in it next to the store's entities.</summary>
/// <remarks>
/// The app resolves it as <see cref="StoreDbContext"/>; the instance is <see cref="SqliteStoreDbContext"/> or
/// <see cref="PostgreSqlStoreDbContext"/>, one type per provider so that each has its own migrations
/// (<c>Data/Migrations/Sqlite</c>, <c>Data/Migrations/PostgreSql</c>).
/// </remarks>
public class StoreDbContext : DbContext
{
    /// <summary>For code that builds the context by hand (on SQLite, the default provider, with no migrations of its own).</summary>
    public StoreDbContext(DbContextOptions<StoreDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the provider-specific subclasses.</summary>
    protected StoreDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Banner> Banners => Set<Banner>();

    public DbSet<StoreSettings> Settings => Set<StoreSettings>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // The substring search of the library is index-backed on both providers (docs/decisions.md 11 and 16).
        modelBuilder.AddMediaKit(o => o.SearchIndex = Database.IsNpgsql() ? MediaSearchIndex.PostgreSqlTrigram : MediaSearchIndex.SqliteTrigram);

        // The store's entities mark their image ids as media references: the usage table follows every save, with no usage
        // calls in the store's code (UseMediaKitUsageTracking in Program.cs).
        modelBuilder.Entity<Product>(product =>
        {
            product.ToTable("products");
            product.HasMediaResourceType("product");
            product.Property(p => p.TenantId).HasMaxLength(128);
            product.Property(p => p.Name).HasMaxLength(200);
            product.Property(p => p.Description).HasMaxLength(4000);
            product.Property(p => p.Price).HasPrecision(12, 2);
            product.Property(p => p.MainImageId).IsMediaReference("main_image");
            product.Property(p => p.GalleryImageIds).IsMediaReference("gallery");
            product.HasIndex(p => new { p.TenantId, p.Name });
        });

        modelBuilder.Entity<Banner>(banner =>
        {
            banner.ToTable("banners");
            banner.HasMediaResourceType("banner");
            banner.Property(b => b.TenantId).HasMaxLength(128);
            banner.Property(b => b.Title).HasMaxLength(200);
            banner.Property(b => b.LinkUrl).HasMaxLength(2048);
            banner.Property(b => b.ImageId).IsMediaReference("image");
            banner.HasIndex(b => b.TenantId);
        });

        modelBuilder.Entity<StoreSettings>(settings =>
        {
            settings.ToTable("store_settings");
            settings.HasKey(s => s.TenantId);
            settings.HasMediaResourceType("store_settings");
            settings.Property(s => s.TenantId).HasMaxLength(128);
            settings.Property(s => s.StoreName).HasMaxLength(200);
            settings.Property(s => s.LogoId).IsMediaReference("logo");
            settings.Property(s => s.FaviconId).IsMediaReference("favicon");
        });

        // The scenario pages' entities (courses, lessons, avatars, lookbook, conversations: Data/Scenarios).
        ScenarioModel.Configure(modelBuilder);
    }
}

/// <summary>The store's context on SQLite (the default); its migrations are in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteStoreDbContext(DbContextOptions<SqliteStoreDbContext> options) : StoreDbContext(options);

/// <summary>The store's context on PostgreSQL; its migrations are in <c>Data/Migrations/PostgreSql</c>.</summary>
public sealed class PostgreSqlStoreDbContext(DbContextOptions<PostgreSqlStoreDbContext> options) : StoreDbContext(options);
