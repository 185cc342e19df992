using Xunit.Abstractions;
using Xunit.Sdk;

namespace MediaKit.EfCore.Tests;

/// <summary>
/// A <see cref="FactAttribute"/> for tests declared once in an abstract class and run once per provider by its subclasses.
/// </summary>
/// <remarks>
/// xUnit discovers inherited tests on each concrete class, so the discoverer sees which subclass it is: a class that uses
/// the <see cref="PostgreSqlDatabase"/> fixture is reported as skipped, with the reason, when no PostgreSQL server is
/// configured (see <see cref="PostgreSqlDatabase.SkipReason"/>).
/// </remarks>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("MediaKit.EfCore.Tests.DatabaseFactDiscoverer", "MediaKit.EfCore.Tests")]
public sealed class DatabaseFactAttribute : FactAttribute;

/// <summary>The <see cref="TheoryAttribute"/> counterpart of <see cref="DatabaseFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("MediaKit.EfCore.Tests.DatabaseTheoryDiscoverer", "MediaKit.EfCore.Tests")]
public sealed class DatabaseTheoryAttribute : TheoryAttribute;

public sealed class DatabaseFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
        => DatabaseSkip.Reason(testMethod) is { } reason
            ? [new SkippedDatabaseTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}

public sealed class DatabaseTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
        => DatabaseSkip.Reason(testMethod) is { } reason
            ? [new SkippedDatabaseTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}

/// <summary>A test case reported as skipped with a reason decided at discovery.</summary>
public sealed class SkippedDatabaseTestCase : XunitTestCase
{
    private string _reason = "";

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedDatabaseTestCase()
    {
    }

    public SkippedDatabaseTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay methodDisplay, TestMethodDisplayOptions methodDisplayOptions, ITestMethod testMethod, string reason)
        : base(diagnosticMessageSink, methodDisplay, methodDisplayOptions, testMethod)
        => _reason = reason;

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("SkipReason", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("SkipReason");
        base.Deserialize(data);
    }
}

internal static class DatabaseSkip
{
    public static string? Reason(ITestMethod testMethod)
        => testMethod.TestClass.Class is IReflectionTypeInfo { Type: var type }
           && typeof(IClassFixture<PostgreSqlDatabase>).IsAssignableFrom(type)
            ? PostgreSqlDatabase.SkipReason
            : null;
}
