using System.Diagnostics;

namespace MediaKit.Processing.FFmpeg.Tests.TestSupport;

/// <summary>The ffmpeg and ffprobe that eng/services/ffmpeg-start.sh installs (paths in artifacts/services/ffmpeg.env, else found on PATH).</summary>
internal static class FFmpegBinaries
{
    public static string FFmpeg => Environment.GetEnvironmentVariable("MEDIAKIT_FFMPEG") is { Length: > 0 } path ? path : FindOnPath("ffmpeg") ?? "ffmpeg";

    public static string FFprobe => Environment.GetEnvironmentVariable("MEDIAKIT_FFPROBE") is { Length: > 0 } path ? path : FindOnPath("ffprobe") ?? "ffprobe";

    public static bool IsInstalled => File.Exists(FFmpeg) && File.Exists(FFprobe);

    public static string SkipReason => "ffmpeg and ffprobe are not installed: run eng/services/ffmpeg-start.sh (eng/test.sh does).";

    public static FFmpegOptions Options(Action<FFmpegOptions>? configure = null)
    {
        var options = new FFmpegOptions { FFmpegPath = FFmpeg, FFprobePath = FFprobe };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Makes a test file with ffmpeg's own generators (<c>-f lavfi</c>), so no media file is committed.</summary>
    public static async Task<string> GenerateAsync(string folder, string name, params string[] arguments)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        var start = new ProcessStartInfo(FFmpeg) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-v", "error", "-nostdin", "-y", .. arguments, path])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"ffmpeg failed to make {name}: {error}");
        return path;
    }

    private static string? FindOnPath(string tool)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
