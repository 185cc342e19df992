using System.Security.Claims;
using MediaKit.AspNetCore;
using MediaKit.Samples.Store.Auth;
using Microsoft.AspNetCore.Components.Authorization;

namespace MediaKit.Samples.Store.Data.Scenarios;

/// <summary>
/// Opens a fresh service scope per operation for the scenario pages: a new <see cref="StoreDbContext"/> (a circuit lives for
/// minutes, a context should not) whose MediaKit services act for the page's user — its organization as the tenant (also
/// for the usage-tracking interceptor), its id as the uploader and audit actor, its roles for the reviewer check.
/// </summary>
/// <remarks>
/// Works the same in a static render (the request's user) and in an interactive circuit, where no request exists and
/// <see cref="IHttpContextAccessor"/> must not be trusted: the user comes from the <see cref="AuthenticationStateProvider"/>
/// and is set on the new scope's <see cref="MediaKitUser"/>.
/// </remarks>
public sealed class ScenarioScopes(IServiceScopeFactory scopes, AuthenticationStateProvider authentication)
{
    /// <summary>The authentication type of the principal <see cref="ForVisitorOf"/> acts with.</summary>
    public const string VisitorAuthenticationType = "LookbookVisitor";

    /// <summary>The current user (signed in or anonymous).</summary>
    public async Task<ClaimsPrincipal> GetUserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    /// <summary>A scope whose MediaKit services act for the page's signed-in user. Dispose it after the operation.</summary>
    public async Task<AsyncServiceScope> ForCurrentUserAsync() => ForUser(scopes, await GetUserAsync());

    /// <summary>
    /// A scope that reads one organization's public content for an anonymous visitor (the public lookbook page): the tenant
    /// is <paramref name="organization"/>, there is no user id (no uploader, no actor) and no role, so no review rights and
    /// none of MediaKit's policies pass.
    /// </summary>
    /// <param name="organization">An organization of <see cref="DemoAccounts"/>.</param>
    public AsyncServiceScope ForVisitorOf(string organization)
        => ForUser(scopes, new ClaimsPrincipal(new ClaimsIdentity([new Claim(DemoAccounts.OrganizationClaim, organization)], VisitorAuthenticationType)));

    /// <summary>A scope whose MediaKit services act for <paramref name="user"/> (start-up seeding, tests).</summary>
    /// <param name="scopes">The app's scope factory.</param>
    /// <param name="user">The user.</param>
    public static AsyncServiceScope ForUser(IServiceScopeFactory scopes, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(user);
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MediaKitUser>().SetUser(user);
        return scope;
    }

    /// <summary>Whether <paramref name="organization"/> is one of the demo organizations (the only tenants the sample has).</summary>
    public static bool IsOrganization(string? organization)
        => organization is { Length: > 0 } && DemoAccounts.All.Any(a => string.Equals(a.Organization, organization, StringComparison.Ordinal));
}

/// <summary>What the scenario pages read from a principal.</summary>
public static class ScenarioUser
{
    /// <summary>The user's id (<see cref="ClaimTypes.NameIdentifier"/>), or <see langword="null"/> for an anonymous visitor.</summary>
    public static string? Id(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;

    /// <summary>The user's organization (the MediaKit tenant), or <see langword="null"/>.</summary>
    public static string? Organization(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.FindFirst(DemoAccounts.OrganizationClaim)?.Value : null;

    /// <summary>The user's display name.</summary>
    public static string Name(ClaimsPrincipal user) => user.Identity?.Name ?? Id(user) ?? "Visitor";
}
