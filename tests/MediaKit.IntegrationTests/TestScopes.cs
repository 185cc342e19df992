using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.IntegrationTests;

public sealed class TestScope(AsyncServiceScope scope) : IAsyncDisposable
{
    public IMediaReconciler Reconciler => scope.ServiceProvider.GetRequiredService<IMediaReconciler>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

public static class TestScopeExtensions
{
    public static TestScope CreateAsyncScopeForTest(this IServiceProvider services) => new(services.CreateAsyncScope());
}
