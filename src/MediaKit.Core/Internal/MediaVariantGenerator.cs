using MediaKit.Processing;
using MediaKit.Storage;
using Microsoft.Extensions.Logging;

namespace MediaKit.Internal;

/// <summary>
/// Runs the registered <see cref="IMediaProcessor"/>s over a stored original and keeps track of every blob they write, so that
/// the caller can commit the variants with the asset's record or delete them all when anything fails.
/// </summary>
internal sealed partial class MediaVariantGenerator(IMediaBlobStore blobs, IEnumerable<IMediaProcessor> processors, TimeProvider time, ILogger logger)
{
    /// <summary>Generates the variants of <paramref name="collection"/> that apply to the original and are not in <paramref name="existing"/>.</summary>
    /// <returns>The run, which holds the stored variants; the caller commits them or calls <see cref="MediaVariantRun.CompensateAsync"/>.</returns>
    /// <exception cref="MediaException">A processor failed; what it wrote is already deleted.</exception>
    public async Task<MediaVariantRun> GenerateAsync(
        Guid assetId,
        DateTimeOffset createdAt,
        int version,
        string originalKey,
        string contentType,
        long length,
        MediaCollectionOptions collection,
        IReadOnlyCollection<string>? existing,
        bool placeholder,
        CancellationToken cancellationToken)
    {
        var wanted = collection.Variants.For(contentType).Where(d => existing is null || !existing.Contains(d.Name)).ToList();
        var run = new MediaVariantRun(this, assetId, createdAt, version, wanted);
        placeholder &= collection.Variants.Placeholder;
        if (wanted.Count == 0 && !placeholder)
        {
            return run;
        }

        await using var input = new BlobInput(blobs, originalKey, contentType, length);
        try
        {
            foreach (var processor in processors)
            {
                if (!processor.CanProcess(contentType))
                {
                    continue;
                }

                var remaining = wanted.Where(d => !run.Names.Contains(d.Name)).ToList();
                if (remaining.Count == 0 && (!placeholder || run.Placeholder is not null))
                {
                    break;
                }

                var request = new MediaProcessingRequest(assetId, input, remaining) { GeneratePlaceholder = placeholder && run.Placeholder is null };
                MediaProcessingResult result;
                var started = time.GetTimestamp();
                try
                {
                    result = await processor.ProcessAsync(request, run, cancellationToken);
                    MediaTelemetry.RecordVariantGeneration(time.GetElapsedTime(started), collection.Name, processor.GetType().Name, errorType: null);
                }
                catch (Exception ex)
                {
                    MediaTelemetry.RecordVariantGeneration(time.GetElapsedTime(started), collection.Name, processor.GetType().Name, ex is MediaException media ? media.Code : ex.GetType().Name);
                    if (ex is MediaException or OperationCanceledException)
                    {
                        throw;
                    }

                    throw new MediaException(MediaErrorCodes.ProcessingFailed, $"The variants of the file could not be generated ({processor.GetType().Name}); the upload was rolled back.", ex);
                }

                run.Placeholder ??= result.Placeholder;
                run.Metadata = MergeMetadata(run.Metadata, result.Metadata);
            }
        }
        catch
        {
            await run.CompensateAsync();
            throw;
        }

        if (run.Variants.Count > 0)
        {
            Log.Generated(logger, assetId, run.Variants.Count);
        }

        return run;
    }

    /// <summary>Puts <paramref name="generated"/> into <paramref name="asset"/>'s variants, updating same-named records in place so the catalog saves them as updates.</summary>
    /// <returns>The storage keys of the variants that were replaced or removed.</returns>
    public static List<string> ApplyVariants(MediaAsset asset, IReadOnlyList<MediaVariant> generated, bool replaceAll)
    {
        var stale = new List<string>();
        if (replaceAll)
        {
            foreach (var old in asset.Variants.Where(v => !generated.Any(g => g.Name == v.Name)).ToList())
            {
                stale.Add(old.StorageKey);
                asset.Variants.Remove(old);
            }
        }

        foreach (var variant in generated)
        {
            var current = asset.Variants.Find(v => v.Name == variant.Name);
            if (current is null)
            {
                asset.Variants.Add(variant);
                continue;
            }

            if (current.StorageKey != variant.StorageKey)
            {
                stale.Add(current.StorageKey);
            }

            current.StorageKey = variant.StorageKey;
            current.ContentType = variant.ContentType;
            current.Length = variant.Length;
            current.Width = variant.Width;
            current.Height = variant.Height;
            current.CreatedAt = variant.CreatedAt;
        }

        return stale;
    }

    /// <summary>Merges two sets of found facts; the first to report a key wins (probes in registration order, then processors).</summary>
    internal static IReadOnlyDictionary<string, string>? MergeMetadata(IReadOnlyDictionary<string, string>? first, IReadOnlyDictionary<string, string>? second)
    {
        if (first is null || second is null)
        {
            return first ?? second;
        }

        var merged = new Dictionary<string, string>(second, StringComparer.Ordinal);
        foreach (var (key, value) in first)
        {
            merged[key] = value;
        }

        return merged;
    }

