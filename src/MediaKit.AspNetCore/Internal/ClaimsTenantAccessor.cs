using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MediaKit.AspNetCore.Internal;

/// <summary>The tenant of the signed-in user (<see cref="MediaKitUser"/>), read from a claim.</summary>
internal sealed class ClaimsTenantAccessor(
    MediaKitUser user,
    IHttpContextAccessor http,
    IOptions<MediaKitTenantClaimOptions> claimOptions,
    IOptions<MediaKitOptions> mediaOptions) : IMediaTenantAccessor
{
    public string TenantId
    {
        get
        {
            var principal = user.Principal;
            if (principal is null)
            {
                return mediaOptions.Value.DefaultTenantId;
            }

            var options = claimOptions.Value;
            if (principal.Identity?.IsAuthenticated == true)
            {
                // A signed-in user without the claim must not fall into a shared default tenant with every other such user.
                return principal.FindFirst(options.ClaimType)?.Value is { Length: > 0 } tenant
                    ? tenant
                    : throw new MediaException(MediaErrorCodes.Forbidden, $"The signed-in user has no '{options.ClaimType}' claim, so their tenant is unknown: add the claim at sign-in, or require it in the MediaKit policies.");
            }

            // The fallback rule reads the request; a circuit has none (its anonymous users get the default tenant).
            return http.HttpContext is { } context && options.Fallback?.Invoke(context) is { Length: > 0 } fallback ? fallback : mediaOptions.Value.DefaultTenantId;
        }
    }
}

/// <summary>The signed-in user's id, for the uploader and the audit trail.</summary>
internal sealed class ClaimsActorAccessor(MediaKitUser user, IOptions<MediaKitTenantClaimOptions> claimOptions) : IMediaActorAccessor
{
    public string? ActorId
        => user.Principal is { Identity.IsAuthenticated: true } principal ? principal.FindFirst(claimOptions.Value.UserIdClaimType)?.Value : null;
}
