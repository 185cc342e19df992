using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("MediaKit.Scanning.ClamAV.Tests.TestSupport.ClamdTestFramework", "MediaKit.Scanning.ClamAV.Tests")]

namespace MediaKit.Scanning.ClamAV.Tests.TestSupport;

/// <summary>
/// Marks a test class whose every test needs a running clamd. Without one configured the tests are reported as
/// skipped, naming how to start it; on CI (<c>CI=true</c>) they are not skipped but fail, so a missing clamd never
/// passes for green.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresClamdAttribute : Attribute;

/// <summary>Skips the tests of <see cref="RequiresClamdAttribute"/> classes at discovery when clamd is absent (the RequiresS3Server pattern).</summary>
public sealed class ClamdTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo)
        => new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private static bool ShouldSkip
        => !Clamd.IsConfigured && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        private readonly IMessageSink _diagnostics = diagnosticMessageSink;

        protected override bool FindTestsForType(ITestClass testClass, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var needsClamd = testClass.Class.ToRuntimeType()?.GetCustomAttribute<RequiresClamdAttribute>() is not null;
            return needsClamd && ShouldSkip
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
                    Clamd.SkipReason,
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
