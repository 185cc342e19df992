// A host app built from MediaKit's packages: SQLite + local disk + libvips, the HTTP API and the health checks.
// It exits 0 when everything a user would touch works, and 1 with the reason otherwise.
using System.Net.Http.Headers;
using MediaKit;
using Microsoft.EntityFrameworkCore;

var dataRoot = Path.Combine(Path.GetTempPath(), "mediakit-consumer-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dataRoot);
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = "Development" });
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.SetMinimumLevel(LogLevel.Error);
    builder.Services.AddDbContext<AppDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(dataRoot, "app.db")}"));
    builder.Services
        .AddMediaKit(o => o.Collections.Add("products", c => c.AcceptImages()))
        .UseEntityFrameworkCore<AppDbContext>()
        .UseFileSystemStorage(o => o.RootPath = Path.Combine(dataRoot, "media"))
        .UseVipsImaging();
    builder.Services.AddMediaKitAuthorization();
    builder.Services.AddHealthChecks().AddMediaKit();

    var app = builder.Build();
    app.MapStaticAssets();
    app.MapMediaKit("/api/media");
    app.MapHealthChecks("/health");
    await app.StartAsync();

    await using (var scope = app.Services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreatedAsync();
    }

    // A 3x2 PNG: libvips (from the NetVips.Native package) must read its size.
    var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR42mM4IScHQQxwFgBBAAYZ1ETuGQAAAABJRU5ErkJggg==");
    MediaAsset asset;
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var media = scope.ServiceProvider.GetRequiredService<IMediaStore>();
        asset = await media.UploadAsync(new MediaUploadRequest("products", "dot.png", new MemoryStream(png)));
        Check(asset.ContentType == "image/png", $"content type {asset.ContentType}");
        Check(asset.Width == 3 && asset.Height == 2, $"libvips probe: {asset.Width}x{asset.Height}, expected 3x2");
        await using var content = await media.OpenReadAsync(asset.Id);
        Check(content is not null, "the uploaded asset cannot be read back");
        var copy = new MemoryStream();
        await content!.Stream.CopyToAsync(copy);
        Check(copy.ToArray().AsSpan().SequenceEqual(png), "the bytes read back differ from the bytes uploaded");
    }

    var address = app.Urls.First();
    using var http = new HttpClient { BaseAddress = new Uri(address) };
    var served = await http.GetAsync($"/api/media/{asset.Id}/content");
    Check(served.IsSuccessStatusCode, $"GET /api/media/{{id}}/content answered {(int)served.StatusCode}");
    Check((await served.Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(png), "the HTTP API served other bytes");
    Check(served.Content.Headers.ContentType?.MediaType == "image/png", $"served as {served.Content.Headers.ContentType}");

    var health = await http.GetAsync("/health");
    Check(health.IsSuccessStatusCode, $"GET /health answered {(int)health.StatusCode}: {await health.Content.ReadAsStringAsync()}");

    // Static web assets of the packages (passed by eng/consumer-test.sh as _content/<package>/<path>).
    foreach (var path in args.Where(a => a.StartsWith("_content/", StringComparison.Ordinal)))
    {
        var asset2 = await http.GetAsync("/" + path);
        Check(asset2.IsSuccessStatusCode, $"GET /{path} (a static web asset of a package) answered {(int)asset2.StatusCode}");
    }

    await app.StopAsync();
    Console.WriteLine($"consumer app: upload, read back, HTTP delivery, health and {args.Count(a => a.StartsWith("_content/", StringComparison.Ordinal))} static web assets OK");
    return 0;
}
catch (ConsumerCheckFailed ex)
{
    Console.Error.WriteLine("consumer app: FAILED: " + ex.Message);
    return 1;
}
finally
{
    try
    {
        Directory.Delete(dataRoot, recursive: true);
    }
    catch (IOException)
    {
    }
}

static void Check(bool condition, string failure)
{
    if (!condition)
    {
        throw new ConsumerCheckFailed(failure);
    }
}

internal sealed class ConsumerCheckFailed(string message) : Exception(message);

internal sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMediaKit();
}
