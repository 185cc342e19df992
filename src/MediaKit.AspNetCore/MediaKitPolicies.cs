using Microsoft.AspNetCore.Authorization;

namespace MediaKit.AspNetCore;

/// <summary>
/// The names of the authorization policies <c>MapMediaKit</c> puts on its endpoints. The host defines what each one
/// requires (usually roles) with <see cref="MediaKitAuthorizationOptions"/> through
/// <c>services.AddMediaKitAuthorization(...)</c>, or with <c>AddAuthorization(o =&gt; o.AddPolicy(MediaKitPolicies.View, ...))</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="View"/>: list, details, file content through the API, signed URLs.</item>
/// <item><see cref="Upload"/>: <c>POST /upload</c>.</item>
/// <item><see cref="Manage"/>: edit, replace, delete, restore, bulk delete, orphans, CSV export, groups and galleries; a
/// manager may also delete files other people uploaded.</item>
/// <item><see cref="Approve"/>: the review queue, approve and reject.</item>
/// </list>
/// </remarks>
public static class MediaKitPolicies
{
    /// <summary>May list and read assets of the tenant.</summary>
    public const string View = "MediaKit.View";

    /// <summary>May upload files.</summary>
    public const string Upload = "MediaKit.Upload";

    /// <summary>May edit, replace, delete and restore assets, and manage groups and galleries.</summary>
    public const string Manage = "MediaKit.Manage";

    /// <summary>May review pending files: approve or reject them.</summary>
    public const string Approve = "MediaKit.Approve";

    /// <summary>The four policy names.</summary>
    public static IReadOnlyList<string> All { get; } = [View, Upload, Manage, Approve];
}

/// <summary>How the host maps MediaKit's policies (<see cref="MediaKitPolicies"/>) to its users.</summary>
/// <remarks>
/// A policy whose role list and callback are both left empty requires an authenticated user. A role list makes the
/// policy require one of the roles; <see cref="ConfigureView"/> (and the others) add any further requirement.
/// </remarks>
public sealed class MediaKitAuthorizationOptions
{
    /// <summary>The roles allowed to view (<see cref="MediaKitPolicies.View"/>). Empty: any signed-in user.</summary>
    public IList<string> ViewRoles { get; } = [];

    /// <summary>The roles allowed to upload (<see cref="MediaKitPolicies.Upload"/>). Empty: any signed-in user.</summary>
    public IList<string> UploadRoles { get; } = [];

    /// <summary>The roles allowed to manage (<see cref="MediaKitPolicies.Manage"/>). Empty: any signed-in user.</summary>
    public IList<string> ManageRoles { get; } = [];

    /// <summary>The roles allowed to approve (<see cref="MediaKitPolicies.Approve"/>). Empty: any signed-in user.</summary>
    public IList<string> ApproveRoles { get; } = [];

    /// <summary>Adds requirements to the <see cref="MediaKitPolicies.View"/> policy.</summary>
    public Action<AuthorizationPolicyBuilder>? ConfigureView { get; set; }

    /// <summary>Adds requirements to the <see cref="MediaKitPolicies.Upload"/> policy.</summary>
    public Action<AuthorizationPolicyBuilder>? ConfigureUpload { get; set; }

    /// <summary>Adds requirements to the <see cref="MediaKitPolicies.Manage"/> policy.</summary>
    public Action<AuthorizationPolicyBuilder>? ConfigureManage { get; set; }

    /// <summary>Adds requirements to the <see cref="MediaKitPolicies.Approve"/> policy.</summary>
    public Action<AuthorizationPolicyBuilder>? ConfigureApprove { get; set; }

    /// <summary>
    /// The authentication schemes the policies authenticate with; empty (the default) uses the app's default scheme.
    /// List every scheme that may call the API, such as a cookie and a bearer scheme.
    /// </summary>
    public IList<string> AuthenticationSchemes { get; } = [];

    /// <summary>Lets the roles of <paramref name="roles"/> view, upload, manage and approve.</summary>
    /// <param name="roles">The roles.</param>
    /// <returns>These options.</returns>
    public MediaKitAuthorizationOptions AllowAll(params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in roles)
        {
            ViewRoles.Add(role);
            UploadRoles.Add(role);
            ManageRoles.Add(role);
            ApproveRoles.Add(role);
        }

        return this;
    }

    /// <summary>Adds MediaKit's four policies to <paramref name="authorization"/>.</summary>
    /// <param name="authorization">The app's authorization options.</param>
    public void AddPolicies(AuthorizationOptions authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        authorization.AddPolicy(MediaKitPolicies.View, p => Build(p, ViewRoles, ConfigureView));
        authorization.AddPolicy(MediaKitPolicies.Upload, p => Build(p, UploadRoles, ConfigureUpload));
        authorization.AddPolicy(MediaKitPolicies.Manage, p => Build(p, ManageRoles, ConfigureManage));
        authorization.AddPolicy(MediaKitPolicies.Approve, p => Build(p, ApproveRoles, ConfigureApprove));
    }

    private void Build(AuthorizationPolicyBuilder policy, IList<string> roles, Action<AuthorizationPolicyBuilder>? configure)
    {
        foreach (var scheme in AuthenticationSchemes)
        {
            policy.AddAuthenticationSchemes(scheme);
        }

        policy.RequireAuthenticatedUser();
        if (roles.Count > 0)
        {
            policy.RequireRole(roles);
        }

        configure?.Invoke(policy);
    }
}
