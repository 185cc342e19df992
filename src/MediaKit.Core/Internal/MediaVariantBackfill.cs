using MediaKit.Catalog;
using MediaKit.Processing;
using MediaKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MediaKit.Internal;

/// <summary>
/// The variant backfill. Each collection is one job (<c>media.variants:{collection}</c>) claimed through the catalog's lease
/// table, renewed between batches, so two instances never generate the same asset's variants at once.
/// </summary>
internal sealed partial class MediaVariantBackfill(
    IServiceProvider services,
    IMediaMaintenanceCatalog maintenance,
    IMediaCatalog catalog,
    IMediaBlobStores stores,
    IEnumerable<IMediaProcessor> processors,
    TimeProvider time,
    IOptions<MediaKitOptions> options,
    ILogger<MediaVariantBackfill>? logger = null) : IMediaVariantBackfill
{
    internal const string JobPrefix = "media.variants:";

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly ILogger _logger = logger ?? NullLogger<MediaVariantBackfill>.Instance;

    public async Task<MediaVariantBackfillReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var variantCatalog = services.GetService<IMediaVariantCatalog>()
            ?? throw new InvalidOperationException("The variant backfill needs a catalog that implements IMediaVariantCatalog (UseEntityFrameworkCore registers one).");
        var settings = options.Value.VariantBackfill;
        var report = new MediaVariantBackfillReport(0, 0, 0, 0, 0);
        foreach (var collection in options.Value.Collections)
        {
            if ((!collection.Variants.Enabled || collection.Variants.Count == 0) && !collection.Variants.Placeholder)
            {
                continue;
            }

            var job = JobPrefix + collection.Name;
            if (!await RenewAsync(job, settings, cancellationToken))
            {
                Log.Skipped(_logger, collection.Name);
                report = report with { CollectionsSkipped = report.CollectionsSkipped + 1 };
                continue;
            }

            try
            {
                Guid? after = null;
                while (true)
                {
                    var batch = await variantCatalog.FindLiveAssetsAsync(collection.Name, after, settings.BatchSize, cancellationToken);
                    foreach (var asset in batch)
                    {
                        report = await BackfillAsync(asset, collection, report, cancellationToken);
                    }

                    if (batch.Count < settings.BatchSize)
                    {
                        break;
                    }

                    after = batch[^1].Id;
                    if (!await RenewAsync(job, settings, cancellationToken))
                    {
                        // Our claim ran out and another instance took the collection over: it continues from the start.
                        Log.LeaseLost(_logger, collection.Name);
                        break;
                    }
                }
            }
            finally
            {
                await maintenance.ReleaseLeaseAsync(job, _owner, CancellationToken.None);
            }
        }

        if (report.VariantsGenerated > 0 || report.AssetsFailed > 0)
        {
            Log.Ran(_logger, report.AssetsUpdated, report.VariantsGenerated, report.AssetsFailed);
        }

        return report;
    }

    private async Task<MediaVariantBackfillReport> BackfillAsync(MediaAsset asset, MediaCollectionOptions collection, MediaVariantBackfillReport report, CancellationToken cancellationToken)
    {
        report = report with { AssetsExamined = report.AssetsExamined + 1 };
        var existing = asset.Variants.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var wanted = collection.Variants.For(asset.ContentType);
        var wantsPlaceholder = asset.Placeholder is null && asset.Kind == MediaKind.Image;
        if (!wanted.Any(d => !existing.Contains(d.Name)) && !wantsPlaceholder)
        {
            return report;
        }

        var generator = new MediaVariantGenerator(stores.Get(asset.StoreName), processors, time, _logger);
        MediaVariantGenerator.MediaVariantRun? run = null;
        try
        {
            run = await generator.GenerateAsync(asset.Id, asset.CreatedAt, asset.Version, asset.StorageKey, asset.ContentType, asset.Length, collection, existing, wantsPlaceholder, cancellationToken);
            if (run.Variants.Count == 0 && run.Placeholder is null)
            {
                return report;
            }

            MediaVariantGenerator.ApplyVariants(asset, run.Variants, replaceAll: false);
            asset.Placeholder ??= run.Placeholder;
            await catalog.UpdateAsync(asset, cancellationToken);
            return report with { AssetsUpdated = report.AssetsUpdated + 1, VariantsGenerated = report.VariantsGenerated + run.Variants.Count };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A corrupt file or a concurrent change (the asset was replaced meanwhile): nothing of this attempt stays, the next pass retries.
            if (run is not null)
            {
                await run.CompensateAsync();
            }

            Log.AssetFailed(_logger, ex, asset.Id);
            return report with { AssetsFailed = report.AssetsFailed + 1 };
        }
        catch
        {
            if (run is not null)
            {
                await run.CompensateAsync();
            }

            throw;
        }
    }

    private Task<bool> RenewAsync(string job, MediaVariantBackfillOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return maintenance.TryAcquireLeaseAsync(job, _owner, now, now + settings.LeaseDuration, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Variant backfill updated {Assets} assets with {Variants} variants; {Failed} failed")]
        public static partial void Ran(ILogger logger, int assets, int variants, int failed);

        [LoggerMessage(EventId = 1602, Level = LogLevel.Debug, Message = "Variant backfill of collection {Collection} skipped: another instance holds the lease")]
        public static partial void Skipped(ILogger logger, string collection);

        [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "Variant backfill could not generate the variants of media asset {AssetId}; the next pass retries")]
        public static partial void AssetFailed(ILogger logger, Exception exception, Guid assetId);

        [LoggerMessage(EventId = 1604, Level = LogLevel.Warning, Message = "Variant backfill lost the lease of collection {Collection}; another instance continues")]
        public static partial void LeaseLost(ILogger logger, string collection);

        [LoggerMessage(EventId = 1605, Level = LogLevel.Error, Message = "Variant backfill failed; it runs again after the interval")]
        public static partial void Failed(ILogger logger, Exception exception);
    }

    /// <summary>Runs a pass at startup and then every <see cref="MediaVariantBackfillOptions.Interval"/>, in its own scope.</summary>
    internal sealed class MediaVariantBackfillService(IServiceScopeFactory scopes, TimeProvider time, IOptions<MediaKitOptions> options, ILogger<MediaVariantBackfill>? logger = null)
        : PeriodicMediaJob(time)
    {
        protected override TimeSpan Interval => options.Value.VariantBackfill.Interval;

        protected override async Task RunOnceAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediaVariantBackfill>().RunAsync(cancellationToken);
        }

        protected override void LogFailure(Exception exception) => Log.Failed(logger ?? (ILogger)NullLogger.Instance, exception);
    }
}
