namespace MediaKit.Internal;

/// <summary>The rule of seed 003: files pending review or rejected are shown only to their uploader and to reviewers.</summary>
internal sealed class MediaReviewVisibility(IMediaActorAccessor actor, IMediaReviewerAccessor reviewers)
{
    /// <summary>The caller's id (<see cref="IMediaActorAccessor.ActorId"/>), when known.</summary>
    public string? ActorId => actor.ActorId;

    /// <summary>Whether the caller may see <paramref name="asset"/>; the reviewer check runs only for someone else's unreviewed file.</summary>
    public async ValueTask<bool> CanSeeAsync(MediaAsset asset, CancellationToken cancellationToken)
        => asset.Status == MediaAssetStatus.Ready
           || (actor.ActorId is { Length: > 0 } me && string.Equals(asset.UploadedBy, me, StringComparison.Ordinal))
           || await reviewers.IsReviewerAsync(cancellationToken);

    /// <summary>The query with <see cref="MediaQuery.UnreviewedVisibleTo"/> set for the caller, whatever the caller set.</summary>
    public async ValueTask<MediaQuery> ScopeAsync(MediaQuery query, CancellationToken cancellationToken)
    {
        if (query.Status == MediaAssetStatus.Ready || await reviewers.IsReviewerAsync(cancellationToken))
        {
            return query with { UnreviewedVisibleTo = null };
        }

        // An unknown caller sees no unreviewed file: the empty string is no uploader's id.
        return query with { UnreviewedVisibleTo = actor.ActorId ?? "" };
    }
}

/// <summary>The default reviewer accessor: nobody is a reviewer.</summary>
internal sealed class NoReviewerAccessor : IMediaReviewerAccessor
{
    public ValueTask<bool> IsReviewerAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(false);
}
