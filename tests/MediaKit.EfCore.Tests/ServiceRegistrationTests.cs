using MediaKit.Catalog;
using MediaKit.EfCore.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.EfCore.Tests;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public async Task UseEntityFrameworkCore_makes_the_scoped_catalog_use_the_hosts_context()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        var services = new ServiceCollection();
        services.AddDbContext<StoreDbContext>(o => o.UseSqlite(connection));

        var builder = services.AddMediaKit();
        var returned = builder.UseEntityFrameworkCore<StoreDbContext>();

        Assert.Same(builder, returned);
        var descriptor = Assert.Single(services, d => d.ServiceType == typeof(IMediaCatalog));
        Assert.Equal(ServiceLifetime.Scoped, descriptor.Lifetime);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var scope = provider.CreateScope();
        var catalog = scope.ServiceProvider.GetRequiredService<IMediaCatalog>();
        Assert.IsType<EfMediaCatalog<StoreDbContext>>(catalog);

        // The catalog writes through the scope's own context, the one the host's code also uses.
        connection.Open();
        var context = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        context.Database.EnsureCreated();
        var asset = new MediaAsset { Id = Guid.CreateVersion7(), TenantId = "t1", StorageKey = "k", Sha256 = new string('0', 64) };
        await catalog.AddAsync(asset, CancellationToken.None);
        Assert.Same(asset, Assert.Single(context.ChangeTracker.Entries<MediaAsset>()).Entity);
    }

    [Fact]
    public void UseEntityFrameworkCore_replaces_a_catalog_chosen_before()
    {
        var services = new ServiceCollection();
        services.AddScoped<IMediaCatalog, ForgetfulCatalog>();

        services.AddMediaKit().UseEntityFrameworkCore<StoreDbContext>().UseEntityFrameworkCore<StoreDbContext>();

        var descriptor = Assert.Single(services, d => d.ServiceType == typeof(IMediaCatalog));
        Assert.Equal(typeof(EfMediaCatalog<StoreDbContext>), descriptor.ImplementationType);
    }

    [Fact]
    public void A_context_without_AddMediaKit_is_refused_with_a_message_that_says_what_to_call()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        using var context = new ForgetfulDbContext(new DbContextOptionsBuilder<ForgetfulDbContext>().UseSqlite(connection).Options);

        var error = Assert.Throws<InvalidOperationException>(() => new EfMediaCatalog<ForgetfulDbContext>(context));

        Assert.Contains("modelBuilder.AddMediaKit()", error.Message, StringComparison.Ordinal);
    }

    private sealed class ForgetfulCatalog : IMediaCatalog
    {
        public Task AddAsync(MediaAsset asset, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<MediaAsset?> FindAsync(string tenantId, Guid id, bool includeDeleted, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<MediaAsset?> FindByContentHashAsync(string tenantId, string collection, string sha256, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlySet<string>> FindKnownStorageKeysAsync(IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlySet<Guid>> FindLiveAssetIdsAsync(string tenantId, IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<MediaPage<MediaAsset>> QueryAsync(string tenantId, MediaQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RemoveAsync(MediaAsset asset, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task UpdateAsync(MediaAsset asset, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
