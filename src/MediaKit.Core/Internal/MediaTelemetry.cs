using System.Diagnostics;
using System.Diagnostics.Metrics;
using MediaKit.Diagnostics;
using static MediaKit.Diagnostics.MediaKitDiagnostics;

namespace MediaKit.Internal;

/// <summary>
/// MediaKit's one <see cref="ActivitySource"/> and <see cref="Meter"/> (both named <c>MediaKit</c>) and their instruments. Static, like
/// the runtime's and EF Core's: listeners subscribe by name, and every service provider in the process reports to the same meter.
/// </summary>
internal static class MediaTelemetry
{
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName, typeof(MediaTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter Meter = new(MeterName, typeof(MediaTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Uploads = Meter.CreateCounter<long>(Instruments.Uploads, "{upload}", "Uploads that were stored.");
    private static readonly Counter<long> UploadBytes = Meter.CreateCounter<long>(Instruments.UploadBytes, "By", "Bytes of stored uploads.");
    private static readonly Histogram<double> UploadDuration = Meter.CreateHistogram<double>(Instruments.UploadDuration, "s", "How long uploads took.");
    private static readonly Counter<long> UploadRejections = Meter.CreateCounter<long>(Instruments.UploadRejections, "{upload}", "Uploads refused, by error code.");
    private static readonly Histogram<double> StorageDuration = Meter.CreateHistogram<double>(Instruments.StorageOperationDuration, "s", "How long blob store calls took.");
    private static readonly Counter<long> StorageErrors = Meter.CreateCounter<long>(Instruments.StorageErrors, "{error}", "Blob store calls that failed.");
    private static readonly Histogram<double> VariantDuration = Meter.CreateHistogram<double>(Instruments.VariantDuration, "s", "How long generating variants took.");
    private static readonly Counter<long> CleanupRuns = Meter.CreateCounter<long>(Instruments.CleanupRuns, "{run}", "Cleanup runs.");
    private static readonly Histogram<double> CleanupDuration = Meter.CreateHistogram<double>(Instruments.CleanupDuration, "s", "How long cleanup runs took.");
    private static readonly Counter<long> CleanupAssets = Meter.CreateCounter<long>(Instruments.CleanupAssets, "{asset}", "Assets the cleanup job changed, by action.");

    /// <summary>What goes into <c>error.type</c>: the stable code of a <see cref="MediaException"/>, otherwise the exception's type.</summary>
    public static string ErrorType(Exception exception) => exception switch
    {
        MediaException media => media.Code,
        _ => exception.GetType().FullName ?? exception.GetType().Name,
    };

    public static string KindName(MediaKind kind) => kind switch
    {
        MediaKind.Image => "image",
        MediaKind.Video => "video",
        MediaKind.Audio => "audio",
        MediaKind.Document => "document",
        _ => "other",
    };

    public static Activity? StartUpload(string collection)
    {
        var activity = ActivitySource.StartActivity("mediakit.upload");
        activity?.SetTag(Tags.Collection, collection);
        return activity;
    }

    public static void UploadStored(Activity? activity, MediaAsset asset, TimeSpan elapsed)
    {
        var kind = KindName(asset.Kind);
        var tags = new TagList { { Tags.Collection, asset.Collection }, { Tags.Kind, kind } };
        Uploads.Add(1, tags);
        UploadBytes.Add(asset.Length, tags);
        UploadDuration.Record(elapsed.TotalSeconds, new TagList { { Tags.Collection, asset.Collection }, { Tags.Outcome, "stored" } });
        if (activity is not null)
        {
            activity.SetTag(Tags.AssetId, asset.Id);
            activity.SetTag(Tags.Kind, kind);
            activity.SetTag(Tags.Length, asset.Length);
        }
    }

    public static void UploadFailed(Activity? activity, string collection, Exception exception, TimeSpan elapsed)
    {
        var errorType = ErrorType(exception);
        var rejected = exception is MediaException;
        if (rejected)
        {
            UploadRejections.Add(1, new TagList { { Tags.Collection, collection }, { Tags.ErrorType, errorType } });
        }

        UploadDuration.Record(elapsed.TotalSeconds, new TagList { { Tags.Collection, collection }, { Tags.Outcome, rejected ? "rejected" : "failed" }, { Tags.ErrorType, errorType } });
        SetError(activity, errorType);
    }

    public static Activity? StartStorage(string operation, string storeName, string? key)
    {
        var activity = ActivitySource.StartActivity("mediakit.storage." + operation, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag(Tags.StorageOperation, operation);
            activity.SetTag(Tags.StoreName, storeName);
            if (key is not null)
            {
                activity.SetTag(Tags.StorageKey, key);
            }
        }

        return activity;
    }

    public static void StorageDone(Activity? activity, string operation, string storeName, long startedAt, Exception? exception)
    {
        var elapsed = Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
        if (exception is null)
        {
            StorageDuration.Record(elapsed, new TagList { { Tags.StorageOperation, operation }, { Tags.StoreName, storeName } });
            return;
        }

        var errorType = ErrorType(exception);
        var tags = new TagList { { Tags.StorageOperation, operation }, { Tags.StoreName, storeName }, { Tags.ErrorType, errorType } };
        StorageDuration.Record(elapsed, tags);
        StorageErrors.Add(1, tags);
        SetError(activity, errorType);
    }

    public static void RecordVariantGeneration(TimeSpan duration, string collection, string processor, string? errorType)
    {
        var tags = new TagList { { Tags.Collection, collection }, { Tags.Processor, processor } };
        if (errorType is not null)
        {
            tags.Add(Tags.ErrorType, errorType);
        }

        VariantDuration.Record(duration.TotalSeconds, tags);
    }

    public static void CleanupRan(Activity? activity, MediaCleanupReport report, TimeSpan elapsed)
    {
        var outcome = report.Skipped ? "skipped" : "completed";
        var tags = new TagList { { Tags.Outcome, outcome } };
        CleanupRuns.Add(1, tags);
        CleanupDuration.Record(elapsed.TotalSeconds, tags);
        AddCleanup("expired", report.ExpiredDeleted);
        AddCleanup("orphan_deleted", report.OrphansDeleted);
        AddCleanup("purged", report.Purged);
        AddCleanup("version_removed", report.VersionsRemoved);
        activity?.SetTag(Tags.Outcome, outcome);

        static void AddCleanup(string action, int count)
        {
            if (count > 0)
            {
                CleanupAssets.Add(count, new TagList { { Tags.CleanupAction, action } });
            }
        }
    }

    public static void CleanupFailed(Activity? activity, Exception exception, TimeSpan elapsed)
    {
        var tags = new TagList { { Tags.Outcome, "failed" }, { Tags.ErrorType, ErrorType(exception) } };
        CleanupRuns.Add(1, tags);
        CleanupDuration.Record(elapsed.TotalSeconds, tags);
        SetError(activity, ErrorType(exception));
    }

    private static void SetError(Activity? activity, string errorType)
    {
        if (activity is not null)
        {
            activity.SetTag(Tags.ErrorType, errorType);
            activity.SetStatus(ActivityStatusCode.Error, errorType);
        }
    }
}
