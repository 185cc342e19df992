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

    /// <summary>A fresh app, or one more app instance over the data of another (<paramref name="dataPath"/>), with its own signing keys and services.</summary>
    public StoreAppFactory(string? dataPath = null, IReadOnlyDictionary<string, string>? keys = null, string? currentKeyId = null, Action<IServiceCollection>? services = null)
    {
        _ownsData = dataPath is null;
        DataPath = dataPath ?? Path.Combine(Path.GetTempPath(), "mediakit-web-" + Guid.NewGuid().ToString("N"));
        _keys = keys ?? DefaultKeys;
        _currentKeyId = currentKeyId;
        _services = services;
    }

    public string DataPath { get; }

    public static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public string MediaPath => Path.Combine(DataPath, "media");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Store:DataPath", DataPath);
        builder.UseEnvironment("Testing");
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
