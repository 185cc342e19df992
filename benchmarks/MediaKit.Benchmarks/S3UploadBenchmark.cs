using System.Diagnostics;
using System.Globalization;
using MediaKit.Storage;
using MediaKit.Storage.S3;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.Benchmarks;

/// <summary>
/// One large upload through <see cref="IMediaStore"/> to the S3-compatible server (eng/services/swift-start.sh), in this process,
/// measuring time, the peak resident set (VmHWM) and the peak managed heap; see benchmarks/README.md.
/// </summary>
internal static class S3UploadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var size = ParseSize(Option(args, "--size", "1GB"));
        var partSize = (int)ParseSize(Option(args, "--part-size", "8MB"));
        var concurrency = int.Parse(Option(args, "--concurrency", "2"), CultureInfo.InvariantCulture);
        var dir = Path.GetFullPath(Option(args, "--dir", "artifacts/bench/s3-upload"));
        var serviceUrl = Environment.GetEnvironmentVariable("MEDIAKIT_S3_SERVICE_URL")
            ?? throw new InvalidOperationException("MEDIAKIT_S3_SERVICE_URL is not set: run eng/services/swift-start.sh and source artifacts/services/s3.env.");
        Directory.CreateDirectory(dir);
        var source = Path.Combine(dir, $"source-{size}.mp4");
        if (!File.Exists(source) || new FileInfo(source).Length != size)
        {
            CreateSource(source, size);
        }

        // --store-only: the same registration, but only the S3 provider is used (IMediaBlobStore.WriteAsync): no context is
        // created, so EF Core never builds its model and SQLite is never opened; the process's memory is the provider's.
        // The default runs the whole upload pipeline (sniffing, SHA-256, the SQLite catalog).
        var storeOnly = args.Contains("--store-only");
        var catalogPath = Path.Combine(dir, "catalog.db");
        File.Delete(catalogPath);
        var services = new ServiceCollection();
        services.AddDbContext<BenchDbContext>(o => o.UseSqlite($"Data Source={catalogPath};Pooling=False"));
        services.AddMediaKit(o => o.Collections.Add("videos", c => { c.AcceptVideos(); c.MaxLength = 4L << 30; }))
            .UseEntityFrameworkCore<BenchDbContext>()
            .UseS3Storage(o =>
            {
                o.BucketName = "mediakit-bench";
                o.KeyPrefix = "s3-upload";
                o.ServiceUrl = serviceUrl;
                o.Region = Environment.GetEnvironmentVariable("MEDIAKIT_S3_REGION") ?? "us-east-1";
                o.AccessKey = Environment.GetEnvironmentVariable("MEDIAKIT_S3_ACCESS_KEY");
                o.SecretKey = Environment.GetEnvironmentVariable("MEDIAKIT_S3_SECRET_KEY");
                o.ForcePathStyle = true;
                o.CompatibilityMode = true;
                o.CreateOnly = S3CreateOnlyStrategy.ExistenceCheck;
                o.CreateBucketIfMissing = true;
                o.PartSize = partSize;
                o.MaxConcurrentParts = concurrency;
            });
        await using var provider = services.BuildServiceProvider();
        if (storeOnly)
        {
            return await StoreOnlyAsync(provider, source, size, partSize, concurrency, dir);
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database.EnsureCreatedAsync();
        }

        // Warm up: EF Core's model, SQLite, the S3 client and the multipart path (one 2-part upload).
        await UploadAsync(provider, CreateWarmup(dir, partSize + 1024), purge: true);

        var rssBefore = Status("VmRSS:");
        var hwmBefore = Status("VmHWM:");

        // Resets VmHWM to the current resident set (Linux 4.0+), so the peak printed below is the upload's alone.
        File.WriteAllText("/proc/self/clear_refs", "5");
        var peakHeap = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(20, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        var stopwatch = Stopwatch.StartNew();
        var asset = await UploadAsync(provider, source, purge: false);
        stopwatch.Stop();
        await sampling.CancelAsync();
        await sampler;

        var info = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"size {size} bytes, part size {partSize} bytes, concurrency {concurrency}: {stopwatch.Elapsed.TotalSeconds:F1} s, {size / 1e6 / stopwatch.Elapsed.TotalSeconds:F0} MB/s, " +
            $"resident before the upload {rssBefore / 1e6:F1} MB (peak before it {hwmBefore / 1e6:F1} MB), peak RSS during the upload (VmHWM) {PeakRssBytes() / 1e6:F1} MB, " +
            $"growth during the upload {(PeakRssBytes() - rssBefore) / 1e6:F1} MB, peak managed heap (sampled) {peakHeap / 1e6:F1} MB, GC committed {info.TotalCommittedBytes / 1e6:F1} MB, " +
            $"allocated in total {GC.GetTotalAllocatedBytes() / 1e6:F0} MB, sha256 {asset.Sha256[..16]}…"));
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediaStore>().DeleteAsync(asset.Id, MediaDeleteMode.Purge, force: true);
        }

        return 0;
    }

    /// <summary>The provider alone: a warm-up write of two parts, then the source as one blob, then both deleted.</summary>
    private static async Task<int> StoreOnlyAsync(IServiceProvider provider, string source, long size, int partSize, int concurrency, string dir)
    {
        var store = provider.GetRequiredService<IMediaBlobStores>().Get(MediaStorageOptions.DefaultStoreName);
        var overwrite = new BlobWriteOptions { Overwrite = true, ContentType = "video/mp4" };
        await using (var warmup = File.OpenRead(CreateWarmup(dir, partSize + 1024)))
        {
            await store.WriteAsync("bench/warmup.mp4", new NonSeekableBody(warmup), overwrite, CancellationToken.None);
        }

        var rssBefore = Status("VmRSS:");
        var hwmBefore = Status("VmHWM:");
        File.WriteAllText("/proc/self/clear_refs", "5");
        var stopwatch = Stopwatch.StartNew();
        await using (var file = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            await store.WriteAsync("bench/source.mp4", new NonSeekableBody(file), overwrite, CancellationToken.None);
        }

        stopwatch.Stop();
        var peak = PeakRssBytes();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"store only: size {size} bytes, part size {partSize} bytes, concurrency {concurrency}: {stopwatch.Elapsed.TotalSeconds:F1} s, {size / 1e6 / stopwatch.Elapsed.TotalSeconds:F0} MB/s, " +
            $"resident before the upload {rssBefore / 1e6:F1} MB (peak before it {hwmBefore / 1e6:F1} MB), peak RSS during the upload (VmHWM) {peak / 1e6:F1} MB, " +
            $"growth during the upload {(peak - rssBefore) / 1e6:F1} MB, allocated in total {GC.GetTotalAllocatedBytes() / 1e6:F0} MB"));
        await store.DeleteAsync("bench/warmup.mp4", CancellationToken.None);
        await store.DeleteAsync("bench/source.mp4", CancellationToken.None);
        return 0;
    }

    private static async Task<MediaAsset> UploadAsync(IServiceProvider provider, string path, bool purge)
    {
        await using var scope = provider.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using var body = new NonSeekableBody(file);
        var asset = await store.UploadAsync(new MediaUploadRequest("videos", Path.GetFileName(path), body));
        if (purge)
        {
            await store.DeleteAsync(asset.Id, MediaDeleteMode.Purge, force: true);
        }

        return asset;
    }

    private static string CreateWarmup(string dir, long size)
    {
        var path = Path.Combine(dir, "warmup.mp4");
        CreateSource(path, size);
        return path;
    }

    /// <summary>An MP4 header, then random bytes, written in 1 MiB chunks.</summary>
    private static void CreateSource(string path, long size)
    {
        byte[] header = [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0, 0, 2, 0, (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1'];
        using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var chunk = new byte[1 << 20];
        var random = new Random(42);
        for (long written = 0; written < size; written += chunk.Length)
        {
            random.NextBytes(chunk);
            if (written == 0)
            {
                header.CopyTo(chunk, 0);
            }

            output.Write(chunk, 0, (int)Math.Min(chunk.Length, size - written));
        }
    }

    private static long PeakRssBytes() => Status("VmHWM:");

    /// <summary>A memory line of /proc/self/status (VmRSS, VmHWM), in bytes.</summary>
    private static long Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private static long ParseSize(string text)
    {
        text = text.Trim().ToUpperInvariant();
        long multiplier = text.EndsWith("GB", StringComparison.Ordinal) ? 1L << 30 : text.EndsWith("MB", StringComparison.Ordinal) ? 1L << 20 : text.EndsWith("KB", StringComparison.Ordinal) ? 1L << 10 : 1;
        return long.Parse(text.TrimEnd('G', 'M', 'K', 'B'), CultureInfo.InvariantCulture) * multiplier;
    }

    /// <summary>A request body: read-only and non-seekable, so nothing can seek or ask for the length.</summary>
    private sealed class NonSeekableBody(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
