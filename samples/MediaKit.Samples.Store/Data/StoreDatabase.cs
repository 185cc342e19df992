using MediaKit.AspNetCore;
using MediaKit.Samples.Store.Data.Scenarios;
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

        services.AddScoped<StoreDbScopes>();
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
        await ScenarioSetup.SeedAsync(services, cancellationToken);
    }
}

/// <summary>
/// Gives interactive components a fresh <see cref="StoreDbContext"/> per operation, acting for the component's user.
/// </summary>
/// <remarks>
/// <para>
/// A Blazor Server circuit is one DI scope that lives as long as the browser tab, so a <see cref="StoreDbContext"/> injected
/// into a component would live for hours, track every entity it ever loaded and be used by overlapping event handlers: the
/// well-known anti-pattern. Each operation (load a page's data, save a form) instead opens its own DI scope with
/// <see cref="Open"/> and disposes it afterwards.
/// </para>
/// <para>
/// The context's usage-tracking interceptor (<c>UseMediaKitUsageTracking</c>) resolves the tenant from the services of the
/// scope the context was created in, through <see cref="MediaKitUser"/>. A new scope opened from a circuit has no HTTP request
/// and no user, so the user of the calling scope (which MediaKit.Ui's circuit handler keeps equal to the circuit's signed-in
/// user; during prerendering it is the request's user) is copied into the new scope before anything runs there. Without that
/// copy, the interceptor would fail for want of a tenant, or worse, see the wrong one.
/// </para>
/// <para>
/// The same reasoning is why this is not <c>AddDbContextFactory</c>: the factory is a singleton, and the contexts it
/// creates would resolve the interceptor's services from the root provider, which has no user at all.
/// </para>
/// </remarks>
public sealed class StoreDbScopes(IServiceScopeFactory scopes, MediaKitUser user)
{
    /// <summary>Opens a scope acting for the current user, with its own <see cref="StoreDbContext"/>; dispose it after the operation.</summary>
    /// <exception cref="InvalidOperationException">There is no user in the calling scope (neither a circuit's nor a request's).</exception>
    public StoreDbScope Open()
    {
        var principal = user.Principal ?? throw new InvalidOperationException("StoreDbScopes needs the calling scope's user (a circuit or a request).");
        return new StoreDbScope(Scenarios.ScenarioScopes.ForUser(scopes, principal));
    }

    /// <summary>Runs <paramref name="operation"/> in a new scope (see <see cref="Open"/>) and returns its result.</summary>
    public async Task<T> RunAsync<T>(Func<StoreDbScope, Task<T>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await using var scope = Open();
        return await operation(scope);
    }
}

/// <summary>One operation's DI scope: its <see cref="StoreDbContext"/> and its MediaKit services, acting for the copied user.</summary>
public sealed class StoreDbScope(AsyncServiceScope scope) : IAsyncDisposable
{
    /// <summary>The scope's services (such as <see cref="IMediaStore"/>, for the same user).</summary>
    public IServiceProvider Services => scope.ServiceProvider;

    /// <summary>The scope's context; disposed with the scope.</summary>
    public StoreDbContext Db => field ??= scope.ServiceProvider.GetRequiredService<StoreDbContext>();

    /// <summary>The tenant (organization) the scope acts for.</summary>
    public string TenantId => scope.ServiceProvider.GetRequiredService<IMediaTenantAccessor>().TenantId;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => scope.DisposeAsync();
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
