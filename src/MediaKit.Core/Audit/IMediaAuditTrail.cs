namespace MediaKit;

/// <summary>
/// The audit trail of the current tenant: who did what to which asset, and when. MediaKit writes an entry for every
/// change it makes to an asset (upload, replace, edit, delete, restore, purge, and the cleanup job's changes) in the
/// same database transaction as the change.
/// </summary>
public interface IMediaAuditTrail
{
    /// <summary>The entries of one asset (or of the whole tenant when <paramref name="assetId"/> is <see langword="null"/>), newest first, one page at a time.</summary>
    /// <exception cref="MediaException">The cursor or the limit is invalid (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaPage<MediaAuditEntry>> ListAsync(Guid? assetId = null, string? cursor = null, int limit = MediaQuery.DefaultLimit, CancellationToken cancellationToken = default);
}

/// <summary>Supplies who is acting (the signed-in user's id) for the audit trail. The default knows nobody (<see langword="null"/>).</summary>
public interface IMediaActorAccessor
{
    /// <summary>The acting user's id, or <see langword="null"/> when unknown.</summary>
    string? ActorId { get; }
}

/// <summary>The actions MediaKit records in the audit trail.</summary>
public static class MediaAuditActions
{
#pragma warning disable CS1591 // The constants are the action names themselves.
    public const string Uploaded = "asset.uploaded";
    public const string Replaced = "asset.replaced";
    public const string Updated = "asset.updated";
    public const string Deleted = "asset.deleted";
    public const string Restored = "asset.restored";
    public const string Purged = "asset.purged";
    public const string Expired = "asset.expired";
    public const string Moved = "asset.moved";
    public const string OrphanDeleted = "asset.orphan_deleted";
    public const string Approved = "asset.approved";
    public const string Rejected = "asset.rejected";
    public const string ShareCreated = "share.created";
    public const string ShareRevoked = "share.revoked";
    public const string ShareAccessed = "share.accessed";
#pragma warning restore CS1591
}
