using Microsoft.AspNetCore.Http;

namespace MediaKit.AspNetCore;

/// <summary>
/// How <c>UseTenantClaim</c> finds the tenant (organization, store) and the acting user of an HTTP request.
/// </summary>
public sealed class MediaKitTenantClaimOptions
{
    /// <summary>The claim type that holds the signed-in user's tenant id. Default <c>tenant</c>.</summary>
    public string ClaimType { get; set; } = "tenant";

    /// <summary>
    /// The claim type that holds the user's id, recorded as the uploader and the actor of audit entries.
    /// Default <see cref="System.Security.Claims.ClaimTypes.NameIdentifier"/>.
    /// </summary>
    public string UserIdClaimType { get; set; } = System.Security.Claims.ClaimTypes.NameIdentifier;

    /// <summary>
    /// The tenant of an anonymous request (a visitor loading a public image, a holder of a signed URL), such as one derived
    /// from the host name. Return <see langword="null"/> to use <see cref="MediaKitOptions.DefaultTenantId"/>. Default
    /// <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// Whatever it returns is only ever used for reads MediaKit allows anonymously: files of public collections, and files
    /// of private ones whose signature (which covers the tenant) matches. A signed-in user without the <see cref="ClaimType"/>
    /// claim gets no tenant at all: MediaKit calls made for them fail with <see cref="MediaErrorCodes.Forbidden"/> (403).
    /// </remarks>
    public Func<HttpContext, string?>? Fallback { get; set; }
}
