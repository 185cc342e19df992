using System.Security.Claims;

namespace MediaKit.Samples.Store.Auth;

/// <summary>One demo user of the sample: a role (seed 004's roles) in one organization (the MediaKit tenant).</summary>
/// <param name="Id">The user id, also the demo bearer token's suffix (<c>Authorization: Bearer demo:{Id}</c>).</param>
/// <param name="Name">The display name.</param>
/// <param name="Role">The role.</param>
/// <param name="Organization">The organization, which is the tenant of the media library.</param>
public sealed record DemoAccount(string Id, string Name, string Role, string Organization)
{
    /// <summary>The claims of a signed-in demo user.</summary>
    public ClaimsPrincipal ToPrincipal(string authenticationType)
        => new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, Id),
                new Claim(ClaimTypes.Name, Name),
                new Claim(ClaimTypes.Role, Role),
                new Claim(DemoAccounts.OrganizationClaim, Organization),
            ],
            authenticationType,
            ClaimTypes.Name,
            ClaimTypes.Role));
}

/// <summary>The sample's demo users: each role of seed 004 in two organizations. Development and tests only.</summary>
public static class DemoAccounts
{
    /// <summary>The claim that holds the user's organization; MediaKit reads the tenant from it.</summary>
    public const string OrganizationClaim = "org";

    /// <summary>The one password of every demo account.</summary>
    public const string Password = "demo";

    /// <summary>The roles, as seed 004 names them.</summary>
    public const string SuperAdmin = "Super Admin", Admin = "Admin", FloorStaff = "Floor Staff", Member = "Member";

    /// <summary>Every demo account.</summary>
    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new("acme-superadmin", "Ada (Acme, Super Admin)", SuperAdmin, "acme"),
        new("acme-admin", "Alan (Acme, Admin)", Admin, "acme"),
        new("acme-staff", "Frida (Acme, Floor Staff)", FloorStaff, "acme"),
        new("acme-member", "Mia (Acme, Member)", Member, "acme"),
        new("globex-superadmin", "Grace (Globex, Super Admin)", SuperAdmin, "globex"),
        new("globex-admin", "Linus (Globex, Admin)", Admin, "globex"),
        new("globex-staff", "Sam (Globex, Floor Staff)", FloorStaff, "globex"),
        new("globex-member", "Max (Globex, Member)", Member, "globex"),
    ];

    /// <summary>The account with this id, or <see langword="null"/>.</summary>
    public static DemoAccount? Find(string? id) => All.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal));
}
