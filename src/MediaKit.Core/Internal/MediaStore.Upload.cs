using MediaKit.Processing;
using MediaKit.Storage;

namespace MediaKit.Internal;

internal sealed partial class MediaStore
{
    public async Task<MediaAsset> UploadAsync(MediaUploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The collection name comes from the client: a name that is not configured is tagged as one value, so tags stay bounded.
        var collectionTag = _options.Collections.Find(request.Collection) is null ? "_unknown" : request.Collection;
        using var activity = MediaTelemetry.StartUpload(collectionTag);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var asset = await UploadCoreAsync(request, cancellationToken);
            MediaTelemetry.UploadStored(activity, asset, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return asset;
        }
        catch (MediaException ex)
        {
            Log.Rejected(_logger, request.Collection, ex.Code);
            MediaTelemetry.UploadFailed(activity, collectionTag, ex, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            throw;
        }
        catch (Exception ex)
        {
            MediaTelemetry.UploadFailed(activity, collectionTag, ex, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<MediaAsset> UploadCoreAsync(MediaUploadRequest request, CancellationToken cancellationToken)
    {
        var collection = _options.Collections.Find(request.Collection) ?? throw new MediaCollectionNotFoundException(request.Collection);

        // The uploader is the signed-in user unless the caller names one: quotas, "uploader may delete" and the review rule
        // of pending files all key on it, whether the file came through the HTTP API or from code.
        var uploadedBy = request.UploadedBy ?? (_visibility.ActorId is { Length: > 0 } actor ? actor : null);

        // A full quota refuses the upload before a byte is read; the exact check runs with the commit (_quotas.AddAsync).
        await _quotas.EnsureRoomAsync(collection, uploadedBy, request.DeclaredLength, cancellationToken);
        var tenantId = TenantId;
        var now = _time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var (key, contentType, kind, length, sha256) = await IngestAsync(
            collection, request.FileName, OriginalContent(collection, request.Content), request.DeclaredContentType, request.DeclaredLength,
            type => StorageKeys.Original(id, now, version: 1, type),
            cancellationToken);

        // 3. Everything after the write either commits the record or removes the bytes (the variants' too).
        MediaVariantGenerator.MediaVariantRun? variants = null;
        try
        {
            if (collection.Deduplicate)
            {
                var existing = await _catalog.FindByContentHashAsync(tenantId, collection.Name, sha256, cancellationToken);
                if (existing is not null)
                {
                    await CompensateAsync(key);
                    Log.Deduplicated(_logger, collection.Name, existing.Id);
                    return existing;
                }
            }

            await ScanAsync(key, contentType, cancellationToken);
            var probe = await ProbeAsync(id, key, contentType, cancellationToken);
            variants = await _variants.GenerateAsync(id, now, version: 1, key, contentType, length, collection, existing: null, placeholder: probe?.Placeholder is null, cancellationToken);
            var metadata = MediaVariantGenerator.MergeMetadata(probe?.Metadata, variants.Metadata);

            var asset = new MediaAsset
            {
                Id = id,
                TenantId = tenantId,
                Collection = collection.Name,
                StorageKey = key,
                StoreName = _stores.UploadStore,
                FileName = FileNames.Normalize(request.FileName, _options.MaxFileNameLength),
                Title = request.Title,
                AltText = request.AltText,
                Tags = request.Tags?.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? [],
                ContentType = contentType,
                Kind = kind,
                Length = length,
                Sha256 = sha256,
                Width = probe?.Width,
                Height = probe?.Height,
                DurationSeconds = probe?.DurationSeconds,
                Placeholder = probe?.Placeholder ?? variants.Placeholder,
                Metadata = metadata is not null ? new Dictionary<string, string>(metadata, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal),
                Variants = variants.Variants,
                Status = collection.RequiresReview(contentType) ? MediaAssetStatus.PendingReview : MediaAssetStatus.Ready,
                UploadedBy = uploadedBy,
                CreatedAt = now,
                UpdatedAt = now,
                ExpiresAt = request.ExpiresAt,
            };

            _audit.Record(asset, MediaAuditActions.Uploaded, new { asset.FileName, asset.ContentType, asset.Length, asset.Collection }, uploadedBy);
            try
            {
                // With a quota, the insert happens under the owner's quota lock, only if the file fits.
                await _quotas.AddAsync(collection, asset, cancellationToken);
            }
            catch (Exception ex) when (ex is not MediaException and not OperationCanceledException)
            {
                throw new MediaException(MediaErrorCodes.CatalogFailed, "The media catalog could not save the asset; the upload was rolled back.", ex);
            }

            Log.Uploaded(_logger, id, collection.Name, contentType, length);

            // After the commit; never throws (a failing handler is logged).
            await _events.PublishAsync(new MediaAssetUploaded(asset, asset.UploadedBy, now), cancellationToken);
            return asset;
        }
        catch
        {
            if (variants is not null)
            {
                await variants.CompensateAsync();
            }

            await CompensateAsync(key);
            throw;
        }
    }

    /// <summary>
    /// The one pass of an upload or a replacement: sniff the first bytes and check them against the collection before anything
    /// is written, then count, hash and write in one read of the stream; the size limit stops the read.
    /// </summary>
    private async Task<(string Key, string ContentType, MediaKind Kind, long Length, string Sha256)> IngestAsync(
        MediaCollectionOptions collection,
        string fileName,
        Stream content,
        string? declaredContentType,
        long? declaredLength,
        Func<string, string> keyFor,
        CancellationToken cancellationToken)
    {
        if (declaredLength is { } declared && declared > collection.GetLargestMaxLength())
        {
            throw new MediaTooLargeException(collection.GetLargestMaxLength(), MediaKind.Other);
        }

        var header = new byte[ContentSniffer.HeaderLength];
        var headerLength = await ReadHeaderAsync(content, header, cancellationToken);
        if (headerLength == 0)
        {
            throw new MediaException(MediaErrorCodes.Empty, "The file is empty.");
        }

        var detected = ContentSniffer.Detect(header.AsSpan(0, headerLength));
        var contentType = ContentSniffer.Resolve(detected, fileName, declaredContentType);
        if (!collection.Accepts(contentType))
        {
            throw new MediaTypeRejectedException(
                MediaErrorCodes.TypeNotAllowed,
                contentType,
                $"Files of type '{contentType}' are not accepted in collection '{collection.Name}'.");
        }

        var kind = MediaContentTypes.GetKind(contentType);
        var limit = collection.GetMaxLength(kind);
        if (declaredLength > limit)
        {
            throw new MediaTooLargeException(limit, kind);
        }

        var key = keyFor(contentType);
        using var ingest = new IngestStream(header, headerLength, content, limit, kind);
        if (contentType == MediaContentTypes.Svg && collection.SvgHandling == MediaSvgHandling.Sanitize)
        {
            // Still one pass: the client's bytes (limit enforced on them) flow through the sanitizer into the writer, and
            // the hash and length recorded are of the sanitized bytes that are stored.
            using var sanitized = new SvgSanitizingStream(ingest);
            using var stored = new IngestStream([], 0, sanitized, limit, kind);
            await WriteBlobAsync(key, stored, contentType, cancellationToken);
            return (key, contentType, kind, stored.BytesRead, stored.GetHashHex());
        }

        await WriteBlobAsync(key, ingest, contentType, cancellationToken);
        return (key, contentType, kind, ingest.BytesRead, ingest.GetHashHex());
    }

    private static async Task<int> ReadHeaderAsync(Stream content, byte[] header, CancellationToken cancellationToken)
    {
        var filled = 0;
        try
        {
            while (filled < header.Length)
            {
                var read = await content.ReadAsync(header.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new MediaException(MediaErrorCodes.UploadIncomplete, "The upload stream failed before the file was complete: " + ex.Message, ex);
        }

        return filled;
    }

    private async Task WriteBlobAsync(string key, IngestStream content, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            await _blobs.WriteAsync(key, content, new BlobWriteOptions { ContentType = contentType }, cancellationToken);
        }
        catch (MediaBlobExistsException)
        {
            // The key belongs to whoever wrote it first (a concurrent replacement of the same version): their file, not ours.
            throw;
        }
        catch (Exception ex)
        {
            // A store's write is all-or-nothing, but a store that breaks that promise must not leave bytes behind either.
            await CompensateAsync(key);
            if (ex is MediaException or OperationCanceledException)
            {
                throw;
            }

            throw new MediaException(MediaErrorCodes.StorageFailed, "The blob store failed while writing the file; the upload was rolled back.", ex);
        }
    }

    private async Task ScanAsync(string key, string contentType, CancellationToken cancellationToken)
    {
        foreach (var scanner in _scanners)
        {
            await using var stream = await _blobs.OpenReadAsync(key, range: null, cancellationToken)
                ?? throw new MediaException(MediaErrorCodes.StorageFailed, $"The stored file vanished before it could be scanned (key {key}).");
            var verdict = await scanner.ScanAsync(stream, contentType, cancellationToken);
            if (!verdict.IsClean)
            {
                throw new MediaException(MediaErrorCodes.Infected, $"The file was refused by the malware scanner: {verdict.Threat ?? "threat found"}.");
            }
        }
    }

    private async Task<MediaProbeResult?> ProbeAsync(Guid id, string key, string contentType, CancellationToken cancellationToken)
    {
        MediaProbeResult? result = null;
        foreach (var probe in _probes)
        {
            if (!probe.CanProbe(contentType))
            {
                continue;
            }

            await using var stream = await _blobs.OpenReadAsync(key, range: null, cancellationToken)
                ?? throw new MediaException(MediaErrorCodes.StorageFailed, $"The stored file vanished before it could be probed (key {key}).");
            try
            {
                var found = await probe.ProbeAsync(stream, contentType, cancellationToken);
                if (found is not null)
                {
                    result = result is null ? found : result with
                    {
                        Width = result.Width ?? found.Width,
                        Height = result.Height ?? found.Height,
                        DurationSeconds = result.DurationSeconds ?? found.DurationSeconds,
                        Placeholder = result.Placeholder ?? found.Placeholder,
                        Metadata = MediaVariantGenerator.MergeMetadata(result.Metadata, found.Metadata),
                    };
                }
            }
            catch (Exception ex) when (ex is not MediaException and not OperationCanceledException)
            {
                Log.ProbeFailed(_logger, ex, probe.GetType().Name, id);
            }
        }

        return result;
    }

    private async Task CompensateAsync(string key)
    {
        try
        {
            // Not cancellable: the caller's token may be what stopped the upload.
            await _blobs.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.CompensationFailed(_logger, ex, key);
        }
    }
}
