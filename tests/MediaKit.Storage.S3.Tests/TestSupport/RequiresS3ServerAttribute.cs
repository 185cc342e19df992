using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("MediaKit.Storage.S3.Tests.TestSupport.S3TestFramework", "MediaKit.Storage.S3.Tests")]

namespace MediaKit.Storage.S3.Tests.TestSupport;

/// <summary>
/// Marks a test class whose every test (inherited ones too) needs the S3 server. Without one configured, the tests are
/// reported as skipped, naming how to start it; on CI (<c>CI=true</c>) they are not skipped but fail, so a missing
/// server never passes for green.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresS3ServerAttribute : Attribute;

/// <summary>
/// xunit 2 has no runtime skip, and the storage contract's facts are inherited with their own attributes, so the
/// skipping happens at discovery: test cases of <see cref="RequiresS3ServerAttribute"/> classes are replaced by skipped ones.
/// </summary>
public sealed class S3TestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo)
        => new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private static bool ShouldSkip
        => !S3Server.IsConfigured && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        private readonly IMessageSink _diagnostics = diagnosticMessageSink;

        protected override bool FindTestsForType(ITestClass testClass, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var needsServer = testClass.Class.ToRuntimeType()?.GetCustomAttribute<RequiresS3ServerAttribute>() is not null;
            return needsServer && ShouldSkip
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
                    S3Server.SkipReason,
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
