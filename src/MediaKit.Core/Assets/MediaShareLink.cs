namespace MediaKit;

/// <summary>What a share link allows its holder to do.</summary>
public enum MediaShareAccess
{
    /// <summary>View the file inline.</summary>
    View = 0,

    /// <summary>Download the file as an attachment.</summary>
    Download = 1,
}

/// <summary>A public, expiring link to one asset (seed 003's share links).</summary>
public class MediaShareLink
{
    /// <summary>The link's identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant of the shared asset.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The shared asset.</summary>
    public Guid AssetId { get; set; }

    /// <summary>The SHA-256 of the link's token; the token itself is never stored.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>What the link allows.</summary>
    public MediaShareAccess Access { get; set; }

    /// <summary>When the link stops working.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>How many times the link may be used; <see langword="null"/> for no limit.</summary>
    public int? MaxUses { get; set; }

    /// <summary>How many times the link was used.</summary>
    public int UseCount { get; set; }

    /// <summary>Who created the link.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>When the link was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the link was revoked; <see langword="null"/> while it is active.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>One entry of the audit trail: who did what to which asset, and when.</summary>
public class MediaAuditEntry
{
    /// <summary>The entry's identifier (time-ordered).</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant in which the action happened.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The asset concerned, when the action concerns one.</summary>
    public Guid? AssetId { get; set; }

    /// <summary>What happened, such as <c>asset.uploaded</c> or <c>asset.deleted</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>Who did it, when known.</summary>
    public string? Actor { get; set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Details of the change as a short JSON document, without file contents or secrets.</summary>
    public string? Details { get; set; }
}
