using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaKit.Processing.FFmpeg.Internal;

/// <summary>
/// Reads duration, upright dimensions and codecs of videos and audio with
/// <c>ffprobe -v error -print_format json -show_format -show_streams</c> on a seekable file: the stored file itself when
/// it is already on local disk, otherwise a temporary copy that is deleted afterwards.
/// </summary>
internal sealed partial class FFprobeMediaProbe : IMediaProbe
{
    private const int MaxJsonLength = 4 << 20;

    private readonly FFmpegTools _tools;
    private readonly ILogger<FFprobeMediaProbe> _logger;

    public FFprobeMediaProbe(FFmpegTools tools, ILogger<FFprobeMediaProbe>? logger = null)
    {
        _tools = tools;
        _logger = logger ?? NullLogger<FFprobeMediaProbe>.Instance;
    }

    public bool CanProbe(string contentType)
        => contentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase);

    public async Task<MediaProbeResult?> ProbeAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (path, temporary) = content is FileStream { CanSeek: true } file && File.Exists(file.Name)
            ? (file.Name, false)
            : (await _tools.CopyToTemporaryFileAsync(content, MediaContentTypes.GetExtension(contentType), cancellationToken), true);
        try
        {
            return await ProbeFileAsync(path, cancellationToken);
        }
        finally
        {
            if (temporary)
            {
                FFmpegTools.DeleteQuietly(path);
            }
        }
    }

    public async Task<MediaProbeResult?> ProbeFileAsync(string path, CancellationToken cancellationToken)
    {
        var result = await _tools.RunAsync(
            _tools.Options.FFprobePath,
            ["-v", "error", "-protocol_whitelist", "file", "-print_format", "json", "-show_format", "-show_streams", "-i", "file:" + path],
            MaxJsonLength,
            cancellationToken);
        if (result is null)
        {
            return null;
        }

        if (result.ExitCode != 0 || !result.Complete)
        {
            Log.ProbeFailed(_logger, result.ExitCode, result.Error);
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(result.Output);
            return Read(json.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            Log.ProbeFailed(_logger, result.ExitCode, ex.Message);
            return null;
        }
    }

    internal static MediaProbeResult Read(JsonElement root)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        int? width = null, height = null;
        double? duration = null;
        if (root.TryGetProperty("format", out var format))
        {
            duration = Number(format, "duration");
            if (Text(format, "format_name") is { } formatName)
            {
                metadata[MediaMetadataKeys.Format] = formatName;
            }
        }

        if (root.TryGetProperty("streams", out var streams) && streams.ValueKind == JsonValueKind.Array)
        {
            foreach (var stream in streams.EnumerateArray())
            {
                var type = Text(stream, "codec_type");
                var codec = Text(stream, "codec_name");
                // Cover art of an MP3 or M4A is a one-picture "video" stream: not the file's video.
                var isPicture = stream.TryGetProperty("disposition", out var disposition)
                    && disposition.TryGetProperty("attached_pic", out var attached) && attached.ValueKind == JsonValueKind.Number && attached.GetInt32() == 1;
                if (type == "video" && !isPicture && !metadata.ContainsKey(MediaMetadataKeys.VideoCodec))
                {
                    if (codec is not null)
                    {
                        metadata[MediaMetadataKeys.VideoCodec] = codec;
                    }

                    (width, height) = Upright(Integer(stream, "width"), Integer(stream, "height"), Rotation(stream));
                }
                else if (type == "audio" && codec is not null && !metadata.ContainsKey(MediaMetadataKeys.AudioCodec))
                {
                    metadata[MediaMetadataKeys.AudioCodec] = codec;
                }

                if (type is "video" or "audio" && !isPicture)
                {
                    duration ??= Number(stream, "duration");
                }
            }
        }

        return new MediaProbeResult
        {
            Width = width,
            Height = height,
            DurationSeconds = duration is { } d && d > 0 && double.IsFinite(d) ? Math.Round(d, 3) : null,
            Metadata = metadata,
        };
    }

    /// <summary>
    /// The rotation a player applies: the display matrix side data (how ffmpeg 5+ reports it) or the legacy
    /// <c>rotate</c> tag. Sign does not matter for the dimensions; a quarter turn swaps them.
    /// </summary>
    private static int Rotation(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out var sideData) && sideData.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in sideData.EnumerateArray())
            {
                if (Number(item, "rotation") is { } rotation)
                {
                    return (int)Math.Round(rotation);
                }
            }
        }

        return stream.TryGetProperty("tags", out var tags) && Number(tags, "rotate") is { } tag ? (int)Math.Round(tag) : 0;
    }

    private static (int?, int?) Upright(int? width, int? height, int rotation)
        => Math.Abs(rotation) % 180 == 90 ? (height, width) : (width, height);

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static int? Integer(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number > 0 ? number : null;

    /// <summary>ffprobe writes most numbers as strings ("12.345000") and some as numbers.</summary>
    private static double? Number(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "ffprobe could not read the file (exit code {ExitCode}): {Error}; it is stored without duration, dimensions or codecs")]
        public static partial void ProbeFailed(ILogger logger, int exitCode, string error);
    }
}
