using MediaKit.Testing;
using MediaKit.Processing.FFmpeg.Internal;
using MediaKit.Processing.FFmpeg.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaKit.Processing.FFmpeg.Tests;

/// <summary>Without ffmpeg installed the app still runs: metadata and posters are left out, and one warning is logged.</summary>
public sealed class MissingToolsTests
{
    private static FFmpegOptions Missing() => new()
    {
        FFprobePath = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "ffprobe"),
        FFmpegPath = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "ffmpeg"),
    };

    [Fact]
    public async Task A_missing_ffprobe_leaves_the_metadata_empty_and_warns_once()
    {
        var logger = new ListLogger<FFmpegTools>();
        var probe = new FFprobeMediaProbe(new FFmpegTools(Options.Create(Missing()), logger));

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await probe.ProbeAsync(new MemoryStream(new byte[1000]), MediaContentTypes.Mp4, CancellationToken.None));
        }

        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(4101, warning.EventId.Id);
    }

    [Fact]
    public async Task A_missing_ffmpeg_makes_no_poster_and_does_not_fail_the_upload()
    {
        var logger = new ListLogger<FFmpegTools>();
        var tools = new FFmpegTools(Options.Create(Missing()), logger);
        var processor = new FFmpegPosterProcessor(tools);
        var video = Path.GetTempFileName();
        try
        {
            var poster = new MediaKitOptions().Collections.Add("c").Variants.Find("poster")!;
            var sink = new RecordingSink();

            var result = await processor.ProcessAsync(new MediaProcessingRequest(Guid.NewGuid(), MediaProcessingInput.FromFile(video, MediaContentTypes.Mp4), [poster]), sink, CancellationToken.None);

            Assert.Empty(result.Variants);
            Assert.Empty(sink.Files);
            Assert.Single(logger.Entries);
        }
        finally
        {
            File.Delete(video);
        }
    }

    [Fact]
    public void Only_videos_and_audio_are_probed_and_only_videos_postered()
    {
        var tools = new FFmpegTools(Options.Create(Missing()));

        Assert.True(new FFprobeMediaProbe(tools).CanProbe(MediaContentTypes.Mp4));
        Assert.True(new FFprobeMediaProbe(tools).CanProbe(MediaContentTypes.Mp3));
        Assert.False(new FFprobeMediaProbe(tools).CanProbe(MediaContentTypes.Jpeg));
        Assert.True(new FFmpegPosterProcessor(tools).CanProcess(MediaContentTypes.WebM));
        Assert.False(new FFmpegPosterProcessor(tools).CanProcess(MediaContentTypes.Mp3));
    }
}
