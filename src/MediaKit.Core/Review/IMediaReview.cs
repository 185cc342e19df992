namespace MediaKit;

/// <summary>
/// The review workflow of the current tenant (seed 003): the queue of files waiting for a reviewer, and the decision on
/// each. Uploads whose type a collection lists in <see cref="MediaCollectionOptions.ReviewTypes"/> (and not in
/// <see cref="MediaCollectionOptions.AutoApproveTypes"/>) start as <see cref="MediaAssetStatus.PendingReview"/>.
/// </summary>
/// <remarks>
/// The caller authorizes: <c>MapMediaKit</c> puts these operations behind the <c>MediaKit.Approve</c> policy; a host that
/// calls this service itself checks its own rule first. Every decision is written to the audit trail in the same save
/// (<see cref="MediaAuditActions.Approved"/>, <see cref="MediaAuditActions.Rejected"/>) and raised as an event
/// (<see cref="MediaAssetApproved"/>, <see cref="MediaAssetRejected"/>) after it is saved.
/// </remarks>
public interface IMediaReview
{
    /// <summary>The live assets waiting for review, oldest first (a queue), one keyset page at a time.</summary>
    /// <param name="collection">Only this collection, or every collection when <see langword="null"/>.</param>
    /// <param name="cursor">The <see cref="MediaPage{T}.NextCursor"/> of the previous page.</param>
    /// <param name="limit">The page size, 1 to <see cref="MediaQuery.MaxLimit"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="MediaException">The cursor or limit is invalid (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaPage<MediaAsset>> ListPendingAsync(string? collection = null, string? cursor = null, int limit = MediaQuery.DefaultLimit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Approves a live asset: it becomes <see cref="MediaAssetStatus.Ready"/> and visible to everyone allowed to see the
    /// collection. A rejected asset may be approved later; approving a ready asset changes nothing and records nothing.
    /// </summary>
    /// <param name="id">The asset.</param>
    /// <param name="note">An optional note for the uploader, at most <see cref="MaxNoteLength"/> characters.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The asset, or <see langword="null"/> when it does not exist in the current tenant or is in the trash.</returns>
    /// <exception cref="MediaException">The note is too long (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaAsset?> ApproveAsync(Guid id, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rejects a live asset with a reason: it becomes <see cref="MediaAssetStatus.Rejected"/>, is served to nobody but its
    /// uploader and reviewers, and keeps its bytes (and its place in its owner's quota) until it is deleted. A ready asset
    /// may be rejected too (taken down); rejecting a rejected asset changes nothing and records nothing.
    /// </summary>
    /// <param name="id">The asset.</param>
    /// <param name="note">The reason, shown to the uploader: required, at most <see cref="MaxNoteLength"/> characters.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The asset, or <see langword="null"/> when it does not exist in the current tenant or is in the trash.</returns>
    /// <exception cref="MediaException">The note is empty or too long (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaAsset?> RejectAsync(Guid id, string note, CancellationToken cancellationToken = default);

    /// <summary>The longest review note, in characters.</summary>
    const int MaxNoteLength = 2048;
}

/// <summary>
/// Tells whether the current caller is a reviewer: reviewers see files that are pending review or rejected, which
/// everybody else but their uploader (<see cref="IMediaActorAccessor.ActorId"/> equal to <see cref="MediaAsset.UploadedBy"/>)
/// is refused — <see cref="IMediaStore.FindAsync"/>, <see cref="IMediaStore.QueryAsync"/> and
/// <see cref="IMediaStore.OpenReadAsync"/> behave as if such an asset did not exist.
/// </summary>
/// <remarks>
/// The default knows no reviewer. <c>MediaKit.AspNetCore</c>'s <c>AddMediaKitAuthorization</c> registers one that evaluates
/// the <c>MediaKit.Approve</c> policy for the signed-in user; other hosts register their own (scoped or singleton).
/// It is asked only when an unreviewed asset of somebody else is about to be shown.
/// </remarks>
public interface IMediaReviewerAccessor
{
    /// <summary>Whether the current caller may see and decide on files under review.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    ValueTask<bool> IsReviewerAsync(CancellationToken cancellationToken = default);
}
