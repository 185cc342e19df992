using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MediaKit.Testing;

/// <summary>
/// The test framework of a test project whose classes marked with <typeparamref name="TAttribute"/> need an outside service
/// (an S3 server, clamd, ffmpeg). xunit 2 has no runtime skip, and contract facts are inherited with their own attributes,
/// so skipping happens at discovery: without the service, the test cases of marked classes are replaced by skipped ones
/// naming how to provide it; on CI (<c>CI=true</c>) they are kept, and fail, so a missing service never passes for green.
/// Linked into each such test project; the project names its subclass in <c>[assembly: Xunit.TestFramework]</c>.
/// </summary>
/// <typeparam name="TAttribute">The attribute that marks the classes needing the service.</typeparam>
public abstract class ServiceTestFramework<TAttribute>(IMessageSink messageSink) : XunitTestFramework(messageSink)
    where TAttribute : Attribute
{
    /// <summary>Whether the service is configured for this run.</summary>
    protected abstract bool IsAvailable { get; }

    /// <summary>The skip reason shown when it is not: how to start or install it.</summary>
    protected abstract string SkipReason { get; }

    /// <inheritdoc />
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo)
    {
        var skip = !IsAvailable && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        return new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink, skip ? SkipReason : null);
    }

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink, string? skipReason)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        private readonly IMessageSink _diagnostics = diagnosticMessageSink;

        protected override bool FindTestsForType(ITestClass testClass, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var needsService = testClass.Class.ToRuntimeType()?.GetCustomAttribute<TAttribute>() is not null;
            return needsService && skipReason is not null
                ? base.FindTestsForType(testClass, includeSourceInformation, new SkippingBus(messageBus, _diagnostics, discoveryOptions, skipReason), discoveryOptions)
                : base.FindTestsForType(testClass, includeSourceInformation, messageBus, discoveryOptions);
        }
    }

    private sealed class SkippingBus(IMessageBus inner, IMessageSink diagnostics, ITestFrameworkDiscoveryOptions options, string skipReason) : IMessageBus
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
                    skipReason,
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
