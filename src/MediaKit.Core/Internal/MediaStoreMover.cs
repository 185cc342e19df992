using System.Security.Cryptography;
using MediaKit.Catalog;
using MediaKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MediaKit.Internal;

/// <summary>
/// Moves assets between stores, one asset at a time per worker: claim, copy and verify, switch the record, then delete the
/// source copies. Each asset gets its own scope (and so its own catalog context), so workers run in parallel.
/// </summary>
internal sealed partial class MediaStoreMover(
    IServiceScopeFactory scopes,
    IMediaBlobStores stores,
    TimeProvider time,
    IOptions<MediaKitOptions> options,
    ILogger<MediaStoreMover>? logger = null) : IMediaStoreMover
{
    /// <summary>The actor recorded in the audit trail for moves.</summary>
    internal const string Actor = "system:move";

    // A changed asset is copied again; an asset that keeps changing is left for the next run.
    private const int MaxAttempts = 3;

    // One name per mover, so a claim is never mistaken for another instance's.
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly ILogger _logger = logger ?? NullLogger<MediaStoreMover>.Instance;

    /// <summary>Test seam: runs after an asset's files were copied and verified, before the switch is saved.</summary>
    internal Func<MediaAsset, CancellationToken, Task>? AfterCopy { get; set; }

    /// <summary>Test seam: runs after the switch was saved, before the source copies are deleted.</summary>
    internal Func<MediaAsset, CancellationToken, Task>? AfterSwitch { get; set; }

    public async Task<long> CountAssetsAsync(string storeName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storeName);
        await using var scope = scopes.CreateAsyncScope();
        return await StoreCatalog(scope).CountAssetsOnStoreAsync(storeName, cancellationToken);
    }

    public async Task<MediaStoreMoveReport> MoveAsync(string sourceStore, string targetStore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceStore);
        ArgumentNullException.ThrowIfNull(targetStore);
        if (sourceStore == targetStore)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"A move needs two different stores; both are '{sourceStore}'.");
        }

        var source = stores.Get(sourceStore);
        var target = stores.Get(targetStore);
        var settings = options.Value.Storage;
        var totals = new Totals();
        Guid? after = null;
        Log.Started(_logger, sourceStore, targetStore);
        while (true)
        {
            IReadOnlyList<Guid> ids;
            await using (var scope = scopes.CreateAsyncScope())
            {
                ids = await StoreCatalog(scope).FindAssetIdsOnStoreAsync(sourceStore, after, settings.MoveBatchSize, cancellationToken);
            }

            if (ids.Count == 0)
            {
                break;
            }

            after = ids[^1];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.MoveConcurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(ids, parallel, async (id, token) =>
            {
                try
                {
                    await MoveClaimedAsync(id, sourceStore, targetStore, source, target, totals, token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // One asset's failure leaves it on the source for the next run; the move goes on with the others.
                    Interlocked.Increment(ref totals.Failed);
                    Log.AssetFailed(_logger, ex, id, sourceStore, targetStore);
                }
            });
        }

        var report = new MediaStoreMoveReport(totals.Moved, totals.Retried, totals.Skipped, totals.Failed, totals.Files, totals.Bytes);
        Log.Finished(_logger, sourceStore, targetStore, report.Moved, report.Skipped, report.Failed);
        return report;
    }

    private async Task MoveClaimedAsync(Guid id, string sourceStore, string targetStore, IMediaBlobStore source, IMediaBlobStore target, Totals totals, CancellationToken cancellationToken)
    {
        var claim = $"media.move/{id:N}";
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = time.GetUtcNow();
            if (!await scope.ServiceProvider.GetRequiredService<IMediaMaintenanceCatalog>().TryAcquireLeaseAsync(claim, _owner, now, now + options.Value.Storage.MoveClaimDuration, cancellationToken))
            {
                Interlocked.Increment(ref totals.Skipped);
                return;
            }
        }

        try
        {
            await MoveOneAsync(id, sourceStore, targetStore, source, target, totals, cancellationToken);
        }
        finally
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediaMaintenanceCatalog>().ReleaseLeaseAsync(claim, _owner, CancellationToken.None);
        }
    }

    private async Task MoveOneAsync(Guid id, string sourceStore, string targetStore, IMediaBlobStore source, IMediaBlobStore target, Totals totals, CancellationToken cancellationToken)
    {
        // Every key written to the target by this move of this asset, so copies that end up unused can be removed.
        var copied = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var catalog = StoreCatalog(scope);
            var asset = await catalog.FindAssetAsync(id, cancellationToken);
            if (asset is null || asset.StoreName != sourceStore)
            {
                // Purged, or moved by someone else: copies made for it are unused, unless the asset is now on the target
                // and names them.
                if (asset is null || asset.StoreName != targetStore)
                {
                    await RemoveCopiesAsync(target, copied, keep: new HashSet<string>());
                }

                Interlocked.Increment(ref totals.Skipped);
                return;
            }

            if (attempt > MaxAttempts)
            {
                throw new MediaException(MediaErrorCodes.CatalogFailed, $"Asset {id} changed during each of {MaxAttempts} copies; it stays on '{sourceStore}' until the next run.");
            }

            var files = FilesOf(asset);
            foreach (var file in files)
            {
                var length = await CopyAsync(source, target, file, cancellationToken);
                copied.Add(file.Key);
                Interlocked.Increment(ref totals.Files);
                Interlocked.Add(ref totals.Bytes, length);
            }

            if (AfterCopy is { } afterCopy)
            {
                await afterCopy(asset, cancellationToken);
            }

            scope.ServiceProvider.GetRequiredService<MediaAudit>().Record(
                asset, MediaAuditActions.Moved, new { From = sourceStore, To = targetStore, Files = files.Count }, Actor);
            if (!await catalog.TrySwitchStoreAsync(asset, targetStore, cancellationToken))
            {
                // Changed (edited, replaced, deleted, purged) since it was read: read it again and copy what it has now.
                Interlocked.Increment(ref totals.Retried);
                Log.ChangedDuringCopy(_logger, id);
                continue;
            }

            Interlocked.Increment(ref totals.Moved);
            if (AfterSwitch is { } afterSwitch)
            {
                await afterSwitch(asset, cancellationToken);
            }

            // Only now that the record names the target may the source copies go. Not cancellable: a cancelled run must not
            // leave them behind for no reason. A failure leaves them for reconciliation, which knows they belong to no record there.
            var keep = files.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var key in keep)
            {
                await DeleteQuietlyAsync(source, key);
            }

            await RemoveCopiesAsync(target, copied, keep);
            Log.Moved(_logger, id, sourceStore, targetStore, files.Count);
            return;
        }
    }

    private static List<StoredFile> FilesOf(MediaAsset asset)
    {
        var files = new List<StoredFile> { new(asset.StorageKey, asset.ContentType, asset.Sha256) };
        files.AddRange(asset.PreviousVersions.Select(v => new StoredFile(v.StorageKey, v.ContentType, v.Sha256)));
        files.AddRange(asset.Variants.Select(v => new StoredFile(v.StorageKey, v.ContentType, null)));
        return files;
    }

    /// <summary>Copies one file, hashing the source as it streams, then reads the copy back from the target and compares.</summary>
    /// <returns>The number of bytes copied.</returns>
    private static async Task<long> CopyAsync(IMediaBlobStore source, IMediaBlobStore target, StoredFile file, CancellationToken cancellationToken)
    {
        string sourceHash;
        long length;
        await using (var stream = await source.OpenReadAsync(file.Key, range: null, cancellationToken)
            ?? throw new MediaException(MediaErrorCodes.StorageFailed, $"The file {file.Key} is missing from the source store; the asset is not moved."))
        {
            using var hashing = new HashingReadStream(stream);

            // Overwrite: a copy left by an interrupted run is replaced, never trusted.
            await target.WriteAsync(file.Key, hashing, new BlobWriteOptions { ContentType = file.ContentType, Overwrite = true }, cancellationToken);
            sourceHash = hashing.GetHashHex();
            length = hashing.BytesRead;
        }

        if (file.Sha256 is { Length: > 0 } recorded && !string.Equals(recorded, sourceHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new MediaException(MediaErrorCodes.StorageFailed, $"The file {file.Key} on the source store does not match its recorded SHA-256; the asset is not moved.");
        }

        string targetHash;
        await using (var copy = await target.OpenReadAsync(file.Key, range: null, cancellationToken)
            ?? throw new MediaException(MediaErrorCodes.StorageFailed, $"The copy of {file.Key} is missing from the target store right after it was written."))
        {
            targetHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(copy, cancellationToken));
        }

        if (targetHash != sourceHash)
        {
            throw new MediaException(MediaErrorCodes.StorageFailed, $"The copy of {file.Key} on the target store does not match the source (SHA-256); the asset is not moved.");
        }

        return length;
    }

    private async Task RemoveCopiesAsync(IMediaBlobStore target, HashSet<string> copied, IReadOnlySet<string> keep)
    {
        foreach (var key in copied.Where(k => !keep.Contains(k)))
        {
            await DeleteQuietlyAsync(target, key);
        }
    }

    private async Task DeleteQuietlyAsync(IMediaBlobStore store, string key)
    {
        try
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.CopyNotRemoved(_logger, ex, key);
        }
    }

    private static IMediaStoreCatalog StoreCatalog(AsyncServiceScope scope)
        => scope.ServiceProvider.GetService<IMediaStoreCatalog>()
            ?? throw new InvalidOperationException("MediaKit: moving between stores needs a catalog that implements IMediaStoreCatalog; UseEntityFrameworkCore<TContext>() registers one.");

    private sealed record StoredFile(string Key, string ContentType, string? Sha256);

    private sealed class Totals
    {
        public int Moved;
        public int Retried;
        public int Skipped;
        public int Failed;
        public int Files;
        public long Bytes;
    }

    /// <summary>Reads through to the source and hashes every byte on the way.</summary>
    private sealed class HashingReadStream(Stream inner) : ReadOnlyStream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long BytesRead { get; private set; }

        public string GetHashHex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            _hash.AppendData(buffer[..read]);
            BytesRead += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            _hash.AppendData(buffer.Span[..read]);
            BytesRead += read;
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Moving assets from store {Source} to store {Target}")]
        public static partial void Started(ILogger logger, string source, string target);

        [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Move from store {Source} to store {Target} finished: {Moved} moved, {Skipped} skipped, {Failed} failed")]
        public static partial void Finished(ILogger logger, string source, string target, int moved, int skipped, int failed);

        [LoggerMessage(EventId = 1703, Level = LogLevel.Debug, Message = "Moved media asset {AssetId} from store {Source} to store {Target} ({Files} files)")]
        public static partial void Moved(ILogger logger, Guid assetId, string source, string target, int files);

        [LoggerMessage(EventId = 1704, Level = LogLevel.Warning, Message = "Could not move media asset {AssetId} from store {Source} to store {Target}; it stays on the source and the next run tries again")]
        public static partial void AssetFailed(ILogger logger, Exception exception, Guid assetId, string source, string target);

        [LoggerMessage(EventId = 1705, Level = LogLevel.Debug, Message = "Media asset {AssetId} changed while it was being copied; copying it again")]
        public static partial void ChangedDuringCopy(ILogger logger, Guid assetId);

        [LoggerMessage(EventId = 1706, Level = LogLevel.Warning, Message = "Could not remove blob {Key} after a move; reconciliation will remove it")]
        public static partial void CopyNotRemoved(ILogger logger, Exception exception, string key);

        [LoggerMessage(EventId = 1707, Level = LogLevel.Error, Message = "Moving assets from store {Source} to store {Target} failed; it runs again after the interval")]
        public static partial void RunFailed(ILogger logger, Exception exception, string source, string target);
    }

    /// <summary>Runs a move at startup and then every <see cref="MediaStorageOptions.MoveInterval"/>.</summary>
    internal sealed class MoveService(IMediaStoreMover mover, string sourceStore, string targetStore, TimeProvider time, IOptions<MediaKitOptions> options, ILogger<MediaStoreMover>? logger = null)
        : PeriodicMediaJob(time)
    {
        protected override TimeSpan Interval => options.Value.Storage.MoveInterval;

        protected override Task RunOnceAsync(CancellationToken cancellationToken) => mover.MoveAsync(sourceStore, targetStore, cancellationToken);

        protected override void LogFailure(Exception exception) => Log.RunFailed(logger ?? (ILogger)NullLogger.Instance, exception, sourceStore, targetStore);
    }
}
