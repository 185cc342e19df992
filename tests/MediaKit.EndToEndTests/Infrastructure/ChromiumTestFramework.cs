using MediaKit.Testing;
using Xunit.Abstractions;

[assembly: Xunit.TestFramework("MediaKit.EndToEndTests.Infrastructure.ChromiumTestFramework", "MediaKit.EndToEndTests")]

namespace MediaKit.EndToEndTests.Infrastructure;

/// <summary>
/// Marks a test class whose every test drives Chromium. Without Chromium the tests are reported as skipped, naming how to
/// install it; on CI (<c>CI=true</c>) they are not skipped but fail, so a missing browser never passes for green.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresChromiumAttribute : Attribute;

/// <summary>Skips the tests of <see cref="RequiresChromiumAttribute"/> classes at discovery when Chromium is absent (see <see cref="ServiceTestFramework{TAttribute}"/>).</summary>
public sealed class ChromiumTestFramework(IMessageSink messageSink) : ServiceTestFramework<RequiresChromiumAttribute>(messageSink)
{
    /// <inheritdoc />
    protected override bool IsAvailable => Chromium.IsInstalled;

    /// <inheritdoc />
    protected override string SkipReason => Chromium.SkipReason;
}
