using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using MediaKit.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaKit.Benchmarks;

/// <summary>
/// 50 concurrent clients uploading 2 MB images through the HTTP API (Kestrel on loopback, multipart, bearer-authenticated,
/// authorization policies, rate-limit policy, tenant from a claim) against the same uploads made through
/// <see cref="IMediaStore"/> in-process, in the same app over the same SQLite catalog and disk.
/// </summary>
/// <remarks>
/// The pipeline is deliberately the lightest one (no image engine, so no probe and no variants): the heavier the pipeline,
/// the smaller the share of the HTTP layer, so this measures HTTP's cost at its largest.
/// </remarks>
internal static class ApiUploadBenchmark
{
    private const string Token = "bench";

    public static async Task<int> RunAsync(string[] args)
    {
        var dir = Path.GetFullPath(Option(args, "--dir", "artifacts/bench/api-upload"));
        var clients = int.Parse(Option(args, "--clients", "50"), CultureInfo.InvariantCulture);
        var uploads = int.Parse(Option(args, "--uploads", "400"), CultureInfo.InvariantCulture);
        var size = int.Parse(Option(args, "--size", "2097152"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds", "2"), CultureInfo.InvariantCulture);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        var image = Png(size);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clients} clients, {uploads} uploads of {image.Length / 1048576.0:0.00} MiB per mode and round, {rounds} rounds, {Environment.ProcessorCount} cores"));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = dir });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddDbContext<BenchDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(dir, "catalog.db")}"));
        builder.Services.AddAuthentication(Token).AddScheme<AuthenticationSchemeOptions, BenchTokenHandler>(Token, null);
        builder.Services.AddMediaKitAuthorization();
        builder.Services.AddMediaKitRateLimiting(o => o.PermitLimit = 1_000_000);
        builder.Services
            .AddMediaKit(o => o.Collections.Add("products", c => { c.AcceptImages(); c.MaxLength = 10_000_000; }))
            .UseEntityFrameworkCore<BenchDbContext>()
            .UseFileSystemStorage(o => o.RootPath = Path.Combine(dir, "media"))
            .UseTenantClaim(o => o.ClaimType = "org");
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapMediaKit("/api/media");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await app.StartAsync();
        var address = app.Urls.First();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(address),
            Timeout = TimeSpan.FromMinutes(5),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        async Task<TimeSpan> Http(int i)
        {
            var started = Stopwatch.GetTimestamp();
            using var content = new MultipartFormDataContent();
            var part = new ByteArrayContent(image);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Add(part, "file", $"photo{i}.png");
            using var response = await http.PostAsync("/api/media/upload?collection=products", content);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"HTTP upload failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            return Stopwatch.GetElapsedTime(started);
        }

        async Task<TimeSpan> InProcess(int i)
        {
            var started = Stopwatch.GetTimestamp();
            await using var scope = app.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
            await store.UploadAsync(new MediaUploadRequest("products", $"photo{i}.png", new MemoryStream(image, writable: false)) { DeclaredContentType = "image/png" });
            return Stopwatch.GetElapsedTime(started);
        }

        // Warm both paths up (JIT, connections, SQLite pages) before measuring.
        await MeasureAsync(InProcess, clients, clients);
        await MeasureAsync(Http, clients, clients);

        var results = new List<(string Mode, double PerSecond, double P50, double P99)>();
        for (var round = 0; round < rounds; round++)
        {
            var (perSecond, p50, p99) = await MeasureAsync(InProcess, clients, uploads);
            results.Add(("IMediaStore in-process", perSecond, p50, p99));
            (perSecond, p50, p99) = await MeasureAsync(Http, clients, uploads);
            results.Add(("HTTP API (Kestrel, loopback)", perSecond, p50, p99));
        }

        Console.WriteLine();
        Console.WriteLine("| round | mode | uploads/s | MB/s | p50 ms | p99 ms |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: |");
        for (var i = 0; i < results.Count; i++)
        {
            var (mode, perSecond, p50, p99) = results[i];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {(i / 2) + 1} | {mode} | {perSecond:0.0} | {perSecond * image.Length / 1e6:0} | {p50:0} | {p99:0} |"));
        }

        var inProcess = results.Where(r => r.Mode.StartsWith("IMediaStore", StringComparison.Ordinal)).Average(r => r.PerSecond);
        var overHttp = results.Where(r => r.Mode.StartsWith("HTTP", StringComparison.Ordinal)).Average(r => r.PerSecond);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HTTP throughput = {overHttp / inProcess:P0} of in-process (HTTP costs {1 - (overHttp / inProcess):P0}; target: at most 30 %)"));
        await app.StopAsync();
        return 0;
    }

    private static async Task<(double PerSecond, double P50, double P99)> MeasureAsync(Func<int, Task<TimeSpan>> upload, int clients, int total)
    {
        var next = -1;
        var latencies = new double[total];
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                latencies[i] = (await upload(i)).TotalMilliseconds;
            }
        }));
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Array.Sort(latencies);
        return (total / elapsed, latencies[(int)(total * 0.50)], latencies[Math.Min(total - 1, (int)Math.Ceiling(total * 0.99) - 1)]);
    }

    /// <summary>A valid PNG of about <paramref name="size"/> bytes: uncompressed noise.</summary>
    private static byte[] Png(int size)
    {
        var side = (int)Math.Sqrt(size / 3.0);
        using var noise = NetVips.Image.Gaussnoise(side, side, mean: 128, sigma: 60).Cast(NetVips.Enums.BandFormat.Uchar);
        using var rgb = noise.Bandjoin(noise, noise);
        return rgb.PngsaveBuffer(compression: 0);
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    /// <summary>Accepts <c>Authorization: Bearer bench</c> as a user of tenant <c>bench</c>, like any token-authenticated API client.</summary>
    private sealed class BenchTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
            => Task.FromResult(Request.Headers.Authorization.ToString() == "Bearer " + Token
                ? AuthenticateResult.Success(new AuthenticationTicket(
                    new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "bench-user"), new Claim("org", "bench")], Token)), Token))
                : AuthenticateResult.NoResult());
    }
}
