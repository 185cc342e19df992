using MediaKit.Testing;
using Xunit.Abstractions;

[assembly: Xunit.TestFramework("MediaKit.Scanning.ClamAV.Tests.TestSupport.ClamdTestFramework", "MediaKit.Scanning.ClamAV.Tests")]

namespace MediaKit.Scanning.ClamAV.Tests.TestSupport;

/// <summary>
/// Marks a test class whose every test needs a running clamd. Without one configured the tests are reported as
/// skipped, naming how to start it; on CI (<c>CI=true</c>) they are not skipped but fail, so a missing clamd never
/// passes for green.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresClamdAttribute : Attribute;

/// <summary>Skips the tests of <see cref="RequiresClamdAttribute"/> classes at discovery when the service is absent (see <see cref="ServiceTestFramework{TAttribute}"/>).</summary>
public sealed class ClamdTestFramework(IMessageSink messageSink) : ServiceTestFramework<RequiresClamdAttribute>(messageSink)
{
    /// <inheritdoc />
    protected override bool IsAvailable => Clamd.IsConfigured;

    /// <inheritdoc />
    protected override string SkipReason => Clamd.SkipReason;
}
