using MediaKit.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaKit.Internal;

/// <summary>The default <see cref="IMediaReview"/>: status changes saved with their audit entry, then raised as events.</summary>
internal sealed partial class MediaReview(
    IMediaCatalog catalog,
    MediaAudit audit,
    IMediaTenantAccessor tenant,
    IMediaActorAccessor actor,
    MediaEventPublisher events,
    TimeProvider time,
    ILogger<MediaReview>? logger = null) : IMediaReview
{
    private readonly ILogger _logger = logger ?? NullLogger<MediaReview>.Instance;

    public Task<MediaPage<MediaAsset>> ListPendingAsync(string? collection = null, string? cursor = null, int limit = MediaQuery.DefaultLimit, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > MediaQuery.MaxLimit)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"The page size must be between 1 and {MediaQuery.MaxLimit}.");
        }

        // Oldest first: the queue is worked from the front. Reviewers see every uploader's files.
        return catalog.QueryAsync(tenant.TenantId, new MediaQuery
        {
            Status = MediaAssetStatus.PendingReview,
            Collection = collection,
            Cursor = cursor,
            Limit = limit,
            SortBy = MediaSortBy.CreatedAt,
            Descending = false,
        }, cancellationToken);
    }

    public async Task<MediaAsset?> ApproveAsync(Guid id, string? note = null, CancellationToken cancellationToken = default)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : CheckNote(note.Trim());
        var (asset, changed) = await DecideAsync(id, MediaAssetStatus.Ready, note, MediaAuditActions.Approved, cancellationToken);
        if (changed)
        {
            await events.PublishAsync(new MediaAssetApproved(asset!, note, actor.ActorId, asset!.UpdatedAt), cancellationToken);
        }

        return asset;
    }

    public async Task<MediaAsset?> RejectAsync(Guid id, string note, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, "A rejection needs a note that tells the uploader why.");
        }

        note = CheckNote(note.Trim());
        var (asset, changed) = await DecideAsync(id, MediaAssetStatus.Rejected, note, MediaAuditActions.Rejected, cancellationToken);
        if (changed)
        {
            await events.PublishAsync(new MediaAssetRejected(asset!, note, actor.ActorId, asset!.UpdatedAt), cancellationToken);
        }

        return asset;
    }

    /// <returns>The asset (<see langword="null"/> when missing), and whether it changed: one already in <paramref name="status"/> is left alone, with nothing recorded or raised.</returns>
    private async Task<(MediaAsset? Asset, bool Changed)> DecideAsync(Guid id, MediaAssetStatus status, string? note, string action, CancellationToken cancellationToken)
    {
        var asset = await catalog.FindAsync(tenant.TenantId, id, includeDeleted: false, cancellationToken);
        if (asset is null || asset.Status == status)
        {
            return (asset, false);
        }

        var previous = asset.Status;
        asset.Status = status;
        asset.ReviewNote = note;
        asset.UpdatedAt = time.GetUtcNow();
        audit.Record(asset, action, new { Note = note, Previous = previous.ToString() });
        await catalog.UpdateAsync(asset, cancellationToken);
        Log.Decided(_logger, id, status);
        return (asset, true);
    }

    private static string CheckNote(string note)
        => note.Length > IMediaReview.MaxNoteLength || note.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')
            ? throw new MediaException(MediaErrorCodes.InvalidRequest, $"A review note has at most {IMediaReview.MaxNoteLength} characters and no control characters.")
            : note;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1931, Level = LogLevel.Information, Message = "Media asset {AssetId} reviewed: {Status}")]
        public static partial void Decided(ILogger logger, Guid assetId, MediaAssetStatus status);
    }
}
