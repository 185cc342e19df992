using MediaKit;
using MediaKit.Processing;
using MediaKit.Processing.FFmpeg;
using MediaKit.Processing.FFmpeg.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ffprobe/ffmpeg video and audio processing.</summary>
public static class MediaKitFFmpegBuilderExtensions
{
    /// <summary>
    /// Reads the duration, upright width and height and codecs of uploaded videos and audio with <c>ffprobe</c>, and makes
    /// the collections' video variants (the default <c>poster</c>) with <c>ffmpeg</c>. When a tool is not installed the
    /// app still runs: the metadata or poster is left out and one warning per tool is logged.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMediaKit</c>.</param>
    /// <param name="configure">Sets the tools' paths and time limit.</param>
    /// <returns>The builder.</returns>
    public static IMediaKitBuilder UseFFmpeg(this IMediaKitBuilder builder, Action<FFmpegOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<FFmpegOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .Validate(o => !string.IsNullOrWhiteSpace(o.FFprobePath), "FFmpegOptions.FFprobePath must not be empty.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.FFmpegPath), "FFmpegOptions.FFmpegPath must not be empty.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "FFmpegOptions.Timeout must be positive.")
            .Validate(o => o.PosterTimeSeconds >= 0 && double.IsFinite(o.PosterTimeSeconds), "FFmpegOptions.PosterTimeSeconds must be zero or more.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<FFmpegTools>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IMediaProbe, FFprobeMediaProbe>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IMediaProcessor, FFmpegPosterProcessor>());
        return builder;
    }
}
