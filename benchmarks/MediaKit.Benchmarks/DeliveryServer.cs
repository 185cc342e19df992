using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaKit.Benchmarks;

/// <summary>
/// A sample-like app for benchmarks/delivery/run.sh: Kestrel on 127.0.0.1, SQLite catalog, local disk, MapMediaKit. It stores one
/// 100 KB image in a public collection and prints its id and the file's path, so nginx can serve the same file from disk.
/// </summary>
internal static class DeliveryServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dir = Path.GetFullPath(Option(args, "--dir", "artifacts/bench/delivery"));
        var port = int.Parse(Option(args, "--port", "5080"), CultureInfo.InvariantCulture);
        var size = int.Parse(Option(args, "--size", "102400"), CultureInfo.InvariantCulture);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = dir });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        builder.Services.AddDbContext<BenchDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(dir, "catalog.db")}"));
        builder.Services.AddAuthorization();
        builder.Services.AddMediaKitAuthorization();
        builder.Services
            .AddMediaKit(o => o.Collections.Add("products", c => c.AcceptImages()))
            .UseEntityFrameworkCore<BenchDbContext>()
            .UseFileSystemStorage(o => o.RootPath = Path.Combine(dir, "media"));
        var app = builder.Build();
        app.UseAuthorization();
        app.MapMediaKit("/api/media");

        MediaAsset asset;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database.EnsureCreatedAsync();
            var bytes = new byte[size];
            new Random(7).NextBytes(bytes);
            byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
            png.CopyTo(bytes, 0);
            asset = await scope.ServiceProvider.GetRequiredService<IMediaStore>().UploadAsync(new MediaUploadRequest("products", "photo.png", new MemoryStream(bytes)));
        }

        await app.StartAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {asset.Id} {asset.StorageKey} \"{asset.Sha256}\""));
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
