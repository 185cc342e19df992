using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MediaKit.Samples.Store.Data;

/// <summary>
/// The store's database: SQLite in <c>App_Data</c> by default, PostgreSQL when configured
/// (<c>Store:Provider = PostgreSql</c> and <c>ConnectionStrings:Store</c>). The schema comes from EF Core migrations, one set
/// per provider, applied at start-up.
/// </summary>
public static class StoreDatabase
{
    /// <summary>The value of <c>Store:Provider</c> that selects PostgreSQL.</summary>
    public const string PostgreSql = "PostgreSql";

    /// <summary>The value of <c>Store:Provider</c> that selects SQLite (the default).</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Registers <see cref="StoreDbContext"/> on the configured provider, with MediaKit's usage tracking.</summary>
    public static IServiceCollection AddStoreDatabase(this IServiceCollection services, IConfiguration configuration, string dataRoot)
    {
        var provider = configuration["Store:Provider"] ?? Sqlite;
        var connectionString = configuration.GetConnectionString("Store");
        if (string.Equals(provider, PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Store:Provider is PostgreSql but ConnectionStrings:Store is not set.");
            }

            services.AddDbContext<StoreDbContext, PostgreSqlStoreDbContext>((scope, o) => o
                .UseNpgsql(connectionString)
                .UseMediaKitUsageTracking(scope));
        }
        else if (string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            connectionString ??= $"Data Source={Path.Combine(dataRoot, "store.db")}";
            services.AddDbContext<StoreDbContext, SqliteStoreDbContext>((scope, o) => o
                .UseSqlite(connectionString)
                .UseMediaKitUsageTracking(scope));
        }
        else
        {
            throw new InvalidOperationException($"Store:Provider must be {Sqlite} or {PostgreSql}, not '{provider}'.");
        }

        return services;
    }

    /// <summary>
    /// Applies the provider's migrations, then makes sure the SQLite search index (an FTS5 table and triggers that EF Core's
    /// model cannot describe) exists, and seeds demo products on a first run when demo images are present.
    /// </summary>
    public static async Task MigrateStoreDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        await context.Database.MigrateAsync(cancellationToken);
        await context.Database.EnsureMediaKitSearchIndexAsync(cancellationToken);
        await DemoCatalog.SeedAsync(services, cancellationToken);
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without starting the app.</summary>
public sealed class SqliteStoreDbContextFactory : IDesignTimeDbContextFactory<SqliteStoreDbContext>
{
    /// <inheritdoc />
    public SqliteStoreDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<SqliteStoreDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context without a server (adding a migration needs none).</summary>
public sealed class PostgreSqlStoreDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlStoreDbContext>
{
    /// <inheritdoc />
    public PostgreSqlStoreDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PostgreSqlStoreDbContext>().UseNpgsql("Host=127.0.0.1;Database=store_design_time").Options);
}
