namespace MediaKit;

/// <summary>
/// Supplies the tenant (organization, store) of the current caller. Every query and every file URL of
/// <see cref="IMediaStore"/> is scoped to it.
/// </summary>
/// <remarks>
/// The default accessor returns <see cref="MediaKitOptions.DefaultTenantId"/> for single-tenant apps.
/// Multi-tenant hosts replace it with one that reads the signed-in user's organization.
/// </remarks>
public interface IMediaTenantAccessor
{
    /// <summary>The current tenant's identifier. Never empty.</summary>
    string TenantId { get; }
}
