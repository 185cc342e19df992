namespace MediaKit.AspNetCore;

/// <summary>
/// The rate limit of <c>POST /upload</c>, registered as the ASP.NET Core rate-limiting policy
/// <see cref="RateLimitPolicyName"/> by <c>services.AddMediaKitRateLimiting()</c>. Each signed-in user (or, when
/// anonymous, each client address) gets a fixed window of <see cref="PermitLimit"/> upload requests.
/// </summary>
/// <remarks>The host must call <c>app.UseRateLimiter()</c> after routing for the policy to apply.</remarks>
public sealed class MediaKitUploadRateLimitOptions
{
    /// <summary>The name of the rate-limiting policy MediaKit puts on its upload endpoint.</summary>
    public const string RateLimitPolicyName = "MediaKit.Upload";

    /// <summary>Upload requests allowed per window and caller. Default 60.</summary>
    public int PermitLimit { get; set; } = 60;

    /// <summary>The window. Default one minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests queued (not refused) once the window's permits are used up. Default 0: refuse at once with 429.</summary>
    public int QueueLimit { get; set; }
}
