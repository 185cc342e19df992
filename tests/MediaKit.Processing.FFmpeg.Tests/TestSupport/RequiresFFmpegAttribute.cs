using MediaKit.Testing;
using Xunit.Abstractions;

[assembly: Xunit.TestFramework("MediaKit.Processing.FFmpeg.Tests.TestSupport.FFmpegTestFramework", "MediaKit.Processing.FFmpeg.Tests")]

namespace MediaKit.Processing.FFmpeg.Tests.TestSupport;

/// <summary>
/// Marks a test class whose every test needs ffmpeg and ffprobe. Without them the tests are reported as
/// skipped, naming how to install them; on CI (<c>CI=true</c>) they are not skipped but fail, so missing tools never
/// pass for green.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresFFmpegAttribute : Attribute;

/// <summary>Skips the tests of <see cref="RequiresFFmpegAttribute"/> classes at discovery when the service is absent (see <see cref="ServiceTestFramework{TAttribute}"/>).</summary>
public sealed class FFmpegTestFramework(IMessageSink messageSink) : ServiceTestFramework<RequiresFFmpegAttribute>(messageSink)
{
    /// <inheritdoc />
    protected override bool IsAvailable => FFmpegBinaries.IsInstalled;

    /// <inheritdoc />
    protected override string SkipReason => FFmpegBinaries.SkipReason;
}
