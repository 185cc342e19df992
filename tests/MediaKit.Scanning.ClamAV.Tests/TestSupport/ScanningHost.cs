using MediaKit.Processing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.Scanning.ClamAV.Tests.TestSupport;

/// <summary>The host app's DbContext with MediaKit's tables.</summary>
public sealed class ScanningDbContext(DbContextOptions<ScanningDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMediaKit();
}

/// <summary>A real MediaKit (SQLite + local disk) with the ClamAV scanner, in a fresh temporary folder.</summary>
internal sealed class ScanningHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ScanningHost(string root, ServiceProvider services)
    {
        Root = root;
        _services = services;
    }

    public string Root { get; }

    public IServiceProvider Services => _services;

    public static async Task<ScanningHost> StartAsync(Action<ClamAvScanningOptions> configure)
    {
        var root = Path.Combine(Path.GetTempPath(), "mediakit-clamav-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var services = new ServiceCollection();
        services.AddDbContext<ScanningDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(root, "catalog.db")};Pooling=False"));
        services
            .AddMediaKit(o =>
            {
                o.Collections.Add("documents", c => c.AcceptDocuments());
                o.Collections.Add("images", c => c.AcceptImages());
            })
            .UseEntityFrameworkCore<ScanningDbContext>()
            .UseFileSystemStorage(o => o.RootPath = Path.Combine(root, "media"))
            .UseClamAvScanning(configure);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ScanningDbContext>().Database.EnsureCreatedAsync();
        }

        return new ScanningHost(root, provider);
    }

    public async Task<MediaAsset> UploadAsync(string collection, string fileName, byte[] bytes)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediaStore>()
            .UploadAsync(new MediaUploadRequest(collection, fileName, new MemoryStream(bytes)));
    }

    public async Task<int> RecordCountAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScanningDbContext>().Set<MediaAsset>().CountAsync();
    }

    public List<string> AllFiles()
    {
        var media = Path.Combine(Root, "media");
        return Directory.Exists(media) ? [.. Directory.EnumerateFiles(media, "*", SearchOption.AllDirectories)] : [];
    }

    public async Task AssertNothingStoredAsync()
    {
        Assert.Equal(0, await RecordCountAsync());
        Assert.Empty(AllFiles());
    }

    public IMediaScanner Scanner => _services.GetServices<IMediaScanner>().Single();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
