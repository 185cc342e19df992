using MediaKit.Catalog;
using MediaKit.EfCore.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MediaKit.EfCore.Tests;

/// <summary>
/// File delivery's lookup (<see cref="IMediaDeliveryCatalog"/>) through the services a host gets from
/// <c>UseEntityFrameworkCore</c>, on SQLite: one query's answer, cached, and dropped as soon as a change is saved.
/// </summary>
public sealed class DeliveryQueryTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ServiceProvider _services;
    private readonly List<string> _sql = [];

    public DeliveryQueryTests()
    {
        _connection.Open();
        var services = new ServiceCollection();
        services.AddDbContext<StoreDbContext>(o => o.UseSqlite(_connection).LogTo(
            line => { lock (_sql) { _sql.Add(line); } },
            [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]));
        services.AddSingleton<TimeProvider>(_time);
        services.AddMediaKit().UseEntityFrameworkCore<StoreDbContext>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<StoreDbContext>().Database.EnsureCreated();
    }

    public void Dispose()
    {
        _services.Dispose();
        _connection.Dispose();
    }

    [Fact]
    public async Task The_original_and_a_variant_come_from_one_query_each_without_loading_versions()
    {
        var asset = await AddAsync("t1");

        var original = await FindAsync("t1", asset.Id, null);
        var thumb = await FindAsync("t1", asset.Id, "thumb");

        Assert.NotNull(original);
        Assert.Equal((asset.StorageKey, asset.ContentType, asset.Length, asset.Sha256, asset.Collection, asset.StoreName), (original.StorageKey, original.ContentType, original.Length, original.Sha256, original.Collection, original.StoreName));
        Assert.Null(original.Variant);
        Assert.NotNull(thumb);
        Assert.Equal(("thumb", asset.Variants[0].StorageKey, "image/webp", 1234L), (thumb.Variant, thumb.StorageKey, thumb.ContentType, thumb.Length));
        Assert.Equal(asset.Sha256, thumb.Sha256);

        var queries = Queries();
        Assert.Equal(2, queries.Count);
        Assert.All(queries, q => Assert.DoesNotContain("versions", q, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_missing_variant_another_tenant_and_a_trashed_asset_find_nothing()
    {
        var asset = await AddAsync("t1");
        var trashed = await AddAsync("t1", deletedAt: _time.GetUtcNow());

        Assert.Null(await FindAsync("t1", asset.Id, "no-such-variant"));
        Assert.Null(await FindAsync("t2", asset.Id, null));
        Assert.Null(await FindAsync("t2", asset.Id, "thumb"));
        Assert.Null(await FindAsync("t1", trashed.Id, null));
        Assert.Null(await FindAsync("t1", Guid.CreateVersion7(), null));
    }

    [Fact]
    public async Task A_second_lookup_within_the_lifetime_is_answered_from_memory_and_one_after_it_asks_again()
    {
        var asset = await AddAsync("t1");

        await FindAsync("t1", asset.Id, null);
        await FindAsync("t1", asset.Id, null);
        Assert.Single(Queries());

        _time.Advance(MediaDeliveryCache.DefaultLifetime);
        await FindAsync("t1", asset.Id, null);
        Assert.Equal(2, Queries().Count);
    }

    [Fact]
    public async Task A_soft_delete_saved_through_the_catalog_drops_the_cached_answer_at_once()
    {
        var asset = await AddAsync("t1");
        Assert.NotNull(await FindAsync("t1", asset.Id, null));
        Assert.NotNull(await FindAsync("t1", asset.Id, "thumb"));

        await using (var scope = _services.CreateAsyncScope())
        {
            var catalog = scope.ServiceProvider.GetRequiredService<IMediaCatalog>();
            var found = await catalog.FindAsync("t1", asset.Id, includeDeleted: false, CancellationToken.None);
            found!.DeletedAt = _time.GetUtcNow();
            await catalog.UpdateAsync(found, CancellationToken.None);
        }

        // The clock has not moved: only the invalidation can explain a miss.
        Assert.Null(await FindAsync("t1", asset.Id, null));
        Assert.Null(await FindAsync("t1", asset.Id, "thumb"));
    }

    [Fact]
    public async Task A_replacement_and_a_store_switch_are_served_from_the_new_record_at_once()
    {
        var asset = await AddAsync("t1");
        Assert.Equal(asset.StorageKey, (await FindAsync("t1", asset.Id, null))!.StorageKey);

        await using (var scope = _services.CreateAsyncScope())
        {
            var catalog = scope.ServiceProvider.GetRequiredService<IMediaCatalog>();
            var found = await catalog.FindAsync("t1", asset.Id, includeDeleted: false, CancellationToken.None);
            found!.StorageKey = "t1/new-key.png";
            found.Sha256 = new string('b', 64);
            found.Variants[0].StorageKey = "t1/new-thumb.webp";
            await catalog.UpdateAsync(found, CancellationToken.None);
        }

        Assert.Equal(("t1/new-key.png", new string('b', 64)), ((await FindAsync("t1", asset.Id, null))!.StorageKey, (await FindAsync("t1", asset.Id, null))!.Sha256));
        Assert.Equal("t1/new-thumb.webp", (await FindAsync("t1", asset.Id, "thumb"))!.StorageKey);

        await using (var scope = _services.CreateAsyncScope())
        {
            var stores = scope.ServiceProvider.GetRequiredService<IMediaStoreCatalog>();
            var found = await stores.FindAssetAsync(asset.Id, CancellationToken.None);
            Assert.True(await stores.TrySwitchStoreAsync(found!, "archive", CancellationToken.None));
        }

        Assert.Equal("archive", (await FindAsync("t1", asset.Id, null))!.StoreName);
    }

    [Fact]
    public async Task An_answer_read_before_a_change_and_added_after_it_is_never_served()
    {
        var asset = await AddAsync("t1");
        var cache = _services.GetRequiredService<MediaDeliveryCache>();
        var readStartedAt = cache.Now();
        var stale = (await FindAsync("t1", asset.Id, null))!;
        _time.Advance(MediaDeliveryCache.DefaultLifetime);

        // The change commits while a slow reader still holds its answer...
        cache.Invalidate([asset.Id], TimeSpan.Zero);

        // ...which it then adds: the entry started before the change, so it is not served.
        cache.Add("t1", asset.Id, null, stale, readStartedAt);
        Assert.False(cache.TryGet("t1", asset.Id, null, out _));
    }

    [Fact]
    public async Task A_change_saved_inside_an_open_transaction_keeps_the_asset_out_of_the_cache_until_it_commits()
    {
        var asset = await AddAsync("t1");
        await using var scope = _services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var catalog = scope.ServiceProvider.GetRequiredService<IMediaCatalog>();
        var cache = _services.GetRequiredService<MediaDeliveryCache>();
        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            var found = await catalog.FindAsync("t1", asset.Id, includeDeleted: false, CancellationToken.None);
            found!.FileName = "renamed.png";
            await catalog.UpdateAsync(found, CancellationToken.None);

            // Another connection still reads the old row until the commit: what it reads now must not be kept.
            _time.Advance(TimeSpan.FromSeconds(1));
            var old = new MediaDeliveryFile
            {
                AssetId = asset.Id, TenantId = "t1", Collection = asset.Collection, StoreName = asset.StoreName, FileName = "photo.png",
                Status = MediaAssetStatus.Ready, UpdatedAt = asset.UpdatedAt, Sha256 = asset.Sha256, StorageKey = asset.StorageKey,
                ContentType = asset.ContentType, Length = asset.Length,
            };
            cache.Add("t1", asset.Id, null, old, cache.Now());
            await transaction.CommitAsync();
        }

        Assert.False(cache.TryGet("t1", asset.Id, null, out _));
        _time.Advance(MediaDeliveryCache.TransactionHold);
        Assert.Equal("renamed.png", (await FindAsync("t1", asset.Id, null))!.FileName);
        Assert.True(cache.TryGet("t1", asset.Id, null, out _));
    }

    [Fact]
    public async Task A_host_that_replaced_the_catalog_is_asked_through_its_own_catalog()
    {
        var services = new ServiceCollection();
        services.AddDbContext<StoreDbContext>(o => o.UseSqlite(_connection));
        services.AddMediaKit().UseEntityFrameworkCore<StoreDbContext>();
        services.AddScoped<IMediaCatalog, NothingCatalog>();
        await using var provider = services.BuildServiceProvider();
        var asset = await AddAsync("t1");

        await using var scope = provider.CreateAsyncScope();
        var delivery = scope.ServiceProvider.GetRequiredService<IMediaDeliveryCatalog>();

        Assert.Null(await delivery.FindForDeliveryAsync("t1", asset.Id, null, CancellationToken.None));
    }

    private async Task<MediaAsset> AddAsync(string tenantId, DateTimeOffset? deletedAt = null)
    {
        var id = Guid.CreateVersion7();
        var asset = new MediaAsset
        {
            Id = id,
            TenantId = tenantId,
            Collection = "products",
            StorageKey = $"{tenantId}/{id:N}.png",
            FileName = "photo.png",
            ContentType = "image/png",
            Length = 4321,
            Sha256 = new string('a', 64),
            Status = MediaAssetStatus.Ready,
            CreatedAt = _time.GetUtcNow(),
            UpdatedAt = _time.GetUtcNow(),
            DeletedAt = deletedAt,
            Variants = [new MediaVariant { AssetId = id, Name = "thumb", StorageKey = $"{tenantId}/{id:N}-thumb.webp", ContentType = "image/webp", Length = 1234, CreatedAt = _time.GetUtcNow() }],
            PreviousVersions = [new MediaAssetVersion { AssetId = id, Version = 0, StorageKey = $"{tenantId}/{id:N}-v0.png", ContentType = "image/png", Length = 1, Sha256 = new string('c', 64), FileName = "old.png", ReplacedAt = _time.GetUtcNow() }],
        };
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediaCatalog>().AddAsync(asset, CancellationToken.None);
        lock (_sql)
        {
            _sql.Clear();
        }

        return asset;
    }

    private async Task<MediaDeliveryFile?> FindAsync(string tenantId, Guid id, string? variant)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediaDeliveryCatalog>().FindForDeliveryAsync(tenantId, id, variant, CancellationToken.None);
    }

    private List<string> Queries()
    {
        lock (_sql)
        {
            return [.. _sql.Where(l => l.Contains("SELECT", StringComparison.Ordinal))];
        }
    }

    private sealed class NothingCatalog : IMediaCatalog
    {
        public Task AddAsync(MediaAsset asset, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<MediaAsset?> FindAsync(string tenantId, Guid id, bool includeDeleted, CancellationToken cancellationToken) => Task.FromResult<MediaAsset?>(null);

        public Task<MediaAsset?> FindByContentHashAsync(string tenantId, string collection, string sha256, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlySet<Guid>> FindLiveAssetIdsAsync(string tenantId, IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<MediaPage<MediaAsset>> QueryAsync(string tenantId, MediaQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task UpdateAsync(MediaAsset asset, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RemoveAsync(MediaAsset asset, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlySet<string>> FindKnownStorageKeysAsync(IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
