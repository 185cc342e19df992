using System.Security.Cryptography;
using MediaKit.Storage.S3.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MediaKit.Storage.S3.Tests;

/// <summary>Issue 5's headline: 1,000 assets moved from local disk to the S3-compatible server, interrupted half way and resumed.</summary>
[RequiresS3Server]
public sealed class StoreMoveToS3Tests : IAsyncDisposable
{
    private const int AssetCount = 1000;
    private const string Disk = MediaStorageOptions.DefaultStoreName;
    private const string S3 = "s3";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "mediakit-move-s3-" + Guid.NewGuid().ToString("N"));
    private readonly string _prefix = S3Server.NewPrefix("move");
    private readonly ServiceProvider _services;

    private readonly ITestOutputHelper _output;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public StoreMoveToS3Tests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_root);
        var s3 = S3Server.Options(_prefix);
        var services = new ServiceCollection();
        services.AddDbContext<MoveDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(_root, "catalog.db")};Pooling=False").AddInterceptors(new NoSyncInterceptor()));
        services
            .AddMediaKit(o =>
            {
                o.Collections.Add("images", c => c.AcceptImages());
                o.Storage.MoveConcurrency = 16;
            })
            .UseEntityFrameworkCore<MoveDbContext>()
            .UseFileSystemStorage(o => { o.RootPath = Path.Combine(_root, "disk"); o.FlushToDisk = false; })
            .UseS3Storage(S3, o =>
            {
                o.BucketName = s3.BucketName;
                o.KeyPrefix = s3.KeyPrefix;
                o.ServiceUrl = s3.ServiceUrl;
                o.Region = s3.Region;
                o.AccessKey = s3.AccessKey;
                o.SecretKey = s3.SecretKey;
                o.ForcePathStyle = s3.ForcePathStyle;
                o.CompatibilityMode = s3.CompatibilityMode;
                o.CreateOnly = s3.CreateOnly;
                o.CreateBucketIfMissing = s3.CreateBucketIfMissing;
            });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private string DiskRoot => Path.Combine(_root, "disk");

    [Fact]
    public async Task A_move_of_1000_assets_from_disk_to_S3_interrupted_half_way_and_resumed_serves_every_asset_from_S3_and_leaves_no_bytes_on_disk()
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MoveDbContext>();
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        var expected = new System.Collections.Concurrent.ConcurrentDictionary<Guid, string>();
        await Parallel.ForAsync(0, AssetCount, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var bytes = Png(600 + (i % 500), seed: i);
            await using var scope = _services.CreateAsyncScope();
            var asset = await scope.ServiceProvider.GetRequiredService<IMediaStore>()
                .UploadAsync(new MediaUploadRequest("images", $"photo-{i}.png", new MemoryStream(bytes)));
            Assert.Equal(Disk, asset.StoreName);
            expected[asset.Id] = Convert.ToHexStringLower(SHA256.HashData(bytes));
        });

        Assert.Equal(AssetCount, FilesOnDisk().Count);
        _output.WriteLine($"{_clock.Elapsed.TotalSeconds:F1} s: 1,000 assets uploaded to disk");
        var mover = _services.GetRequiredService<IMediaStoreMover>();

        // First run: stopped once about half the assets are on S3, as a deploy or a crash would stop it.
        using var interrupt = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            while (!interrupt.IsCancellationRequested && await mover.CountAssetsAsync(S3) < AssetCount / 2)
            {
                await Task.Delay(20);
            }

            await interrupt.CancelAsync();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => mover.MoveAsync(Disk, S3, interrupt.Token));
        await watch;
        _output.WriteLine($"{_clock.Elapsed.TotalSeconds:F1} s: first run interrupted");

        var onS3 = await mover.CountAssetsAsync(S3);
        Assert.InRange(onS3, 1, AssetCount - 1);
        Assert.Equal(AssetCount, onS3 + await mover.CountAssetsAsync(Disk));

        // Interrupted, every asset is still served, from whichever store its record names.
        await AssertEveryAssetIsServedAsync(expected);
        _output.WriteLine($"{_clock.Elapsed.TotalSeconds:F1} s: every asset served while half moved");

        var report = await mover.MoveAsync(Disk, S3);
        _output.WriteLine($"{_clock.Elapsed.TotalSeconds:F1} s: second run finished");

        Assert.Equal(0, report.Failed);
        Assert.Equal(AssetCount, onS3 + report.Moved);
        Assert.Equal(0, await mover.CountAssetsAsync(Disk));
        Assert.Equal(AssetCount, await mover.CountAssetsAsync(S3));
        var servedFrom = await AssertEveryAssetIsServedAsync(expected);
        Assert.All(servedFrom, s => Assert.Equal(S3, s));
        _output.WriteLine($"{_clock.Elapsed.TotalSeconds:F1} s: every asset served from S3");

        // The bytes are really in the bucket, and no byte is left on disk (temporary files included).
        var s3Store = _services.GetRequiredService<IMediaBlobStores>().Get(S3);
        var objects = 0;
        await foreach (var _ in s3Store.ListAsync(null, CancellationToken.None))
        {
            objects++;
        }

        Assert.Equal(AssetCount, objects);
        Assert.Empty(FilesOnDisk());
    }

    /// <summary>Opens each asset through <see cref="IMediaStore"/> as delivery does and compares its SHA-256.</summary>
    /// <returns>The store each asset was served from.</returns>
    private async Task<List<string>> AssertEveryAssetIsServedAsync(IReadOnlyDictionary<Guid, string> expected)
    {
        var stores = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(expected, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (pair, _) =>
        {
            await using var scope = _services.CreateAsyncScope();
            await using var content = await scope.ServiceProvider.GetRequiredService<IMediaStore>().OpenReadAsync(pair.Key);
            Assert.NotNull(content);
            Assert.Equal(pair.Value, Convert.ToHexStringLower(await SHA256.HashDataAsync(content.Stream)));
            stores.Add(content.Asset.StoreName);
        });
        Assert.Equal(expected.Count, stores.Count);
        return [.. stores];
    }

    private List<string> FilesOnDisk()
        => Directory.Exists(DiskRoot) ? [.. Directory.EnumerateFiles(DiskRoot, "*", SearchOption.AllDirectories)] : [];

    private static byte[] Png(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        byte[] header = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        header.CopyTo(bytes, 0);
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var s3Store = _services.GetRequiredService<IMediaBlobStores>().Get(S3);
            var keys = new List<string>();
            await foreach (var blob in s3Store.ListAsync(null, CancellationToken.None))
            {
                keys.Add(blob.Key);
            }

            foreach (var key in keys)
            {
                await s3Store.DeleteAsync(key, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Best effort: objects left under a unique prefix change no other test.
        }

        await _services.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>The catalog's durability is not under test: SQLite skips fsync, so the run measures the move, not the disk.</summary>
    private sealed class NoSyncInterceptor : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
    {
        public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=OFF; PRAGMA busy_timeout=30000;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>A host's context with MediaKit's tables.</summary>
    public sealed class MoveDbContext(DbContextOptions<MoveDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMediaKit();
    }
}