    private async Task DeleteAsync(string key)
    {
        try
        {
            // Not cancellable: the caller's token may be what stopped the work.
            await blobs.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.CompensationFailed(logger, ex, key);
        }
    }

    /// <summary>One generation: the sink the processors write through, and what they wrote.</summary>
    internal sealed class MediaVariantRun(MediaVariantGenerator owner, Guid assetId, DateTimeOffset createdAt, int version, IReadOnlyList<MediaVariantDefinition> wanted) : IMediaVariantSink
    {
        private readonly List<string> _written = [];
        private readonly object _gate = new();

        public List<MediaVariant> Variants { get; } = [];

        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public string? Placeholder { get; set; }

        public IReadOnlyDictionary<string, string>? Metadata { get; set; }

        public async Task<MediaVariant> WriteAsync(MediaVariantFile variant, Stream content, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(variant);
            ArgumentNullException.ThrowIfNull(content);
            if (!wanted.Any(d => d.Name == variant.Name))
            {
                throw new MediaException(MediaErrorCodes.ProcessingFailed, $"A processor produced the variant '{variant.Name}', which was not requested.");
            }

            var key = StorageKeys.Variant(assetId, createdAt, version, variant.Name, variant.ContentType);
            lock (_gate)
            {
                if (!Names.Add(variant.Name))
                {
                    throw new MediaException(MediaErrorCodes.ProcessingFailed, $"A processor produced the variant '{variant.Name}' twice.");
                }

                _written.Add(key);
            }

            BlobInfo info;
            try
            {
                // Create-only: a blob already under this key belongs to someone else (a concurrent run, or a crashed attempt that
                // reconciliation will remove) and is neither overwritten nor, below, deleted by this run's compensation.
                info = await owner.Blobs.WriteAsync(key, content, new BlobWriteOptions { ContentType = variant.ContentType }, cancellationToken);
            }
            catch (MediaBlobExistsException)
            {
                lock (_gate)
                {
                    _written.Remove(key);
                }

                throw;
            }
            catch (Exception ex) when (ex is not MediaException and not OperationCanceledException)
            {
                throw new MediaException(MediaErrorCodes.StorageFailed, "The blob store failed while writing a variant; the upload was rolled back.", ex);
            }

            var record = new MediaVariant
            {
                AssetId = assetId,
                Name = variant.Name,
                StorageKey = key,
                ContentType = variant.ContentType,
                Length = info.Length,
                Width = variant.Width,
                Height = variant.Height,
                CreatedAt = owner.Time.GetUtcNow(),
            };
            lock (_gate)
            {
                Variants.Add(record);
            }

            return record;
        }

        /// <summary>Deletes every blob written so far (also one whose write failed halfway: stores promise nothing is left, this makes sure).</summary>
        public async Task CompensateAsync()
        {
            string[] keys;
            lock (_gate)
            {
                keys = [.. _written];
                _written.Clear();
            }

            foreach (var key in keys)
            {
                await owner.DeleteAsync(key);
            }
        }
    }

    private IMediaBlobStore Blobs => blobs;

    private TimeProvider Time => time;

    /// <summary>The original in the blob store; a local copy is made at most once, for tools that need a file.</summary>
    private sealed class BlobInput(IMediaBlobStore blobs, string key, string contentType, long length) : MediaProcessingInput, IAsyncDisposable
    {
        private string? _localPath;

        public override string ContentType => contentType;

        public override long Length => length;

        public override async Task<Stream> OpenReadAsync(CancellationToken cancellationToken)
            => await blobs.OpenReadAsync(key, range: null, cancellationToken)
                ?? throw new MediaException(MediaErrorCodes.StorageFailed, $"The stored file vanished before its variants could be generated (key {key}).");

        public override async Task<string> GetLocalPathAsync(CancellationToken cancellationToken)
        {
            if (_localPath is not null)
            {
                return _localPath;
            }

            var path = Path.Combine(Path.GetTempPath(), $"mediakit-{Guid.NewGuid():N}.{MediaContentTypes.GetExtension(contentType)}");
            try
            {
                await using var source = await OpenReadAsync(cancellationToken);
                await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
                await source.CopyToAsync(target, cancellationToken);
            }
            catch
            {
                File.Delete(path);
                throw;
            }

            return _localPath = path;
        }

        public ValueTask DisposeAsync()
        {
            if (_localPath is not null)
            {
                try
                {
                    File.Delete(_localPath);
                }
                catch (IOException)
                {
                    // A tool still holds it open; the temp folder's own cleanup removes it.
                }
            }

            return ValueTask.CompletedTask;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "Generated {Count} variants of media asset {AssetId}")]
        public static partial void Generated(ILogger logger, Guid assetId, int count);

        [LoggerMessage(EventId = 1502, Level = LogLevel.Error, Message = "Could not remove variant blob {Key} after a failure; reconciliation will remove it")]
        public static partial void CompensationFailed(ILogger logger, Exception exception, string key);
    }
}
