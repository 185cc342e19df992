using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaKit.Processing.FFmpeg.Internal;

/// <summary>
/// Makes the video variants of a collection (the default <c>poster</c>: an 800-pixel JPEG) from one frame taken
/// <see cref="FFmpegOptions.PosterTimeSeconds"/> into the video, upright (ffmpeg applies the rotation), scaled to the
/// definition's box and never enlarged. Each frame is encoded to a temporary file, measured with ffprobe, and handed to the sink.
/// </summary>
internal sealed partial class FFmpegPosterProcessor : IMediaProcessor
{
    private const int MaxProbeOutput = 1 << 20;

    private readonly FFmpegTools _tools;
    private readonly FFprobeMediaProbe _probe;
    private readonly ILogger<FFmpegPosterProcessor> _logger;

    public FFmpegPosterProcessor(FFmpegTools tools, ILogger<FFmpegPosterProcessor>? logger = null, ILogger<FFprobeMediaProbe>? probeLogger = null)
    {
        _tools = tools;
        _probe = new FFprobeMediaProbe(tools, probeLogger);
        _logger = logger ?? NullLogger<FFmpegPosterProcessor>.Instance;
    }

    public bool CanProcess(string contentType) => contentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase);

    public async Task<MediaProcessingResult> ProcessAsync(MediaProcessingRequest request, IMediaVariantSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        if (request.Variants.Count == 0)
        {
            return MediaProcessingResult.Empty;
        }

        var source = await request.Original.GetLocalPathAsync(cancellationToken);
        var variants = new List<MediaVariant>();
        foreach (var definition in request.Variants)
        {
            if (Encoder(definition) is not { } encoder)
            {
                Log.FormatNotSupported(_logger, definition.Name, definition.Format);
                continue;
            }

            var target = Path.Combine(_tools.Options.TemporaryPath ?? Path.GetTempPath(), $"mediakit-poster-{Guid.NewGuid():N}.{encoder.Extension}");
            try
            {
                if (!await ExtractAsync(source, target, definition, encoder, _tools.Options.PosterTimeSeconds, cancellationToken)
                    && !await ExtractAsync(source, target, definition, encoder, 0, cancellationToken))
                {
                    continue;
                }

                var measured = await _probe.ProbeFileAsync(target, cancellationToken);
                await using var file = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
                variants.Add(await sink.WriteAsync(new MediaVariantFile(definition.Name, encoder.ContentType, measured?.Width, measured?.Height), file, cancellationToken));
            }
            finally
            {
                FFmpegTools.DeleteQuietly(target);
            }
        }

        return new MediaProcessingResult { Variants = variants };
    }

    /// <returns>Whether a frame was written (false when the tool is missing, the video is shorter than the seek, or ffmpeg failed).</returns>
    private async Task<bool> ExtractAsync(string source, string target, MediaVariantDefinition definition, PosterEncoder encoder, double at, CancellationToken cancellationToken)
    {
        List<string> arguments =
        [
            "-v", "error", "-nostdin", "-y",
            "-protocol_whitelist", "file",
            "-ss", at.ToString("0.###", CultureInfo.InvariantCulture),
            "-i", "file:" + source,
            "-map", "0:v:0", "-frames:v", "1", "-an", "-sn", "-dn",
            "-vf", Scale(definition),
        ];
        arguments.AddRange(encoder.Arguments(definition.Quality));
        arguments.Add("file:" + target);
        var result = await _tools.RunAsync(_tools.Options.FFmpegPath, arguments, MaxProbeOutput, cancellationToken);
        if (result is null)
        {
            return false;
        }

        if (result.ExitCode != 0)
        {
            Log.PosterFailed(_logger, definition.Name, result.ExitCode, result.Error);
            return false;
        }

        return new FileInfo(target) is { Exists: true, Length: > 0 };
    }

    /// <summary>The scale filter for the definition's box: never enlarged; <c>Cover</c> fills the box and crops the middle.</summary>
    internal static string Scale(MediaVariantDefinition definition)
    {
        var (w, h) = (definition.Width, definition.Height);
        if (definition.Fit == MediaVariantFit.Cover && w is { } cw && h is { } ch)
        {
            return $"scale={cw}:{ch}:force_original_aspect_ratio=increase,crop={cw}:{ch}";
        }

        return (w, h) switch
        {
            ({ } bw, { } bh) => $"scale='min({bw},iw)':'min({bh},ih)':force_original_aspect_ratio=decrease",
            ({ } bw, null) => $"scale='min({bw},iw)':-2",
            (null, { } bh) => $"scale=-2:'min({bh},ih)'",
            _ => "null",
        };
    }

    private static PosterEncoder? Encoder(MediaVariantDefinition definition) => definition.Format switch
    {
        MediaVariantFormat.Auto or MediaVariantFormat.Jpeg => new("jpg", MediaContentTypes.Jpeg, q => ["-c:v", "mjpeg", "-q:v", JpegScale(q), "-f", "image2"]),
        MediaVariantFormat.Png => new("png", MediaContentTypes.Png, _ => ["-c:v", "png", "-f", "image2"]),
        MediaVariantFormat.WebP => new("webp", MediaContentTypes.WebP, q => ["-c:v", "libwebp", "-quality", (q ?? 80).ToString(CultureInfo.InvariantCulture), "-f", "webp"]),
        _ => null,
    };

    /// <summary>ffmpeg's JPEG scale runs from 2 (best) to 31; quality 80 is about 5.</summary>
    private static string JpegScale(int? quality)
        => Math.Clamp((int)Math.Round(2 + (100 - (quality ?? 80)) * 29 / 100.0 * 0.5), 2, 31).ToString(CultureInfo.InvariantCulture);

    private sealed record PosterEncoder(string Extension, string ContentType, Func<int?, IEnumerable<string>> Arguments);

    private static partial class Log
    {
        [LoggerMessage(EventId = 4121, Level = LogLevel.Information, Message = "Video variant {Variant} asks for {Format}, which the ffmpeg poster processor does not write; it is skipped")]
        public static partial void FormatNotSupported(ILogger logger, string variant, MediaVariantFormat format);

        [LoggerMessage(EventId = 4122, Level = LogLevel.Warning, Message = "ffmpeg could not make video variant {Variant} (exit code {ExitCode}): {Error}; the video is stored without it")]
        public static partial void PosterFailed(ILogger logger, string variant, int exitCode, string error);
    }
}
