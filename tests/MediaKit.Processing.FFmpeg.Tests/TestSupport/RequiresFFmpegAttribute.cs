using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("MediaKit.Processing.FFmpeg.Tests.TestSupport.FFmpegTestFramework", "MediaKit.Processing.FFmpeg.Tests")]

namespace MediaKit.Processing.FFmpeg.Tests.TestSupport;

/// <summary>
/// Marks a test class whose every test needs ffmpeg and ffprobe. Without them the tests are reported as
/// skipped, naming how to install them; on CI (<c>CI=true</c>) they are not skipped but fail, so missing tools never
/// passes for green.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresFFmpegAttribute : Attribute;

/// <summary>Skips the tests of <see cref="RequiresFFmpegAttribute"/> classes at discovery when the tools are absent (the RequiresS3Server pattern).</summary>
public sealed class FFmpegTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo)
        => new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private static bool ShouldSkip
        => !FFmpegBinaries.IsInstalled && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        private readonly IMessageSink _diagnostics = diagnosticMessageSink;

        protected override bool FindTestsForType(ITestClass testClass, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var needsTools = testClass.Class.ToRuntimeType()?.GetCustomAttribute<RequiresFFmpegAttribute>() is not null;
            return needsTools && ShouldSkip
                ? base.FindTestsForType(testClass, includeSourceInformation, new SkippingBus(messageBus, _diagnostics, discoveryOptions), discoveryOptions)
                : base.FindTestsForType(testClass, includeSourceInformation, messageBus, discoveryOptions);
        }
    }

    private sealed class SkippingBus(IMessageBus inner, IMessageSink diagnostics, ITestFrameworkDiscoveryOptions options) : IMessageBus
    {
        public bool QueueMessage(IMessageSinkMessage message)
        {
            if (message is ITestCaseDiscoveryMessage { TestCase: IXunitTestCase testCase } && testCase.SkipReason is null)
            {
                var skipped = new XunitSkippedDataRowTestCase(
                    diagnostics,
                    options.MethodDisplayOrDefault(),
                    options.MethodDisplayOptionsOrDefault(),
                    testCase.TestMethod,
                    FFmpegBinaries.SkipReason,
                    testCase.TestMethodArguments);
                return inner.QueueMessage(new TestCaseDiscoveryMessage(skipped));
            }

            return inner.QueueMessage(message);
        }

        public void Dispose()
        {
        }
    }
}
