using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MediaKit.AspNetCore.Internal;

/// <summary>The tenant of the signed-in user, read from a claim of <see cref="HttpContext.User"/>.</summary>
internal sealed class ClaimsTenantAccessor(
    IHttpContextAccessor http,
    IOptions<MediaKitTenantClaimOptions> claimOptions,
    IOptions<MediaKitOptions> mediaOptions) : IMediaTenantAccessor
{
    public string TenantId
    {
        get
        {
            var context = http.HttpContext;
            if (context is null)
            {
                return mediaOptions.Value.DefaultTenantId;
            }

            var options = claimOptions.Value;
            if (context.User.Identity?.IsAuthenticated == true
                && context.User.FindFirst(options.ClaimType)?.Value is { Length: > 0 } tenant)
            {
                return tenant;
            }

            return options.Fallback?.Invoke(context) is { Length: > 0 } fallback ? fallback : mediaOptions.Value.DefaultTenantId;
        }
    }
}

/// <summary>The signed-in user's id, for the uploader and the audit trail.</summary>
internal sealed class ClaimsActorAccessor(IHttpContextAccessor http, IOptions<MediaKitTenantClaimOptions> claimOptions) : IMediaActorAccessor
{
    public string? ActorId
        => http.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user.FindFirst(claimOptions.Value.UserIdClaimType)?.Value : null;
}
