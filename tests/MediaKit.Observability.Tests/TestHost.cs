using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaKit.Observability.Tests;

/// <summary>The host app's DbContext with MediaKit's tables.</summary>
public sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMediaKit();
}

/// <summary>
/// A real host setup: SQLite file and local disk in a fresh temporary folder (the catalog and the store can be swapped for a
/// PostgreSQL server or an S3 endpoint), with MediaKit's health checks registered.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private TestHost(string root, ServiceProvider services)
    {
        Root = root;
        Services = services;
    }

    public string Root { get; }

    public string MediaRoot => Path.Combine(Root, "media");

    public string DatabasePath => Path.Combine(Root, "catalog.db");

    public ServiceProvider Services { get; }

    public static async Task<TestHost> StartAsync(
        Action<DbContextOptionsBuilder>? useDatabase = null,
        Action<IMediaKitBuilder>? useStorage = null,
        Action<MediaKitOptions>? configure = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "mediakit-obs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<HostDbContext>(o =>
        {
            if (useDatabase is null)
            {
                o.UseSqlite($"Data Source={Path.Combine(root, "catalog.db")};Pooling=False");
            }
            else
            {
                useDatabase(o);
            }
        });
        var builder = services
            .AddMediaKit(o =>
            {
                o.Collections.Add("images", c => c.AcceptImages());
                configure?.Invoke(o);
            })
            .UseEntityFrameworkCore<HostDbContext>();
        if (useStorage is null)
        {
            builder.UseFileSystemStorage(o => o.RootPath = Path.Combine(root, "media"));
        }
        else
        {
            useStorage(builder);
        }

        services.AddHealthChecks().AddMediaKit();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        if (useDatabase is null)
        {
            await using var scope = provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<HostDbContext>().Database.EnsureCreatedAsync();
        }

        return new TestHost(root, provider);
    }

    public async Task<T> WithStoreAsync<T>(Func<IMediaStore, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IMediaStore>());
    }

    public Task<HealthReport> CheckHealthAsync()
        => Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Timeout);

    /// <summary>A 127.0.0.1 port nothing listens on (bound, then released).</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a temp folder left behind changes no result.
        }
    }
}

internal static class TestContext
{
    /// <summary>Long enough for any check here; a hung check fails the test instead of hanging the run.</summary>
    public static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}

internal static class TestFiles
{
    /// <summary>A valid 1x1 PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>A PHP script, to be named like a photo.</summary>
    public static byte[] Php { get; } = "<?php system($_GET['c']); ?>\n"u8.ToArray();
}
