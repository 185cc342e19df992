using MediaKit.Testing;
using Xunit.Abstractions;

[assembly: Xunit.TestFramework("MediaKit.Storage.S3.Tests.TestSupport.S3TestFramework", "MediaKit.Storage.S3.Tests")]

namespace MediaKit.Storage.S3.Tests.TestSupport;

/// <summary>
/// Marks a test class whose every test (inherited ones too) needs the S3 server. Without one configured, the tests are
/// reported as skipped, naming how to start it; on CI (<c>CI=true</c>) they are not skipped but fail, so a missing
/// server never passes for green.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresS3ServerAttribute : Attribute;

/// <summary>Skips the tests of <see cref="RequiresS3ServerAttribute"/> classes at discovery when the service is absent (see <see cref="ServiceTestFramework{TAttribute}"/>).</summary>
public sealed class S3TestFramework(IMessageSink messageSink) : ServiceTestFramework<RequiresS3ServerAttribute>(messageSink)
{
    /// <inheritdoc />
    protected override bool IsAvailable => S3Server.IsConfigured;

    /// <inheritdoc />
    protected override string SkipReason => S3Server.SkipReason;
}
