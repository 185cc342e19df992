using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MediaKit.AspNetCore.Tests;

/// <summary>The sample store app, as users run it, on a fresh SQLite file and media folder per test class.</summary>
public sealed class StoreAppFactory : WebApplicationFactory<Program>
{
    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "mediakit-web-" + Guid.NewGuid().ToString("N"));

    public string MediaPath => Path.Combine(DataPath, "media");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Store:DataPath", DataPath);
        builder.UseEnvironment("Testing");
    }

    public List<string> StoredFiles()
        => Directory.Exists(MediaPath) ? [.. Directory.EnumerateFiles(MediaPath, "*", SearchOption.AllDirectories)] : [];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataPath))
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
