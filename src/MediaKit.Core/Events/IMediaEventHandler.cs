namespace MediaKit;

/// <summary>
/// Receives what happened to assets — uploads, review decisions, deletes, share-link accesses — after it was saved.
/// Register handlers with <c>AddMediaKit(...).AddEventHandler&lt;THandler&gt;()</c> (scoped), or as any
/// <see cref="IMediaEventHandler"/> service of the lifetime the host needs (a singleton that pushes live notifications).
/// </summary>
/// <remarks>
/// Handlers run one after the other, in registration order, in the scope and on the flow of the operation that raised the
/// event, after its change was committed: an event is never raised for a change that did not happen. A handler that
/// throws (or is cancelled) is logged and skipped; it never fails or undoes the operation, and the other handlers still
/// run. Long work belongs in a queue the handler writes to. Events are not persisted: a crash between the commit and the
/// handler loses the event, while the audit trail (<see cref="IMediaAuditTrail"/>) keeps the durable record.
/// </remarks>
public interface IMediaEventHandler
{
    /// <summary>Handles one event. Match on its type: <see cref="MediaAssetUploaded"/>, <see cref="MediaAssetApproved"/>,
    /// <see cref="MediaAssetRejected"/>, <see cref="MediaAssetDeleted"/>, <see cref="MediaShareAccessed"/>.</summary>
    /// <param name="mediaEvent">What happened.</param>
    /// <param name="cancellationToken">The operation's token.</param>
    Task HandleAsync(MediaEvent mediaEvent, CancellationToken cancellationToken);
}

/// <summary>Something that happened to an asset, raised to every <see cref="IMediaEventHandler"/> after it was saved.</summary>
/// <param name="TenantId">The tenant of the asset.</param>
/// <param name="AssetId">The asset.</param>
/// <param name="Actor">Who did it (<see cref="IMediaActorAccessor.ActorId"/>, or the uploader), when known.</param>
/// <param name="At">When it happened.</param>
public abstract record MediaEvent(string TenantId, Guid AssetId, string? Actor, DateTimeOffset At);

/// <summary>A file was stored as a new asset (not raised when de-duplication returned an existing one).</summary>
/// <param name="Asset">The new asset; <see cref="MediaAsset.Status"/> tells whether it waits for review.</param>
/// <param name="Actor">The uploader, when known.</param>
/// <param name="At">When it was stored.</param>
public sealed record MediaAssetUploaded(MediaAsset Asset, string? Actor, DateTimeOffset At) : MediaEvent(Asset.TenantId, Asset.Id, Actor, At);

/// <summary>A reviewer approved an asset; it is now <see cref="MediaAssetStatus.Ready"/>.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Note">The reviewer's note, if any.</param>
/// <param name="Actor">The reviewer, when known.</param>
/// <param name="At">When it was approved.</param>
public sealed record MediaAssetApproved(MediaAsset Asset, string? Note, string? Actor, DateTimeOffset At) : MediaEvent(Asset.TenantId, Asset.Id, Actor, At);

/// <summary>A reviewer rejected an asset; it is now <see cref="MediaAssetStatus.Rejected"/>.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Note">The reason given.</param>
/// <param name="Actor">The reviewer, when known.</param>
/// <param name="At">When it was rejected.</param>
public sealed record MediaAssetRejected(MediaAsset Asset, string Note, string? Actor, DateTimeOffset At) : MediaEvent(Asset.TenantId, Asset.Id, Actor, At);

/// <summary>An asset was moved to the trash or purged through <see cref="IMediaStore.DeleteAsync"/>.</summary>
/// <param name="TenantId">The tenant of the asset.</param>
/// <param name="AssetId">The asset.</param>
/// <param name="Mode">Soft delete or purge.</param>
/// <param name="Actor">Who deleted it, when known.</param>
/// <param name="At">When it was deleted.</param>
public sealed record MediaAssetDeleted(string TenantId, Guid AssetId, MediaDeleteMode Mode, string? Actor, DateTimeOffset At) : MediaEvent(TenantId, AssetId, Actor, At);

/// <summary>A share link was used: its file was served to the holder of the link.</summary>
/// <param name="TenantId">The tenant of the shared asset.</param>
/// <param name="AssetId">The shared asset.</param>
/// <param name="ShareLinkId">The link.</param>
/// <param name="Access">What the link allows.</param>
/// <param name="UseCount">How many times the link has been used, this use included.</param>
/// <param name="At">When it was used.</param>
public sealed record MediaShareAccessed(string TenantId, Guid AssetId, Guid ShareLinkId, MediaShareAccess Access, int UseCount, DateTimeOffset At) : MediaEvent(TenantId, AssetId, null, At);
