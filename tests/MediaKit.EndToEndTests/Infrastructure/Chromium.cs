using Microsoft.Playwright;

namespace MediaKit.EndToEndTests.Infrastructure;

/// <summary>
/// Debian's Chromium, driven by Playwright. No browser is ever downloaded: the executable is <c>MEDIAKIT_CHROMIUM</c>, else
/// the one eng/services/chromium-start.sh wrote to <c>artifacts/services/chromium.env</c>, else <c>/usr/bin/chromium</c>.
/// </summary>
internal static class Chromium
{
    /// <summary>The Chromium executable to drive.</summary>
    public static string ExecutablePath { get; } = Find();

    /// <summary>Whether <see cref="ExecutablePath"/> exists.</summary>
    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>What to do when it is missing.</summary>
    public static string SkipReason =>
        $"Chromium not found at '{ExecutablePath}': run eng/services/chromium-start.sh (installs Debian's chromium) or set MEDIAKIT_CHROMIUM to a Chromium executable.";

    /// <summary>Launches it headless, isolated from the network beyond what the tests open.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    /// <summary>Starts Playwright's driver (bundled in the NuGet package) without letting it fetch a browser.</summary>
    public static Task<IPlaywright> CreatePlaywrightAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        return Playwright.CreateAsync();
    }

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("MEDIAKIT_CHROMIUM") is { Length: > 0 } configured)
        {
            return configured;
        }

        try
        {
            var envFile = Path.Combine(RepositoryPaths.Root, "artifacts", "services", "chromium.env");
            if (File.Exists(envFile))
            {
                foreach (var line in File.ReadLines(envFile))
                {
                    if (line.StartsWith("MEDIAKIT_CHROMIUM=", StringComparison.Ordinal) && line["MEDIAKIT_CHROMIUM=".Length..].Trim() is { Length: > 0 } path)
                    {
                        return path;
                    }
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Not inside the repository: fall back to Debian's path.
        }

        return "/usr/bin/chromium";
    }
}
