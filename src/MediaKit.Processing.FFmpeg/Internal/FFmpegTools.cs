using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MediaKit.Processing.FFmpeg.Internal;

/// <summary>
/// Runs ffprobe and ffmpeg: arguments as a list (never through a shell), stdout and stderr drained concurrently and
/// capped, a time limit after which the process tree is killed, and the same on cancellation. A tool that is not
/// installed is reported once per process and path, not on every upload.
/// </summary>
internal sealed partial class FFmpegTools
{
    private const int MaxErrorLength = 4096;
    private static readonly ConcurrentDictionary<string, bool> s_reportedMissing = new(StringComparer.Ordinal);

    private readonly ILogger<FFmpegTools> _logger;

    public FFmpegTools(IOptions<FFmpegOptions> options, ILogger<FFmpegTools>? logger = null)
    {
        Options = options.Value;
        _logger = logger ?? NullLogger<FFmpegTools>.Instance;
    }

    public FFmpegOptions Options { get; }

    /// <summary>Runs <paramref name="tool"/>; <see langword="null"/> when it is not installed (logged once).</summary>
    /// <exception cref="MediaException"><see cref="MediaErrorCodes.ProcessingTimeout"/> when it ran past <see cref="FFmpegOptions.Timeout"/>.</exception>
    public async Task<ToolResult?> RunAsync(string tool, IEnumerable<string> arguments, int maxOutputLength, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            if (s_reportedMissing.TryAdd(tool, true))
            {
                Log.ToolMissing(_logger, ex, tool);
            }

            return null;
        }

        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        var output = new MemoryStream();
        var stdout = CopyCappedAsync(process.StandardOutput.BaseStream, output, maxOutputLength, process, timeout.Token);
        var stderr = ReadErrorAsync(process.StandardError, timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(stdout, stderr);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            Log.TimedOut(_logger, Path.GetFileName(tool), Options.Timeout.TotalSeconds);
            throw new MediaException(MediaErrorCodes.ProcessingTimeout, $"{Path.GetFileName(tool)} took longer than {Options.Timeout.TotalSeconds:0.#} s on the file; it was stopped and the upload refused.");
        }

        return new ToolResult(process.ExitCode, output.ToArray(), await stderr, await stdout);
    }

    /// <summary>Copies <paramref name="content"/> to a new temporary file that the caller deletes.</summary>
    public async Task<string> CopyToTemporaryFileAsync(Stream content, string extension, CancellationToken cancellationToken)
    {
        var folder = Options.TemporaryPath ?? Path.GetTempPath();
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "mediakit-ffmpeg-" + Guid.NewGuid().ToString("N") + "." + extension);
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await content.CopyToAsync(file, 81920, cancellationToken);
        }
        catch
        {
            DeleteQuietly(path);
            throw;
        }

        return path;
    }

    public static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temporary file; the folder is cleaned by the system.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <returns>Whether all of the output fitted; past the cap the process is killed.</returns>
    private static async Task<bool> CopyCappedAsync(Stream source, MemoryStream target, int cap, Process process, CancellationToken cancellationToken)
    {
        var buffer = new byte[16384];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (target.Length + read > cap)
            {
                Kill(process);
                return false;
            }

            target.Write(buffer, 0, read);
        }

        return true;
    }

    private static async Task<string> ReadErrorAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (text.Length < MaxErrorLength)
            {
                text.Append(buffer, 0, Math.Min(read, MaxErrorLength - text.Length));
            }
        }

        return text.ToString().Trim();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "{Tool} could not be started (not installed?); video and audio files are stored without the facts or posters it provides. Install ffmpeg or set FFmpegOptions. This is logged once.")]
        public static partial void ToolMissing(ILogger logger, Exception exception, string tool);

        [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "{Tool} ran longer than {Seconds} s and was killed")]
        public static partial void TimedOut(ILogger logger, string tool, double seconds);
    }
}

/// <summary>What a tool run produced.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output, up to the cap.</param>
/// <param name="Error">The start of standard error.</param>
/// <param name="Complete">Whether standard output fitted under the cap.</param>
internal sealed record ToolResult(int ExitCode, byte[] Output, string Error, bool Complete);
