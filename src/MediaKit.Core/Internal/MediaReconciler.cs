using MediaKit.Catalog;
using MediaKit.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MediaKit.Internal;

internal sealed partial class MediaReconciler(
    IMediaCatalog catalog,
    IMediaBlobStores stores,
    TimeProvider time,
    IOptions<MediaKitOptions> options,
    ILogger<MediaReconciler>? logger = null,
    IMediaStoreCatalog? storeCatalog = null) : IMediaReconciler
{
    private readonly ILogger _logger = logger ?? NullLogger<MediaReconciler>.Instance;

    private const int BatchSize = 500;

    public async Task<MediaReconciliationReport> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow() - options.Value.ReconciliationGracePeriod;
        long scanned = 0, removed = 0, abandoned = 0;

        // Every store: a key is known only in the store its asset's record names, so the copies a move left behind (a copy on
        // the target before the switch, the source copy after it) are removed too, once the grace period has passed.
        foreach (var storeName in stores.Names)
        {
            var blobs = stores.Get(storeName);
            if (blobs is IMediaBlobStoreMaintenance maintenance)
            {
                abandoned += await maintenance.RemoveAbandonedWritesAsync(cutoff, cancellationToken);
            }

            var batch = new List<BlobInfo>(BatchSize);
            await foreach (var blob in blobs.ListAsync(prefix: null, cancellationToken))
            {
                scanned++;
                if (blob.LastModified < cutoff)
                {
                    batch.Add(blob);
                }

                if (batch.Count == BatchSize)
                {
                    removed += await RemoveUnknownAsync(storeName, blobs, batch, cancellationToken);
                    batch.Clear();
                }
            }

            removed += await RemoveUnknownAsync(storeName, blobs, batch, cancellationToken);
        }

        Log.Reconciled(_logger, scanned, removed, abandoned);
        return new MediaReconciliationReport(scanned, removed, abandoned);
    }

    private async Task<long> RemoveUnknownAsync(string storeName, IMediaBlobStore blobs, List<BlobInfo> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var keys = batch.ConvertAll(b => b.Key);
        var known = storeCatalog is not null
            ? await storeCatalog.FindKnownStorageKeysAsync(storeName, keys, cancellationToken)
            : await catalog.FindKnownStorageKeysAsync(keys, cancellationToken);
        long removed = 0;
        foreach (var blob in batch)
        {
            if (!known.Contains(blob.Key) && await blobs.DeleteAsync(blob.Key, cancellationToken))
            {
                Log.OrphanBlobRemoved(_logger, blob.Key);
                removed++;
            }
        }

        return removed;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Removed blob {Key}: no media record names it")]
        public static partial void OrphanBlobRemoved(ILogger logger, string key);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Reconciliation scanned {Scanned} blobs, removed {Removed} without a record and {Abandoned} incomplete writes")]
        public static partial void Reconciled(ILogger logger, long scanned, long removed, long abandoned);
    }
}
