using System.Diagnostics;
using System.Globalization;
using System.Text;
using MediaKit.Benchmarks.Picker;
using MediaKit.EndToEndTests.Infrastructure;

// The picker benchmark (benchmarks/picker/README.md): with N assets in the library, the time from the click that opens
// the picker to the first screen of thumbnails painted, measured in Chromium, and the bytes transferred for that screen.
var options = Options.Parse(args);
var invariant = CultureInfo.InvariantCulture;
if (!Chromium.IsInstalled && !options.SeedOnly)
{
    Console.Error.WriteLine(Chromium.SkipReason);
    return 2;
}

var dataPath = options.DataPath ?? Path.Combine(Path.GetTempPath(), "mediakit-picker-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(dataPath);
var environment = new Dictionary<string, string>
{
    // Seeding uploads in one request, but a re-run signs in and uploads again: no rate limit in the way.
    ["MediaKit__UploadRateLimit__PermitLimit"] = "100000",
    ["Logging__LogLevel__Default"] = "Warning",
};

try
{
    await SeedAsync();
    if (options.SeedOnly)
    {
        return 0;
    }

    await using var app = await SampleAppProcess.StartAsync(environment, dataPath: dataPath);
    using var playwright = await Chromium.CreatePlaywrightAsync();
    await using var browser = await Chromium.LaunchAsync(playwright);
    Console.WriteLine($"Picker on {PickerContract.PagePath}, {CatalogCloner.CountAssets(app.DatabasePath):N0} assets, {options.Warmup} warm-up + {options.Runs} measured runs, each in a new browser context (cold HTTP cache).");
    var runs = new List<PickerRun>();
    for (var i = -options.Warmup; i < options.Runs; i++)
    {
        var run = await PickerMeasurement.RunAsync(browser, app.BaseAddress, options.Account, i);
        Console.WriteLine(string.Create(invariant,
            $"{(i < 0 ? "warm-up" : $"run {i + 1,2}")}: {run.Milliseconds,7:0.0} ms, {run.VisibleThumbnails} thumbnails in view of {run.ListedOptions} listed, screen {run.ScreenImageBytes + run.OtherBytes,7:N0} B (thumbnails {run.ScreenImageBytes:N0} B), all images {run.ImageBytes:N0} B in {run.ImageRequests} requests, other HTTP {run.OtherBytes:N0} B, circuit {run.CircuitBytesReceived:N0} B"));
        if (i >= 0)
        {
            runs.Add(run);
        }
    }

    var report = Report(runs, CatalogCloner.CountAssets(app.DatabasePath));
    Console.WriteLine();
    Console.WriteLine(report);
    var folder = RepositoryPaths.Artifacts(Path.Combine("bench", "picker"));
    await File.WriteAllTextAsync(Path.Combine(folder, "results.md"), report);
    Console.WriteLine($"Saved to {Path.Combine(folder, "results.md")}; screenshots in artifacts/e2e-screenshots/PickerBenchmark.*.png.");
    return 0;
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or Microsoft.Playwright.PlaywrightException)
{
    Console.Error.WriteLine("picker benchmark: " + ex.Message);
    return 1;
}
finally
{
    if (options.DataPath is null)
    {
        try
        {
            Directory.Delete(dataPath, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }
}

// Uploads a few distinct images through the API (variants made as for any upload), then clones their catalog rows up to
// the wanted count with the app stopped. A --data folder that already holds enough assets is used as it is.
async Task SeedAsync()
{
    var database = Path.Combine(dataPath, "store.db");
    if (File.Exists(database) && CatalogCloner.CountAssets(database) >= options.Assets)
    {
        Console.WriteLine($"Seed: {dataPath} already holds {CatalogCloner.CountAssets(database):N0} assets.");
        return;
    }

    var clock = Stopwatch.StartNew();
    IReadOnlyList<MediaApiClient.UploadedAsset> uploaded;
    await using (var app = await SampleAppProcess.StartAsync(environment, dataPath: dataPath))
    {
        using var api = new MediaApiClient(app.BaseAddress, options.Account);
        var files = Enumerable.Range(0, options.Distinct).Select(i => ($"picker-{i:00}.png", PngImages.Create(9000 + i, 800, 600))).ToList();
        uploaded = await api.UploadAsync("products", files);
    }

    Console.WriteLine($"Seed: uploaded {uploaded.Count} images with their variants in {clock.Elapsed.TotalSeconds:0.0} s.");
    clock.Restart();
    var existing = CatalogCloner.CountAssets(database);
    var clones = (int)Math.Max(0, options.Assets - existing);
    var linked = CatalogCloner.Clone(database, Path.Combine(dataPath, "media"), [.. uploaded.Select(a => a.Id)], clones);
    Console.WriteLine($"Seed: cloned {clones:N0} assets ({linked:N0} files hard-linked) in {clock.Elapsed.TotalSeconds:0.0} s; data in {dataPath}.");
}

static string Report(List<PickerRun> runs, long assets)
{
    static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    var ms = runs.Select(r => r.Milliseconds).Order().ToList();
    var bytes = runs.Select(r => (double)r.ScreenImageBytes + r.OtherBytes).Order().ToList();
    var thumbnails = runs.Select(r => (double)r.ScreenImageBytes).Order().ToList();
    var images = runs.Select(r => (double)r.ImageBytes).Order().ToList();
    var text = new StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"| assets | runs | open → first screen painted, median | p95 | thumbnails in view | HTTP bytes for the screen, median (thumbnails) | all images loaded by then, median | circuit bytes, median |");
    text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    text.AppendLine(CultureInfo.InvariantCulture,
        $"| {assets:N0} | {runs.Count} | {Percentile(ms, 0.5):0} ms | {Percentile(ms, 0.95):0} ms | {runs[0].VisibleThumbnails} | {Percentile(bytes, 0.5):N0} B ({Percentile(thumbnails, 0.5):N0} B) | {Percentile(images, 0.5):N0} B | {Percentile([.. runs.Select(r => (double)r.CircuitBytesReceived).Order()], 0.5):N0} B |");
    return text.ToString();
}

/// <summary>The command line.</summary>
internal sealed record Options(int Assets, int Distinct, int Runs, int Warmup, string? DataPath, string Account, bool SeedOnly)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(10_000, 20, 10, 1, null, "acme-admin", false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            o = args[i] switch
            {
                "--assets" => o with { Assets = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--distinct" => o with { Distinct = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--runs" => o with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--warmup" => o with { Warmup = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--data" => o with { DataPath = Path.GetFullPath(Next()) },
                "--account" => o with { Account = Next() },
                "--seed-only" => o with { SeedOnly = true },
                "--page" => Set(o, () => PickerContract.PagePath = Next()),
                "--open-button" => Set(o, () => PickerContract.OpenButtonName = Next()),
                "--field" => Set(o, () => PickerContract.FieldLabel = Next()),
                "--nth" => Set(o, () => PickerContract.OpenButtonIndex = int.Parse(Next(), CultureInfo.InvariantCulture)),
                _ => throw new ArgumentException($"Unknown option {args[i]}; see benchmarks/picker/README.md."),
            };
        }

        return o.Runs > 0 && o.Distinct > 0 && o.Assets >= o.Distinct ? o : throw new ArgumentException("--runs and --distinct must be positive, and --assets at least --distinct.");
    }

    private static Options Set(Options o, Action set)
    {
        set();
        return o;
    }
}
