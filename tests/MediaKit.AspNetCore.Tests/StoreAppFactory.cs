using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.AspNetCore.Tests;

/// <summary>The sample store app, as users run it, on a fresh SQLite file and media folder per test class.</summary>
public sealed class StoreAppFactory : WebApplicationFactory<Program>
{
    /// <summary>The signing key the tests' app uses unless a test names others.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultKeys = new Dictionary<string, string> { ["k1"] = NewKey() };

    private readonly bool _ownsData;
    private readonly IReadOnlyDictionary<string, string> _keys;
    private readonly string? _currentKeyId;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _seedDemoData;
    private readonly bool _seedScenarioData;

    /// <summary>A fresh app, or one more app instance over the data of another (<paramref name="dataPath"/>), with its own signing keys and services.</summary>
    /// <param name="seedDemoData">
    /// Whether the first run seeds the demo store (generated images, products, banners, settings in both organizations), as
    /// it does for users. Off by default: most tests want an empty library.
    /// </param>
    public StoreAppFactory(string? dataPath = null, IReadOnlyDictionary<string, string>? keys = null, string? currentKeyId = null, Action<IServiceCollection>? services = null, bool seedDemoData = false, bool seedScenarioData = false)
    {
        _seedDemoData = seedDemoData;
        _seedScenarioData = seedScenarioData;
        _ownsData = dataPath is null;
        DataPath = dataPath ?? Path.Combine(Path.GetTempPath(), "mediakit-web-" + Guid.NewGuid().ToString("N"));
        _keys = keys ?? DefaultKeys;
        _currentKeyId = currentKeyId;
        _services = services;
    }

    public string DataPath { get; }

    public static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public string MediaPath => Path.Combine(DataPath, "media");

    /// <summary>The demo account (samples/.../Auth/DemoAccounts.cs) whose bearer token <see cref="WebApplicationFactory{T}.CreateClient()"/> sends: a Super Admin of organization <c>acme</c>.</summary>
    public const string DefaultAccount = "acme-superadmin";

    /// <summary>A client signed in as <paramref name="account"/> with a demo bearer token, or anonymous when <see langword="null"/>.</summary>
    public HttpClient CreateClientAs(string? account)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = account is null ? null : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "demo:" + account);
        return client;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "demo:" + DefaultAccount);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Store:DataPath", DataPath);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Store:SeedDemoData", _seedDemoData ? "true" : "false");
        builder.UseSetting("Store:SeedScenarioData", _seedScenarioData ? "true" : "false");

        // Tests upload far more than a person would in a minute; the rate limit test lowers it again.
        builder.UseSetting("MediaKit:UploadRateLimit:PermitLimit", "100000");
        foreach (var (id, secret) in _keys)
        {
            builder.UseSetting($"MediaKit:Signing:Keys:{id}", secret);
        }

        if (_currentKeyId is not null)
        {
            builder.UseSetting("MediaKit:Signing:CurrentKeyId", _currentKeyId);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public List<string> StoredFiles()
        => Directory.Exists(MediaPath) ? [.. Directory.EnumerateFiles(MediaPath, "*", SearchOption.AllDirectories)] : [];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsData && Directory.Exists(DataPath))
        {
            try
            {
                Directory.Delete(DataPath, recursive: true);
            }
            catch (IOException)
            {
                // Best effort cleanup of a temporary folder.
            }
        }
    }
}
