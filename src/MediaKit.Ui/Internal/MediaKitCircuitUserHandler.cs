using MediaKit.AspNetCore;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace MediaKit.Ui.Internal;

/// <summary>
/// Keeps <see cref="MediaKitUser"/> equal to the circuit's authentication state before every piece of inbound work, so the
/// tenant, the actor and the reviewer check of MediaKit calls made by components are the circuit's user's.
/// </summary>
internal sealed class MediaKitCircuitUserHandler(AuthenticationStateProvider authentication, MediaKitUser user) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
        await SetUserAsync().ConfigureAwait(false);
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next)
        => async context =>
        {
            await SetUserAsync().ConfigureAwait(false);
            await next(context).ConfigureAwait(false);
        };

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;

    private async Task SetUserAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync().ConfigureAwait(false);
        user.SetUser(state.User);
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> task)
        => _ = task.ContinueWith(t => user.SetUser(t.Result.User), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
}
