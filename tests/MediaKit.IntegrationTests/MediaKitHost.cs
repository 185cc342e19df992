using MediaKit.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace MediaKit.IntegrationTests;

/// <summary>The host app's own DbContext with MediaKit's tables in it.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<Banner> Banners => Set<Banner>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMediaKit();

        // The host's own entities, with media references declared once (seed 000's products and banners).
        modelBuilder.Entity<Product>(product =>
        {
            product.Property(p => p.MainImageId).IsMediaReference("main_image");
            product.Property(p => p.GalleryIds).IsMediaReference("gallery");
        });
        modelBuilder.Entity<Banner>(banner =>
        {
            banner.HasMediaResourceType("home_banner");
            banner.Property(b => b.ImageId).IsMediaReference();
        });
    }
}

/// <summary>A host entity whose key the database generates.</summary>
public sealed class Product
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public Guid? MainImageId { get; set; }

    public List<Guid> GalleryIds { get; set; } = [];
}

/// <summary>A host entity whose key the app generates.</summary>
public sealed class Banner
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ImageId { get; set; }
}

/// <summary>An actor accessor a test can switch.</summary>
public sealed class SwitchableActor : IMediaActorAccessor
{
    public string? ActorId { get; set; }
}

/// <summary>A tenant accessor a test can switch.</summary>
public sealed class SwitchableTenant : IMediaTenantAccessor
{
    public string TenantId { get; set; } = "store-a";
}

/// <summary>
/// A real MediaKit setup as a host app has it: SQLite file + local disk, in a fresh temporary folder.
/// Faults are injected around the real parts, never instead of them.
/// </summary>
public sealed class MediaKitHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private MediaKitHost(string root, ServiceProvider services)
    {
        Root = root;
        _services = services;
    }

    public string Root { get; }

    public string MediaRoot => Path.Combine(Root, "media");

    public SwitchableTenant Tenant => _services.GetRequiredService<SwitchableTenant>();

    public SwitchableActor Actor => _services.GetRequiredService<SwitchableActor>();

    public FakeTimeProvider Time => _services.GetRequiredService<FakeTimeProvider>();

    public IServiceProvider Services => _services;

    public static async Task<MediaKitHost> StartAsync(
        Func<IMediaBlobStore, IMediaBlobStore>? decorateStore = null,
        IInterceptor? dbInterceptor = null,
        Action<MediaKitOptions>? configure = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "mediakit-it-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var services = new ServiceCollection();
        services.AddSingleton(new FakeTimeProvider(DateTimeOffset.UtcNow));
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<FakeTimeProvider>());
        services.AddSingleton<SwitchableTenant>();
        services.AddSingleton<IMediaTenantAccessor>(sp => sp.GetRequiredService<SwitchableTenant>());
        services.AddSingleton<SwitchableActor>();
        services.AddSingleton<IMediaActorAccessor>(sp => sp.GetRequiredService<SwitchableActor>());
        services.AddDbContext<TestDbContext>((sp, o) =>
        {
            o.UseSqlite($"Data Source={Path.Combine(root, "catalog.db")};Pooling=False").UseMediaKitUsageTracking(sp);
            if (dbInterceptor is not null)
            {
                o.AddInterceptors(dbInterceptor);
            }
        });
        services
            .AddMediaKit(o =>
            {
                o.Collections.Add("images", c => c.AcceptImages());
                o.Collections.Add("documents", c => c.AcceptDocuments());
                o.Collections.Add("small", c => { c.AcceptImages(); c.MaxLength = 1_000_000; });
                o.Collections.Add("videos", c => { c.AcceptVideos(); c.MaxLength = 3L << 30; });
                o.Collections.Add("dedup", c => { c.AcceptImages(); c.Deduplicate = true; });
                configure?.Invoke(o);
            })
            .UseEntityFrameworkCore<TestDbContext>()
            .UseFileSystemStorage(o => o.RootPath = Path.Combine(root, "media"));
        if (decorateStore is not null)
        {
            var inner = services.Last(d => d.ServiceType == typeof(IMediaBlobStore));
            services.Replace(ServiceDescriptor.Singleton<IMediaBlobStore>(sp => decorateStore((IMediaBlobStore)ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!))));
        }

        configureServices?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        }

        return new MediaKitHost(root, provider);
    }

    /// <summary>Runs <paramref name="action"/> with a fresh scope's store, as one HTTP request would.</summary>
    public async Task<T> WithStoreAsync<T>(Func<IMediaStore, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IMediaStore>());
    }

    /// <summary>Runs <paramref name="action"/> with a fresh scope's DbContext, as one HTTP request of the host would.</summary>
    public async Task<T> WithDbAsync<T>(Func<TestDbContext, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    /// <summary>Every asset record of every tenant, deleted or not, read straight from the database.</summary>
    public async Task<List<MediaAsset>> AllRecordsAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<MediaAsset>().AsNoTracking().ToListAsync();
    }

    /// <summary>Every file under the media root, including temporary ones.</summary>
    public List<string> AllFiles()
        => Directory.Exists(MediaRoot) ? [.. Directory.EnumerateFiles(MediaRoot, "*", SearchOption.AllDirectories)] : [];

    public async Task AssertNothingLeftAsync()
    {
        Assert.Empty(await AllRecordsAsync());
        Assert.Empty(AllFiles());
    }

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
