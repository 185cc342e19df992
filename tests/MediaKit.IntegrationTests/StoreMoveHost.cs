using System.Security.Cryptography;
using MediaKit.Internal;
using MediaKit.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace MediaKit.IntegrationTests;

/// <summary>
/// A host app with two stores on local disk, as during a move: the unnamed (<c>default</c>) store in <c>disk/</c> and a store
/// named <c>archive</c> in <c>archive/</c>, with a SQLite catalog. Faults are injected by decorating the real stores.
/// </summary>
public sealed class StoreMoveHost : IAsyncDisposable
{
    public const string Target = "archive";

    private readonly ServiceProvider _services;

    private StoreMoveHost(string root, ServiceProvider services)
    {
        Root = root;
        _services = services;
    }

    public string Root { get; }

    public string DiskRoot => Path.Combine(Root, "disk");

    public string ArchiveRoot => Path.Combine(Root, "archive");

    public FakeTimeProvider Time => _services.GetRequiredService<FakeTimeProvider>();

    public IServiceProvider Services => _services;

    public static async Task<StoreMoveHost> StartAsync(
        Func<IMediaBlobStore, IMediaBlobStore>? decorateSource = null,
        Func<IMediaBlobStore, IMediaBlobStore>? decorateTarget = null,
        Action<IMediaKitBuilder>? configure = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "mediakit-move-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var services = new ServiceCollection();
        services.AddSingleton(new FakeTimeProvider(DateTimeOffset.UtcNow));
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<FakeTimeProvider>());
        services.AddDbContext<TestDbContext>((sp, o) => o.UseSqlite($"Data Source={Path.Combine(root, "catalog.db")};Pooling=False").UseMediaKitUsageTracking(sp));
        var builder = services
            .AddMediaKit(o =>
            {
                o.Collections.Add("images", c => c.AcceptImages());
                o.Storage.MoveBatchSize = 7;
            })
            .UseEntityFrameworkCore<TestDbContext>()
            .UseFileSystemStorage(o => { o.RootPath = Path.Combine(root, "disk"); o.FlushToDisk = false; })
            .UseFileSystemStorage(Target, o => { o.RootPath = Path.Combine(root, "archive"); o.FlushToDisk = false; });
        configure?.Invoke(builder);
        if (decorateSource is not null)
        {
            var inner = services.Last(d => d.ServiceType == typeof(IMediaBlobStore) && !d.IsKeyedService);
            services.Replace(ServiceDescriptor.Singleton<IMediaBlobStore>(sp => decorateSource((IMediaBlobStore)ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!))));
        }

        if (decorateTarget is not null)
        {
            var inner = services.Last(d => d.ServiceType == typeof(IMediaBlobStore) && d.IsKeyedService && Equals(d.ServiceKey, Target));
            services.Remove(inner);
            services.AddKeyedSingleton<IMediaBlobStore>(Target, (sp, key) => decorateTarget(inner.KeyedImplementationFactory!(sp, key) as IMediaBlobStore ?? throw new InvalidOperationException()));
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        }

        return new StoreMoveHost(root, provider);
    }

    /// <summary>The mover, whose test seams a test may set.</summary>
    internal MediaStoreMover Mover => (MediaStoreMover)_services.GetRequiredService<IMediaStoreMover>();

    /// <summary>A second mover with its own owner name, as another app instance has.</summary>
    internal MediaStoreMover NewMover() => ActivatorUtilities.CreateInstance<MediaStoreMover>(_services);

    public async Task<T> WithStoreAsync<T>(Func<IMediaStore, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IMediaStore>());
    }

    public async Task<T> WithDbAsync<T>(Func<TestDbContext, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    public async Task<MediaReconciliationReport> ReconcileAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediaReconciler>().ReconcileAsync();
    }

    /// <summary>Uploads <paramref name="count"/> small PNGs; returns each asset with its bytes.</summary>
    public async Task<List<(MediaAsset Asset, byte[] Bytes)>> UploadAsync(int count)
    {
        var uploaded = new List<(MediaAsset, byte[])>();
        for (var i = 0; i < count; i++)
        {
            var bytes = TestFiles.Png(1000 + i);
            var asset = await WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", $"p{i}.png", new MemoryStream(bytes))));
            uploaded.Add((asset, bytes));
        }

        return uploaded;
    }

    /// <summary>Adds a variant to an asset as a variant generator would: bytes in the asset's store first, then the row.</summary>
    public async Task<byte[]> AddVariantAsync(Guid assetId, string name)
    {
        var bytes = TestFiles.Png(700);
        var key = await WithDbAsync(async db =>
        {
            var asset = await db.Set<MediaAsset>().SingleAsync(a => a.Id == assetId);
            var variantKey = asset.StorageKey[..asset.StorageKey.LastIndexOf('/')] + $"/{name}.png";
            await _services.GetRequiredService<IMediaBlobStores>().Get(asset.StoreName)
                .WriteAsync(variantKey, new MemoryStream(bytes), new BlobWriteOptions { ContentType = "image/png" }, CancellationToken.None);
            db.Set<MediaVariant>().Add(new MediaVariant { AssetId = assetId, Name = name, StorageKey = variantKey, ContentType = "image/png", Length = bytes.Length, CreatedAt = Time.GetUtcNow() });
            asset.ConcurrencyStamp = Guid.NewGuid();
            await db.SaveChangesAsync();
            return variantKey;
        });
        Assert.NotNull(key);
        return bytes;
    }

    /// <summary>Reads an asset's file (or variant) through <see cref="IMediaStore"/>, as delivery does, and returns its SHA-256.</summary>
    public Task<string?> ServedHashAsync(Guid id, string? variant = null) => WithStoreAsync(async s =>
    {
        await using var content = await s.OpenReadAsync(id, variant);
        return content is null ? null : Convert.ToHexStringLower(await SHA256.HashDataAsync(content.Stream));
    });

    public async Task<List<MediaAsset>> AllRecordsAsync()
        => await WithDbAsync(db => db.Set<MediaAsset>().AsNoTracking().Include(a => a.Variants).Include(a => a.PreviousVersions).ToListAsync());

    public async Task<List<MediaAuditEntry>> MoveAuditAsync()
        => await WithDbAsync(db => db.Set<MediaAuditEntry>().AsNoTracking().Where(e => e.Action == MediaAuditActions.Moved).ToListAsync());

    /// <summary>Every file under a store's root, including temporary ones.</summary>
    public static List<string> FilesUnder(string root)
        => Directory.Exists(root) ? [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)] : [];

    public static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind does not change any result.
        }
    }
}

/// <summary>A blob store that forwards to a real one and lets a test fail or delay chosen calls.</summary>
public sealed class FaultyStore(IMediaBlobStore inner) : IMediaBlobStore
{
    public Func<string, Task>? BeforeDelete { get; set; }

    public Func<string, Task>? BeforeOpenRead { get; set; }

    public Task<BlobInfo> WriteAsync(string key, Stream content, BlobWriteOptions options, CancellationToken cancellationToken)
        => inner.WriteAsync(key, content, options, cancellationToken);

    public async Task<Stream?> OpenReadAsync(string key, BlobRange? range, CancellationToken cancellationToken)
    {
        if (BeforeOpenRead is { } before)
        {
            await before(key);
        }

        return await inner.OpenReadAsync(key, range, cancellationToken);
    }

    public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken) => inner.GetInfoAsync(key, cancellationToken);

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        if (BeforeDelete is { } before)
        {
            await before(key);
        }

        return await inner.DeleteAsync(key, cancellationToken);
    }

    public IAsyncEnumerable<BlobInfo> ListAsync(string? prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
}
