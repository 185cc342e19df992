using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace MediaKit.AspNetCore;

/// <summary>
/// The signed-in user MediaKit acts for in the current scope: the user of the HTTP request, or, in code that runs outside a
/// request such as a Blazor Server circuit, the user the host (or <c>MediaKit.Ui</c>) set with <see cref="SetUser"/>.
/// The tenant (<see cref="MediaKitTenantClaimOptions"/>), the uploader and audit actor, and the reviewer check all read it.
/// </summary>
/// <remarks>
/// A circuit outlives the request that opened it, and <see cref="IHttpContextAccessor"/> must not be trusted there; a user
/// set with <see cref="SetUser"/> always wins over the request's. Registered as a scoped service by <c>UseTenantClaim</c>
/// and <c>AddMediaKitAuthorization</c>.
/// </remarks>
public sealed class MediaKitUser(IHttpContextAccessor http)
{
    private ClaimsPrincipal? _user;

    /// <summary>The user set for this scope, else the current request's user; <see langword="null"/> outside both.</summary>
    public ClaimsPrincipal? Principal => _user ?? http.HttpContext?.User;

    /// <summary>Sets the user for this scope (a Blazor circuit sets it from its authentication state).</summary>
    /// <param name="user">The signed-in (or anonymous) user.</param>
    public void SetUser(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _user = user;
    }
}
