using MediaKit.Catalog;
using MediaKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MediaKit.Internal;

/// <summary>The cleanup job. One run works in batches and renews its lease between them.</summary>
internal sealed partial class MediaCleanup(
    IMediaMaintenanceCatalog maintenance,
    IMediaCatalog catalog,
    MediaAudit audit,
    IMediaBlobStores stores,
    TimeProvider time,
    IOptions<MediaKitOptions> options,
    ILogger<MediaCleanup>? logger = null,
    IMediaStoreCatalog? storeCatalog = null) : IMediaCleanup
{
    internal const string JobName = "media.cleanup";

    /// <summary>The actor recorded in the audit trail for the job's changes.</summary>
    private const string Actor = "system:cleanup";

    // One name per instance (and per run), so a lease is never mistaken for another instance's.
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly ILogger _logger = logger ?? NullLogger<MediaCleanup>.Instance;

    public async Task<MediaCleanupReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var activity = MediaTelemetry.ActivitySource.StartActivity("mediakit.cleanup");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var report = await RunCoreAsync(cancellationToken);
            MediaTelemetry.CleanupRan(activity, report, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return report;
        }
        catch (Exception ex)
        {
            MediaTelemetry.CleanupFailed(activity, ex, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<MediaCleanupReport> RunCoreAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Cleanup;
        if (!await RenewLeaseAsync(settings, cancellationToken))
        {
            Log.Skipped(_logger);
            return new MediaCleanupReport(true, 0, 0, 0);
        }

        try
        {
            var expired = await SoftDeleteAsync(limit => maintenance.FindExpiredAsync(time.GetUtcNow(), limit, cancellationToken), MediaAuditActions.Expired, settings, cancellationToken);
            var orphans = 0;
            if (settings.DeleteOrphansAfter is { } deleteAfter)
            {
                orphans = await SoftDeleteAsync(limit => maintenance.FindOrphansAsync(null, time.GetUtcNow() - deleteAfter, null, limit, cancellationToken), MediaAuditActions.OrphanDeleted, settings, cancellationToken);
            }

            var purged = 0;
            if (settings.PurgeDeletedAfter is { } purgeAfter)
            {
                while (true)
                {
                    var batch = await maintenance.FindDeletedBeforeAsync(time.GetUtcNow() - purgeAfter, settings.BatchSize, cancellationToken);
                    foreach (var asset in batch)
                    {
                        audit.Record(asset, MediaAuditActions.Purged, new { asset.FileName, Retention = true }, Actor);
                        foreach (var (key, error) in await AssetPurge.PurgeAsync(catalog, stores, asset, cancellationToken))
                        {
                            Log.BytesNotRemoved(_logger, error, key);
                        }
                    }

                    purged += batch.Count;
                    if (batch.Count < settings.BatchSize || !await RenewLeaseAsync(settings, cancellationToken))
                    {
                        break;
                    }
                }
            }

            var versions = 0;
            if (settings.KeepReplacedVersionsFor is { } keepFor)
            {
                while (true)
                {
                    var batch = await maintenance.FindReplacedVersionsAsync(time.GetUtcNow() - keepFor, settings.BatchSize, cancellationToken);
                    foreach (var version in batch)
                    {
                        // A version lives in its asset's store. Record first, bytes second, as for a purge: a failure (or a move of the
                        // asset in between) leaves bytes for reconciliation, never a record without bytes.
                        var storeName = storeCatalog is null ? MediaStorageOptions.DefaultStoreName
                            : await storeCatalog.FindStoreNameAsync(version.AssetId, cancellationToken) ?? MediaStorageOptions.DefaultStoreName;
                        await maintenance.RemoveVersionAsync(version, cancellationToken);
                        try
                        {
                            await stores.Get(storeName).DeleteAsync(version.StorageKey, CancellationToken.None);
                        }
                        catch (Exception ex)
                        {
                            Log.BytesNotRemoved(_logger, ex, version.StorageKey);
                        }
                    }

                    versions += batch.Count;
                    if (batch.Count < settings.BatchSize || !await RenewLeaseAsync(settings, cancellationToken))
                    {
                        break;
                    }
                }
            }

            Log.Ran(_logger, expired, orphans, purged);
            return new MediaCleanupReport(false, expired, orphans, purged, versions);
        }
        finally
        {
            await maintenance.ReleaseLeaseAsync(JobName, _owner, CancellationToken.None);
        }
    }

    private async Task<int> SoftDeleteAsync(Func<int, Task<IReadOnlyList<MediaAsset>>> next, string action, MediaCleanupOptions settings, CancellationToken cancellationToken)
    {
        var count = 0;
        while (true)
        {
            var batch = await next(settings.BatchSize);
            var now = time.GetUtcNow();
            foreach (var asset in batch)
            {
                asset.DeletedAt = now;
                asset.UpdatedAt = now;
                audit.Record(asset, action, actorId: Actor);
                await catalog.UpdateAsync(asset, cancellationToken);
            }

            count += batch.Count;
            if (batch.Count < settings.BatchSize || !await RenewLeaseAsync(settings, cancellationToken))
            {
                return count;
            }
        }
    }

    private Task<bool> RenewLeaseAsync(MediaCleanupOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return maintenance.TryAcquireLeaseAsync(JobName, _owner, now, now + settings.LeaseDuration, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Media cleanup moved {Expired} expired assets and {Orphans} orphans to the trash and purged {Purged}")]
        public static partial void Ran(ILogger logger, int expired, int orphans, int purged);

        [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "Media cleanup skipped: another instance holds the lease")]
        public static partial void Skipped(ILogger logger);

        [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Could not remove blob {Key} of a purged asset; reconciliation will remove it")]
        public static partial void BytesNotRemoved(ILogger logger, Exception exception, string key);

        [LoggerMessage(EventId = 1304, Level = LogLevel.Error, Message = "Media cleanup failed; it runs again after the interval")]
        public static partial void Failed(ILogger logger, Exception exception);
    }

    /// <summary>Runs the job every <see cref="MediaCleanupOptions.Interval"/> in its own scope.</summary>
    internal sealed class MediaCleanupService(IServiceScopeFactory scopes, TimeProvider time, IOptions<MediaKitOptions> options, ILogger<MediaCleanup>? logger = null)
        : PeriodicMediaJob(time)
    {
        protected override TimeSpan Interval => options.Value.Cleanup.Interval;

        protected override async Task RunOnceAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediaCleanup>().RunAsync(cancellationToken);
        }

        protected override void LogFailure(Exception exception) => Log.Failed(logger ?? (ILogger)NullLogger.Instance, exception);
    }
}
