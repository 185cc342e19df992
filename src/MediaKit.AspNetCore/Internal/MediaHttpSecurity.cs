using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MediaKit.AspNetCore.Internal;

/// <summary>Shows that <c>AddMediaKitAuthorization</c> ran, so <c>MapMediaKit</c> can put its policies on the endpoints.</summary>
internal sealed class MediaKitAuthorizationMarker;

/// <summary>Endpoint metadata marking the routes of <c>MapMediaKit</c>.</summary>
internal sealed class MediaKitEndpointMarker
{
    public static readonly MediaKitEndpointMarker Instance = new();
}

/// <summary>The result handler the host had before MediaKit decorated it.</summary>
internal sealed class InnerAuthorizationResultHandler(IAuthorizationMiddlewareResultHandler inner)
{
    public IAuthorizationMiddlewareResultHandler Handler { get; } = inner;
}

/// <summary>
/// Answers refused MediaKit requests with a ProblemDetails and a stable code, without the redirect a cookie scheme would
/// answer with; every other endpoint is handled as before.
/// </summary>
internal sealed class MediaAuthorizationResultHandler(InnerAuthorizationResultHandler inner) : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || context.GetEndpoint()?.Metadata.GetMetadata<MediaKitEndpointMarker>() is null)
        {
            return inner.Handler.HandleAsync(next, context, policy, authorizeResult);
        }

        return authorizeResult.Challenged
            ? MediaProblems.Problem(MediaErrorCodes.Unauthenticated, "Sign in to use the media library.", StatusCodes.Status401Unauthorized).ExecuteAsync(context)
            : MediaProblems.Problem(MediaErrorCodes.Forbidden, "You do not have permission to do this in the media library.", StatusCodes.Status403Forbidden).ExecuteAsync(context);
    }
}

/// <summary>A fixed window of upload requests per user (or per client address when anonymous).</summary>
internal sealed class MediaUploadRateLimitPolicy(IOptions<MediaKitUploadRateLimitOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = static async (rejected, cancellationToken) =>
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
        if (retryAfter is { } after)
        {
            rejected.HttpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await MediaProblems.Problem(MediaErrorCodes.RateLimited, "Too many uploads; wait a moment and retry.", StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(rejected.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var user = httpContext.User;
        var key = user.Identity?.IsAuthenticated == true
            ? "u:" + (user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity.Name ?? "")
            : "a:" + (httpContext.Connection.RemoteIpAddress ?? IPAddress.None);
        var o = options.Value;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = o.PermitLimit,
            Window = o.Window,
            QueueLimit = o.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}

/// <summary>
/// Validates the antiforgery token of a state-changing request made with ambient browser credentials (a cookie). A request
/// that authenticates with an <c>Authorization: Bearer</c> header is exempt: a browser never adds that header to a
/// cross-site request on its own, which is what antiforgery defends against.
/// </summary>
internal static class MediaAntiforgery
{
    public const string HeaderName = "RequestVerificationToken";

    public static bool NeedsValidation(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return false;
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Without a cookie there is no ambient credential to forge with.
        return request.Headers.Cookie.Count > 0;
    }

    /// <summary>Checks the token from the <c>RequestVerificationToken</c> header; the body is never read for it, so a streamed upload stays streamed.</summary>
    public static async ValueTask<IResult?> ValidateAsync(HttpContext context)
    {
        if (!NeedsValidation(context.Request))
        {
            return null;
        }

        var antiforgery = context.RequestServices.GetService<IAntiforgery>();
        if (antiforgery is null)
        {
            return MediaProblems.Problem(MediaErrorCodes.AntiforgeryFailed, "Cookie-authenticated requests need antiforgery: call services.AddAntiforgery().", StatusCodes.Status400BadRequest);
        }

        if (context.Request.Headers[HeaderName].Count == 0 && !IsUrlEncodedForm(context.Request))
        {
            return Failed();
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Failed();
        }
    }

    private static bool IsUrlEncodedForm(HttpRequest request)
        => MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static IResult Failed() => MediaProblems.Problem(
        MediaErrorCodes.AntiforgeryFailed,
        $"This request is authenticated by a cookie and changes data: send the antiforgery token in the '{HeaderName}' header.",
        StatusCodes.Status400BadRequest);
}
