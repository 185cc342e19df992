namespace MediaKit.Processing.FFmpeg;

/// <summary>Where the ffprobe and ffmpeg tools are and how long they may run.</summary>
public sealed class FFmpegOptions
{
    /// <summary>The ffprobe executable: a full path, or a name looked up on <c>PATH</c>. Default <c>ffprobe</c>.</summary>
    public string FFprobePath { get; set; } = "ffprobe";

    /// <summary>The ffmpeg executable: a full path, or a name looked up on <c>PATH</c>. Default <c>ffmpeg</c>.</summary>
    public string FFmpegPath { get; set; } = "ffmpeg";

    /// <summary>
    /// How long one run of a tool may take before it is killed and the upload refused with
    /// <see cref="MediaErrorCodes.ProcessingTimeout"/>. Default 60 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where in the video the poster frame is taken, in seconds; videos shorter than that use their first frame. Default 1 second.</summary>
    public double PosterTimeSeconds { get; set; } = 1;

    /// <summary>
    /// A folder for the temporary copies of originals that the tools need as seekable files (an MP4 with its index at the
    /// end cannot be read from a pipe); deleted after each run. Default <see langword="null"/> for the system's temporary folder.
    /// </summary>
    public string? TemporaryPath { get; set; }
}
