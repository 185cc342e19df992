using MediaKit.Processing.FFmpeg.Internal;
using MediaKit.Processing.FFmpeg.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaKit.Processing.FFmpeg.Tests;

/// <summary>Videos and audio generated at test time with ffmpeg's lavfi sources, probed and postered with the real tools.</summary>
[RequiresFFmpeg]
public sealed class FFmpegTests : IClassFixture<FFmpegTests.Files>
{
    private readonly Files _files;

    public FFmpegTests(Files files) => _files = files;

    private static FFprobeMediaProbe Probe(Action<FFmpegOptions>? configure = null)
        => new(new FFmpegTools(Options.Create(FFmpegBinaries.Options(configure))));

    private static async Task<MediaProbeResult?> ProbeFileAsync(string path, string contentType, Action<FFmpegOptions>? configure = null)
    {
        await using var stream = File.OpenRead(path);
        return await Probe(configure).ProbeAsync(stream, contentType, CancellationToken.None);
    }

    [Fact]
    public async Task An_MP4_reports_its_duration_dimensions_codecs_and_format()
    {
        var found = await ProbeFileAsync(_files.Landscape, MediaContentTypes.Mp4);

        Assert.NotNull(found);
        Assert.Equal(320, found.Width);
        Assert.Equal(240, found.Height);
        Assert.InRange(found.DurationSeconds!.Value, 1.9, 2.2);
        Assert.Equal("h264", found.Metadata![MediaMetadataKeys.VideoCodec]);
        Assert.Equal("aac", found.Metadata[MediaMetadataKeys.AudioCodec]);
        Assert.Contains("mp4", found.Metadata[MediaMetadataKeys.Format], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_phone_video_reports_upright_dimensions()
    {
        var found = await ProbeFileAsync(_files.Rotated, MediaContentTypes.Mp4);

        Assert.NotNull(found);
        Assert.Equal(240, found.Width);
        Assert.Equal(320, found.Height);
    }

    [Fact]
    public async Task Audio_reports_its_duration_and_codec_and_no_dimensions()
    {
        var found = await ProbeFileAsync(_files.Audio, MediaContentTypes.Ogg);

        Assert.NotNull(found);
        Assert.Null(found.Width);
        Assert.InRange(found.DurationSeconds!.Value, 1.4, 1.6);
        Assert.Equal("vorbis", found.Metadata![MediaMetadataKeys.AudioCodec]);
        Assert.False(found.Metadata.ContainsKey(MediaMetadataKeys.VideoCodec));
    }

    [Fact]
    public async Task An_MP4_with_its_index_at_the_end_is_probed_from_a_stream_that_cannot_seek_and_the_temporary_copy_is_removed()
    {
        var temporary = Path.Combine(_files.Folder, "tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temporary);
        await using var stream = new ForwardOnlyStream(File.OpenRead(_files.Landscape));

        var found = await Probe(o => o.TemporaryPath = temporary).ProbeAsync(stream, MediaContentTypes.Mp4, CancellationToken.None);

        Assert.Equal(320, found?.Width);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temporary));
    }

    [Fact]
    public async Task A_file_ffprobe_cannot_read_leaves_the_metadata_empty()
    {
        var junk = Path.Combine(_files.Folder, "junk.mp4");
        await File.WriteAllBytesAsync(junk, [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', 1, 2, 3, 4, 5, 6, 7, 8]);

        Assert.Null(await ProbeFileAsync(junk, MediaContentTypes.Mp4));
    }

    [Fact]
    public async Task A_tool_that_runs_past_the_time_limit_is_stopped_with_a_typed_error()
    {
        var error = await Assert.ThrowsAsync<MediaException>(() => ProbeFileAsync(_files.Landscape, MediaContentTypes.Mp4, o => o.Timeout = TimeSpan.FromMilliseconds(1)));

        Assert.Equal(MediaErrorCodes.ProcessingTimeout, error.Code);
    }

    [Fact]
    public async Task The_poster_of_a_rotated_video_is_an_upright_JPEG_that_is_never_enlarged()
    {
        var collection = new MediaKitOptions().Collections.Add("lessons");
        var poster = collection.Variants.Find("poster")!;
        var processor = new FFmpegPosterProcessor(new FFmpegTools(Options.Create(FFmpegBinaries.Options())));
        var sink = new RecordingSink();

        var result = await processor.ProcessAsync(
            new MediaProcessingRequest(Guid.NewGuid(), MediaProcessingInput.FromFile(_files.Rotated, MediaContentTypes.Mp4), [poster]), sink, CancellationToken.None);

        var variant = Assert.Single(result.Variants);
        Assert.Equal("poster", variant.Name);
        Assert.Equal(MediaContentTypes.Jpeg, variant.ContentType);
        Assert.Equal((240, 320), (variant.Width, variant.Height));
        var bytes = Assert.Single(sink.Files).Bytes;
        Assert.Equal([0xFF, 0xD8, 0xFF], bytes[..3]);
    }

    [Fact]
    public async Task A_poster_is_scaled_down_to_its_box()
    {
        var definition = new MediaKitOptions().Collections.Add("c").Variants.Add("small", v => { v.Width = 100; v.Format = MediaVariantFormat.WebP; v.AppliesTo.Add("video/*"); });
        var processor = new FFmpegPosterProcessor(new FFmpegTools(Options.Create(FFmpegBinaries.Options())));
        var sink = new RecordingSink();

        var result = await processor.ProcessAsync(
            new MediaProcessingRequest(Guid.NewGuid(), MediaProcessingInput.FromFile(_files.Landscape, MediaContentTypes.Mp4), [definition]), sink, CancellationToken.None);

        var variant = Assert.Single(result.Variants);
        Assert.Equal(MediaContentTypes.WebP, variant.ContentType);
        Assert.Equal((100, 76), (variant.Width, variant.Height));
    }

    [Fact]
    public async Task An_uploaded_video_is_stored_with_its_duration_dimensions_codecs_and_a_poster()
    {
        var root = Path.Combine(_files.Folder, "host-" + Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddDbContext<VideoDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(root, "catalog.db")};Pooling=False"));
        services.AddMediaKit(o => o.Collections.Add("lessons", c => c.AcceptVideos()))
            .UseEntityFrameworkCore<VideoDbContext>()
            .UseFileSystemStorage(o => o.RootPath = Path.Combine(root, "media"))
            .UseFFmpeg(o => { o.FFmpegPath = FFmpegBinaries.FFmpeg; o.FFprobePath = FFmpegBinaries.FFprobe; });
        Directory.CreateDirectory(root);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VideoDbContext>().Database.EnsureCreatedAsync();

        var asset = await scope.ServiceProvider.GetRequiredService<IMediaStore>()
            .UploadAsync(new MediaUploadRequest("lessons", "lesson.mp4", File.OpenRead(_files.Rotated)));

        Assert.Equal((240, 320), (asset.Width, asset.Height));
        Assert.InRange(asset.DurationSeconds!.Value, 1.9, 2.2);
        Assert.Equal("h264", asset.Metadata[MediaMetadataKeys.VideoCodec]);
        var poster = Assert.Single(asset.Variants, v => v.Name == "poster");
        Assert.Equal((240, 320), (poster.Width, poster.Height));
    }

    /// <summary>The test videos, made once for the class.</summary>
    public sealed class Files : IAsyncLifetime
    {
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mediakit-ffmpeg-tests-" + Guid.NewGuid().ToString("N"));

        public string Landscape { get; private set; } = "";

        public string Rotated { get; private set; } = "";

        public string Audio { get; private set; } = "";

        public async Task InitializeAsync()
        {
            // No +faststart: ffmpeg writes the moov index at the end, as many cameras do.
            Landscape = await FFmpegBinaries.GenerateAsync(Folder, "landscape.mp4",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2", "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");
            // A phone held upright: stored 320x240 with a 90-degree display matrix.
            Rotated = await FFmpegBinaries.GenerateAsync(Folder, "rotated.mp4", "-i", Landscape, "-c", "copy", "-metadata:s:v", "rotate=90");
            Audio = await FFmpegBinaries.GenerateAsync(Folder, "tone.ogg", "-f", "lavfi", "-i", "sine=frequency=440:duration=1.5", "-c:a", "libvorbis");
        }

        public Task DisposeAsync()
        {
            Directory.Delete(Folder, recursive: true);
            return Task.CompletedTask;
        }
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>The host app's DbContext with MediaKit's tables.</summary>
public sealed class VideoDbContext(DbContextOptions<VideoDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMediaKit();
}
