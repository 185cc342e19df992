namespace MediaKit;

/// <summary>
/// Finds and removes what a crash can leave behind: blobs without a record and incomplete writes. Safe to run on
/// several app instances at once: it only removes blobs that no record names and that are older than
/// <see cref="MediaKitOptions.ReconciliationGracePeriod"/>, so uploads in flight are never touched.
/// </summary>
public interface IMediaReconciler
{
    /// <summary>Runs one reconciliation pass over the whole blob store.</summary>
    Task<MediaReconciliationReport> ReconcileAsync(CancellationToken cancellationToken = default);
}

/// <summary>What a reconciliation pass did.</summary>
/// <param name="BlobsScanned">How many blobs were listed.</param>
/// <param name="OrphanBlobsRemoved">How many blobs without a record were removed.</param>
/// <param name="AbandonedWritesRemoved">How many incomplete writes (temporary files, unfinished multipart uploads) were removed.</param>
public sealed record MediaReconciliationReport(long BlobsScanned, long OrphanBlobsRemoved, long AbandonedWritesRemoved);
