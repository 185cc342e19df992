using System.Diagnostics;
using MediaKit.Internal;
using MediaKit.Storage;

namespace MediaKit.Diagnostics;

/// <summary>
/// The names under which MediaKit reports traces and metrics, for hosts to subscribe to
/// (OpenTelemetry: <c>.AddSource(MediaKitDiagnostics.ActivitySourceName)</c> and <c>.AddMeter(MediaKitDiagnostics.MeterName)</c>).
/// </summary>
/// <remarks>
/// <para>Activities: <c>mediakit.upload</c> (one per <see cref="IMediaStore.UploadAsync"/>), <c>mediakit.storage.{operation}</c>
/// (one per blob store call), <c>mediakit.cleanup</c> (one per cleanup run). A failed operation sets the activity's status to
/// <see cref="ActivityStatusCode.Error"/> and its <c>error.type</c> tag.</para>
/// <para>Instruments are listed in <see cref="Instruments"/>, tags in <see cref="Tags"/>. Durations are in seconds. Tags carry
/// collection names, content kinds, store names, storage keys and error codes; never file contents, file names, signed URLs or
/// tenant ids.</para>
/// </remarks>
public static class MediaKitDiagnostics
{
    /// <summary>The name of MediaKit's <see cref="ActivitySource"/>: <c>MediaKit</c>.</summary>
    public const string ActivitySourceName = "MediaKit";

    /// <summary>The name of MediaKit's <see cref="System.Diagnostics.Metrics.Meter"/>: <c>MediaKit</c>.</summary>
    public const string MeterName = "MediaKit";

    /// <summary>
    /// Records how long generating variants took, on <see cref="Instruments.VariantDuration"/>. Image and video processors (or the
    /// pipeline that runs them) call it once per processor run.
    /// </summary>
    /// <param name="duration">The time the run took.</param>
    /// <param name="collection">The collection of the asset whose variants were generated.</param>
    /// <param name="processor">The processor that ran: its type name, such as <c>VipsImageEngine</c> or <c>FFmpegPosterProcessor</c>.</param>
    /// <param name="errorType">The error code (or exception type) when the run failed; <see langword="null"/> when it succeeded.</param>
    public static void RecordVariantGeneration(TimeSpan duration, string collection, string processor, string? errorType = null)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(processor);
        MediaTelemetry.RecordVariantGeneration(duration, collection, processor, errorType);
    }

    /// <summary>The names of MediaKit's instruments, all on the meter named <see cref="MeterName"/>.</summary>
    public static class Instruments
    {
        /// <summary>Counter (<c>{upload}</c>) of uploads that were stored. Tags: <see cref="Tags.Collection"/>, <see cref="Tags.Kind"/>.</summary>
        public const string Uploads = "mediakit.uploads";

        /// <summary>Counter (<c>By</c>) of the bytes of stored uploads. Tags: <see cref="Tags.Collection"/>, <see cref="Tags.Kind"/>.</summary>
        public const string UploadBytes = "mediakit.upload.bytes";

        /// <summary>
        /// Histogram (<c>s</c>) of how long uploads took, stored or not. Tags: <see cref="Tags.Collection"/>,
        /// <see cref="Tags.Outcome"/> (<c>stored</c>, <c>rejected</c> or <c>failed</c>) and, when not stored, <see cref="Tags.ErrorType"/>.
        /// </summary>
        public const string UploadDuration = "mediakit.upload.duration";

        /// <summary>
        /// Counter (<c>{upload}</c>) of uploads refused with a <see cref="MediaException"/>. Tags: <see cref="Tags.Collection"/>,
        /// <see cref="Tags.ErrorType"/> (the error's <see cref="MediaException.Code"/>, such as <c>media.type_not_allowed</c>).
        /// </summary>
        public const string UploadRejections = "mediakit.upload.rejections";

        /// <summary>
        /// Histogram (<c>s</c>) of blob store calls. Tags: <see cref="Tags.StorageOperation"/>, <see cref="Tags.StoreName"/> and,
        /// when the call failed, <see cref="Tags.ErrorType"/>. A read measures opening the stream, a list the whole enumeration.
        /// </summary>
        public const string StorageOperationDuration = "mediakit.storage.operation.duration";

        /// <summary>
        /// Counter (<c>{error}</c>) of blob store calls that threw ("not found" is not an error). Tags: <see cref="Tags.StorageOperation"/>,
        /// <see cref="Tags.StoreName"/>, <see cref="Tags.ErrorType"/>.
        /// </summary>
        public const string StorageErrors = "mediakit.storage.operation.errors";

        /// <summary>Histogram (<c>s</c>) of variant generation. Tags: <see cref="Tags.Collection"/>, <see cref="Tags.Processor"/>, <see cref="Tags.ErrorType"/> on failure.</summary>
        public const string VariantDuration = "mediakit.variants.duration";

        /// <summary>Counter (<c>{run}</c>) of cleanup runs. Tag: <see cref="Tags.Outcome"/> (<c>completed</c>, <c>skipped</c> while another instance holds the lease, or <c>failed</c>).</summary>
        public const string CleanupRuns = "mediakit.cleanup.runs";

        /// <summary>Histogram (<c>s</c>) of cleanup runs. Tag: <see cref="Tags.Outcome"/>.</summary>
        public const string CleanupDuration = "mediakit.cleanup.duration";

        /// <summary>Counter (<c>{asset}</c>) of what cleanup runs did. Tag: <see cref="Tags.CleanupAction"/> (<c>expired</c>, <c>orphan_deleted</c>, <c>purged</c>, <c>version_removed</c>).</summary>
        public const string CleanupAssets = "mediakit.cleanup.assets";
    }

    /// <summary>The tag names MediaKit puts on its activities and measurements.</summary>
    public static class Tags
    {
        /// <summary>The collection's name.</summary>
        public const string Collection = "mediakit.collection";

        /// <summary>The asset's kind (<see cref="MediaKind"/>, lowercase: <c>image</c>, <c>video</c>...).</summary>
        public const string Kind = "mediakit.kind";

        /// <summary>How an operation ended.</summary>
        public const string Outcome = "mediakit.outcome";

        /// <summary>Why an operation failed: a <see cref="MediaErrorCodes"/> code, or the exception's full type name.</summary>
        public const string ErrorType = "error.type";

        /// <summary>The blob store call: <c>write</c>, <c>read</c>, <c>info</c>, <c>delete</c>, <c>list</c> or <c>remove_abandoned</c>.</summary>
        public const string StorageOperation = "mediakit.storage.operation";

        /// <summary>The blob store's name (<see cref="MediaStorageOptions.DefaultStoreName"/> for the unnamed store).</summary>
        public const string StoreName = "mediakit.storage.name";

        /// <summary>The generated storage key (activities only).</summary>
        public const string StorageKey = "mediakit.storage.key";

        /// <summary>The asset's id (activities only).</summary>
        public const string AssetId = "mediakit.asset.id";

        /// <summary>The stored length in bytes (activities only).</summary>
        public const string Length = "mediakit.length";

        /// <summary>The processor that generated variants.</summary>
        public const string Processor = "mediakit.processor";

        /// <summary>What the cleanup job did to an asset.</summary>
        public const string CleanupAction = "mediakit.cleanup.action";
    }
}
