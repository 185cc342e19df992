using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MediaKit.EndToEndTests.Infrastructure;

/// <summary>
/// The real sample app (samples/MediaKit.Samples.Store), started as a child process from its build output and bound to a
/// free port of 127.0.0.1, with a fresh data folder (SQLite catalog and media files) that is deleted when it stops.
/// It runs as <c>Development</c>: the Razor class libraries' static web assets (<c>_content/...</c>) are served from the
/// build output, and the demo accounts and demo bearer tokens work. Shared with benchmarks/picker, which links this file.
/// </summary>
internal sealed class SampleAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly bool _keepData;

    private SampleAppProcess(Process process, Uri baseAddress, string dataPath, bool keepData)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataPath = dataPath;
        _keepData = keepData;
    }

    /// <summary>Where the app answers, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The app's data folder (<c>Store:DataPath</c>): <c>store.db</c> and <c>media/</c>.</summary>
    public string DataPath { get; }

    /// <summary>The SQLite catalog file.</summary>
    public string DatabasePath => Path.Combine(DataPath, "store.db");

    /// <summary>What the app wrote to standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app and waits until <c>/health</c> answers 200.</summary>
    /// <param name="environment">More environment variables for the app (configuration keys with <c>__</c>).</param>
    /// <param name="startTimeout">How long to wait for health; default 90 seconds.</param>
    /// <param name="dataPath">The data folder to use; default a new temporary folder, deleted on dispose.</param>
    /// <exception cref="FileNotFoundException">The sample is not built.</exception>
    /// <exception cref="InvalidOperationException">The app exited or did not become healthy in time; the message holds its output.</exception>
    public static async Task<SampleAppProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null, TimeSpan? startTimeout = null, string? dataPath = null)
    {
        var assembly = RepositoryPaths.SampleAssembly;
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"The sample app is not built: run `dotnet build samples/MediaKit.Samples.Store -c {RepositoryPaths.Configuration}` (the test project builds it).", assembly);
        }

        var keepData = dataPath is not null;
        dataPath ??= Path.Combine(Path.GetTempPath(), "mediakit-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataPath);
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Store__DataPath"] = dataPath;
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new SampleAppProcess(process, baseAddress, dataPath, keepData);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await app.WaitUntilHealthyAsync(startTimeout ?? TimeSpan.FromSeconds(90));
        }
        catch
        {
            await app.DisposeAsync();
            app.SaveOutput("sample-app-failed-start");
            throw;
        }

        return app;
    }

    /// <summary>Stops the app (its whole process tree) and deletes the temporary data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or never started: nothing left to stop.
        }

        _process.Dispose();
        if (!_keepData)
        {
            try
            {
                Directory.Delete(DataPath, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a dying process: the folder is under the temp path and harmless.
            }
        }
    }

    /// <summary>Writes the app's output to <c>artifacts/e2e-logs/{name}.log</c> and answers the file's path.</summary>
    public string SaveOutput(string name)
    {
        var path = Path.Combine(RepositoryPaths.Artifacts("e2e-logs"), name + ".log");
        File.WriteAllText(path, Output);
        return path;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The sample app exited with code {_process.ExitCode} before it was healthy. Its output:{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync("health");
                last = response.StatusCode;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException(
            $"The sample app at {BaseAddress} did not answer 200 on /health within {timeout.TotalSeconds:0} s (last status: {last?.ToString() ?? "no answer"}). Its output:{Environment.NewLine}{Tail()}");
    }

    private string Tail()
    {
        var output = Output;
        return output.Length <= 20_000 ? output : "..." + output[^20_000..];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
