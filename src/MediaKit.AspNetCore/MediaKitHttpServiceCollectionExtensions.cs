using MediaKit;
using MediaKit.AspNetCore;
using MediaKit.AspNetCore.Internal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what MediaKit's HTTP API needs: its authorization policies, the tenant of the signed-in user, the upload rate limit.</summary>
public static class MediaKitHttpServiceCollectionExtensions
{
    /// <summary>
    /// Adds the authorization policies of <see cref="MediaKitPolicies"/>, which <c>MapMediaKit</c> puts on its endpoints, and
    /// makes a refused MediaKit request answer a ProblemDetails with a stable code (401 <see cref="MediaErrorCodes.Unauthenticated"/>,
    /// 403 <see cref="MediaErrorCodes.Forbidden"/>) instead of a redirect to a sign-in page.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Maps the policies to the host's roles, such as <c>o.ManageRoles.Add("Admin")</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddMediaKitAuthorization(this IServiceCollection services, Action<MediaKitAuthorizationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new MediaKitAuthorizationOptions();
        configure?.Invoke(options);
        services.AddAuthorization(options.AddPolicies);
        services.TryAddSingleton<MediaKitAuthorizationMarker>();

        // Reviewers (who see files pending review or rejected) are the holders of the Approve policy, unless the host chose its own rule.
        if (services.LastOrDefault(d => d.ServiceType == typeof(IMediaReviewerAccessor)) is not { } reviewers || reviewers.ImplementationType == typeof(MediaKit.Internal.NoReviewerAccessor))
        {
            services.AddHttpContextAccessor();
            services.TryAddScoped<MediaKitUser>();
            services.RemoveAll<IMediaReviewerAccessor>();
            services.AddScoped<IMediaReviewerAccessor, PolicyReviewerAccessor>();
        }

        // Decorate the result handler (once): MediaKit endpoints answer problems, every other endpoint keeps the host's behaviour.
        if (!services.Any(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler) && d.ImplementationType == typeof(MediaAuthorizationResultHandler)))
        {
            var inner = services.LastOrDefault(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler));
            services.RemoveAll<IAuthorizationMiddlewareResultHandler>();
            if (inner is not null)
            {
                services.Add(ServiceDescriptor.Describe(typeof(InnerAuthorizationResultHandler), sp => new InnerAuthorizationResultHandler(Resolve(sp, inner)), ServiceLifetime.Singleton));
            }
            else
            {
                services.AddSingleton(new InnerAuthorizationResultHandler(new AuthorizationMiddlewareResultHandler()));
            }

            services.AddSingleton<IAuthorizationMiddlewareResultHandler, MediaAuthorizationResultHandler>();
        }

        return services;
    }

    /// <summary>
    /// Registers the ASP.NET Core rate-limiting policy <see cref="MediaKitUploadRateLimitOptions.RateLimitPolicyName"/>,
    /// which <c>MapMediaKit</c> then puts on <c>POST /upload</c>. Refused requests answer 429 with
    /// <see cref="MediaErrorCodes.RateLimited"/> and <c>Retry-After</c>. The host calls <c>app.UseRateLimiter()</c>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Tunes the limit.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddMediaKitRateLimiting(this IServiceCollection services, Action<MediaKitUploadRateLimitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<MediaKitUploadRateLimitOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.Validate(o => o.PermitLimit > 0 && o.Window > TimeSpan.Zero && o.QueueLimit >= 0, "MediaKit: the upload rate limit needs PermitLimit > 0, Window > 0 and QueueLimit >= 0.").ValidateOnStart();
        if (!services.Any(d => d.ServiceType == typeof(MediaUploadRateLimitPolicy)))
        {
            services.AddSingleton<MediaUploadRateLimitPolicy>();
            services.AddRateLimiter(o => o.AddPolicy<string, MediaUploadRateLimitPolicy>(MediaKitUploadRateLimitOptions.RateLimitPolicyName));
        }

        return services;
    }

    /// <summary>
    /// Takes the tenant of every MediaKit call from a claim of the signed-in user (<see cref="MediaKitTenantClaimOptions.ClaimType"/>,
    /// such as the user's organization) and the uploader and audit actor from the user's id claim. Replaces the default
    /// single-tenant accessor; a host with another rule registers its own <see cref="IMediaTenantAccessor"/> instead.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMediaKit</c>.</param>
    /// <param name="configure">Sets the claim types and the fallback for anonymous requests.</param>
    /// <returns>The builder.</returns>
    public static IMediaKitBuilder UseTenantClaim(this IMediaKitBuilder builder, Action<MediaKitTenantClaimOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<MediaKitTenantClaimOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => !string.IsNullOrWhiteSpace(o.ClaimType) && !string.IsNullOrWhiteSpace(o.UserIdClaimType), "MediaKit: UseTenantClaim needs a ClaimType and a UserIdClaimType.").ValidateOnStart();
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddScoped<MediaKitUser>();
        builder.Services.Replace(ServiceDescriptor.Scoped<IMediaTenantAccessor, ClaimsTenantAccessor>());
        builder.Services.Replace(ServiceDescriptor.Scoped<IMediaActorAccessor, ClaimsActorAccessor>());
        return builder;
    }

    private static IAuthorizationMiddlewareResultHandler Resolve(IServiceProvider services, ServiceDescriptor descriptor)
        => descriptor switch
        {
            { ImplementationInstance: IAuthorizationMiddlewareResultHandler instance } => instance,
            { ImplementationFactory: { } factory } => (IAuthorizationMiddlewareResultHandler)factory(services),
            { ImplementationType: { } type } => (IAuthorizationMiddlewareResultHandler)ActivatorUtilities.CreateInstance(services, type),
            _ => new AuthorizationMiddlewareResultHandler(),
        };
}
