using System.Security.Claims;
using MediaKit.AspNetCore;
using MediaKit.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MediaKit.AspNetCore.Tests;

/// <summary>Where the tenant and the actor come from: the request's user, or the user a Blazor circuit set.</summary>
public sealed class TenantClaimTests
{
    private static readonly IOptions<MediaKitTenantClaimOptions> s_claims = Options.Create(new MediaKitTenantClaimOptions { ClaimType = "org" });
    private static readonly IOptions<MediaKitOptions> s_media = Options.Create(new MediaKitOptions());

    [Fact]
    public void A_signed_in_user_with_the_claim_gets_their_tenant_and_is_the_actor()
    {
        var (tenant, actor, _) = Accessors(User("u1", "acme"));

        Assert.Equal("acme", tenant.TenantId);
        Assert.Equal("u1", actor.ActorId);
    }

    [Fact]
    public void A_signed_in_user_without_the_claim_gets_no_tenant_rather_than_a_shared_default()
    {
        var (tenant, _, _) = Accessors(User("u1", org: null));

        var error = Assert.Throws<MediaException>(() => tenant.TenantId);
        Assert.Equal(MediaErrorCodes.Forbidden, error.Code);
    }

    [Fact]
    public void An_anonymous_request_gets_the_fallback_or_the_default_tenant()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        var (tenant, actor, _) = Accessors(anonymous);
        Assert.Equal(new MediaKitOptions().DefaultTenantId, tenant.TenantId);
        Assert.Null(actor.ActorId);

        var withFallback = Options.Create(new MediaKitTenantClaimOptions { ClaimType = "org", Fallback = c => c.Request.Host.Host });
        var http = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = anonymous } };
        http.HttpContext.Request.Host = new HostString("globex.example");
        Assert.Equal("globex.example", new ClaimsTenantAccessor(new MediaKitUser(http), http, withFallback, s_media).TenantId);
    }

    [Fact]
    public void The_user_a_circuit_sets_wins_over_a_stale_request_user()
    {
        // A Blazor circuit outlives its request: IHttpContextAccessor may still hold another user.
        var (tenant, actor, user) = Accessors(User("stale", "acme"));

        user.SetUser(User("u2", "globex"));

        Assert.Equal("globex", tenant.TenantId);
        Assert.Equal("u2", actor.ActorId);
    }

    private static (ClaimsTenantAccessor Tenant, ClaimsActorAccessor Actor, MediaKitUser User) Accessors(ClaimsPrincipal requestUser)
    {
        var http = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = requestUser } };
        var user = new MediaKitUser(http);
        return (new ClaimsTenantAccessor(user, http, s_claims, s_media), new ClaimsActorAccessor(user, s_claims), user);
    }

    private static ClaimsPrincipal User(string id, string? org)
    {
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, id)];
        if (org is not null)
        {
            claims.Add(new Claim("org", org));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }
}
