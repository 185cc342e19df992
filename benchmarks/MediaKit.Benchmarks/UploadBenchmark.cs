using System.Diagnostics;
using System.Globalization;
using MediaKit.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.Benchmarks;

internal static class UploadBenchmark
{
    private static readonly byte[] s_mp4Header =
    [
        0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m',
        0, 0, 2, 0, (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1',
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = Option(args, "--sizes", "1MB,100MB,1GB").Split(',').Select(ParseSize).ToList();
        var runs = int.Parse(Option(args, "--runs", "3"), CultureInfo.InvariantCulture);
        var dir = Path.GetFullPath(Option(args, "--dir", Path.Combine("artifacts", "bench")));
        Directory.CreateDirectory(dir);

        Console.WriteLine($"# Upload to local disk vs cp ({Environment.ProcessorCount} cores, {dir}, median of {runs} runs)");
        Console.WriteLine();
        Console.WriteLine("| size | cp MB/s | MediaKit (no fsync) MB/s | ratio | cp + sync MB/s | MediaKit (fsync, default) MB/s | ratio | peak RSS (no fsync) | peak RSS (fsync) |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var size in sizes)
        {
            var source = Path.Combine(dir, $"source-{size}.mp4");
            CreateSource(source, size);
            // Interleaved, and each run starts after `sync`: no run pays for the write-back of the one before.
            var cpRuns = new List<double>();
            var cpSyncRuns = new List<double>();
            var noFlushRuns = new List<(double Seconds, double PeakRssMb)>();
            var flushRuns = new List<(double Seconds, double PeakRssMb)>();
            for (var i = 0; i < runs; i++)
            {
                Run("sync");
                cpRuns.Add(TimeCp(source, Path.Combine(dir, "cp-target"), sync: false));
                Run("sync");
                noFlushRuns.Add(TimeUpload(source, Path.Combine(dir, "store"), flush: false));
                Run("sync");
                cpSyncRuns.Add(TimeCp(source, Path.Combine(dir, "cp-target"), sync: true));
                Run("sync");
                flushRuns.Add(TimeUpload(source, Path.Combine(dir, "store"), flush: true));
            }

            var cp = Median(cpRuns);
            var cpSync = Median(cpSyncRuns);
            var noFlush = noFlushRuns.OrderBy(r => r.Seconds).ElementAt(runs / 2);
            var flush = flushRuns.OrderBy(r => r.Seconds).ElementAt(runs / 2);
            Console.WriteLine(
                $"| {FormatSize(size)} | {Rate(size, cp):N0} | {Rate(size, noFlush.Seconds):N0} | {cp / noFlush.Seconds:P0} | {Rate(size, cpSync):N0} | {Rate(size, flush.Seconds):N0} | {cpSync / flush.Seconds:P0} | {noFlush.PeakRssMb:N0} MB | {flush.PeakRssMb:N0} MB |");
            File.Delete(source);
        }

        Directory.Delete(dir, recursive: true);
        return 0;
    }

    /// <summary>One upload in this process, as a host app would do it: SQLite catalog, local disk, a non-seekable body.</summary>
    public static async Task<int> UploadOneAsync(string source, string root, bool flush)
    {
        Directory.CreateDirectory(root);
        var services = new ServiceCollection();
        services.AddDbContext<BenchDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(root, "catalog.db")};Pooling=False"));
        services.AddMediaKit(o => o.Collections.Add("videos", c => { c.AcceptVideos(); c.MaxLength = 4L << 30; }))
            .UseEntityFrameworkCore<BenchDbContext>()
            .UseFileSystemStorage(o =>
            {
                o.RootPath = Path.Combine(root, "media");
                o.FlushToDisk = flush;
                if (Environment.GetEnvironmentVariable("MEDIAKIT_BENCH_BUFFER") is { } buffer)
                {
                    o.BufferSize = int.Parse(buffer, CultureInfo.InvariantCulture);
                }
            });
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database.EnsureCreatedAsync();
        }

        // Warm up as a running app is: EF Core's model, SQLite's connection, the JIT of the copy path.
        await using (var scope = provider.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
            var warmup = Path.Combine(root, "warmup.mp4");
            CreateSource(warmup, 1 << 20);
            for (var i = 0; i < 8; i++)
            {
                await using var warmupFile = new FileStream(warmup, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                var asset = await store.UploadAsync(new MediaUploadRequest("videos", "warmup.mp4", new NonSeekable(warmupFile)));
                await store.DeleteAsync(asset.Id, MediaDeleteMode.Purge);
            }
        }

        await using var file = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using var body = new NonSeekable(file);
        var stopwatch = Stopwatch.StartNew();
        await using (var scope = provider.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
            var asset = await store.UploadAsync(new MediaUploadRequest("videos", "bench.mp4", body));
            stopwatch.Stop();
            await store.DeleteAsync(asset.Id, MediaDeleteMode.Purge);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stopwatch.Elapsed.TotalSeconds:R} {PeakRssBytes()}"));
        return 0;
    }

    private static (double Seconds, double PeakRssMb) TimeUpload(string source, string root, bool flush)
    {
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }

            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            {
                start.ArgumentList.Add(typeof(UploadBenchmark).Assembly.Location);
            }

            foreach (var argument in new[] { "upload-one", source, root, flush.ToString() })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim().Split(' ');
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"upload-one failed with exit code {process.ExitCode}");
            }

            return (double.Parse(output[0], CultureInfo.InvariantCulture), long.Parse(output[1], CultureInfo.InvariantCulture) / 1e6);
        }
    }

    private static double TimeCp(string source, string target, bool sync)
    {
        File.Delete(target);
        var stopwatch = Stopwatch.StartNew();
        Run("cp", source, target);
        if (sync)
        {
            Run("sync", target);
        }

        stopwatch.Stop();
        File.Delete(target);
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed with exit code {process.ExitCode}");
        }
    }

    private static void CreateSource(string path, long size)
    {
        var block = new byte[1 << 20];
        new Random(7).NextBytes(block);
        s_mp4Header.CopyTo(block, 0);
        using var file = File.Create(path);
        for (long written = 0; written < size; written += block.Length)
        {
            block[^1]++;
            file.Write(block, 0, (int)Math.Min(block.Length, size - written));
        }
    }

    private static long PeakRssBytes()
    {
        // VmHWM: the peak resident set size of this process, in kB.
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double Rate(long size, double seconds) => size / 1e6 / seconds;

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

    private static string FormatSize(long size) => size >= 1L << 30 ? $"{size >> 30} GiB" : size >= 1L << 20 ? $"{size >> 20} MiB" : $"{size >> 10} KiB";

    /// <summary>A request body: read-only and non-seekable, so nothing can cheat by seeking or asking for the length.</summary>
    private sealed class NonSeekable(Stream inner) : Stream
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

internal sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMediaKit();
}
