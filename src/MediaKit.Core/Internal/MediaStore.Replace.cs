namespace MediaKit.Internal;

internal sealed partial class MediaStore
{
    public async Task<MediaAsset?> ReplaceContentAsync(Guid id, MediaContentReplacement replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var asset = await FindForChangeAsync(TenantId, id, includeDeleted: false, cancellationToken);
        if (asset is null)
        {
            return null;
        }

        var collection = _options.Collections.Find(asset.Collection) ?? throw new MediaCollectionNotFoundException(asset.Collection);
        try
        {
            // The new file, its variants and the old file kept as a version all live in the store that holds the asset.
            using var store = _blobs.Use(_stores.Get(asset.StoreName));
            return await ReplaceCoreAsync(asset, collection, replacement, cancellationToken);
        }
        catch (MediaException ex)
        {
            Log.Rejected(_logger, asset.Collection, ex.Code);
            throw;
        }
    }

    private async Task<MediaAsset> ReplaceCoreAsync(MediaAsset asset, MediaCollectionOptions collection, MediaContentReplacement replacement, CancellationToken cancellationToken)
    {
        var version = asset.Version + 1;
        string key, contentType, sha256;
        MediaKind kind;
        long length;
        try
        {
            (key, contentType, kind, length, sha256) = await IngestAsync(
                collection, replacement.FileName, OriginalContent(collection, replacement.Content), replacement.DeclaredContentType, replacement.DeclaredLength,
                type => StorageKeys.Original(asset.Id, asset.CreatedAt, version, type),
                cancellationToken);
        }
        catch (MediaBlobExistsException ex)
        {
            // A concurrent replacement of the same version wrote its file first; that file is theirs and stays.
            throw new MediaConcurrencyException(asset.Id, ex);
        }

        List<string> staleVariantKeys;
        MediaVariantGenerator.MediaVariantRun? variants = null;
        try
        {
            await ScanAsync(key, contentType, cancellationToken);
            var probe = await ProbeAsync(asset.Id, key, contentType, cancellationToken);
            variants = await _variants.GenerateAsync(asset.Id, asset.CreatedAt, version, key, contentType, length, collection, existing: null, placeholder: probe?.Placeholder is null, cancellationToken);
            var metadata = MediaVariantGenerator.MergeMetadata(probe?.Metadata, variants.Metadata);
            var now = _time.GetUtcNow();

            // A larger file needs room in the uploader's quota: the change is applied and saved under the quota lock, or not at all
            // (a refusal leaves the asset as it was read, so nothing of it rides along with a later save).
            var replaceRun = variants;
            var staleKeys = new List<string>();
            await _quotas.CommitAsync(collection, asset.UploadedBy, length - asset.Length, async ct =>
            {
                // The old file stays, as a version, until the cleanup job's retention passes; its variants describe it, not the new file.
                asset.PreviousVersions.Add(new MediaAssetVersion
                {
                    AssetId = asset.Id,
                    Version = asset.Version,
                    StorageKey = asset.StorageKey,
                    ContentType = asset.ContentType,
                    Length = asset.Length,
                    Sha256 = asset.Sha256,
                    FileName = asset.FileName,
                    ReplacedAt = now,
                });
                // Same-named variants are updated in place (the catalog keys them by asset and name); the old files go after the commit.
                staleKeys.AddRange(MediaVariantGenerator.ApplyVariants(asset, replaceRun.Variants, replaceAll: true));
                asset.StorageKey = key;
                asset.ContentType = contentType;
                asset.Kind = kind;
                asset.Length = length;
                asset.Sha256 = sha256;
                asset.FileName = FileNames.Normalize(replacement.FileName, _options.MaxFileNameLength);
                asset.Width = probe?.Width;
                asset.Height = probe?.Height;
                asset.DurationSeconds = probe?.DurationSeconds;
                asset.Placeholder = probe?.Placeholder ?? replaceRun.Placeholder;
                asset.Metadata = metadata is not null ? new Dictionary<string, string>(metadata, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);
                asset.Status = collection.RequiresReview(contentType) ? MediaAssetStatus.PendingReview : MediaAssetStatus.Ready;
                asset.Version = version;
                asset.UpdatedAt = now;
                _audit.Record(asset, MediaAuditActions.Replaced, new { asset.FileName, asset.ContentType, asset.Length, Version = version });

                try
                {
                    await _catalog.UpdateAsync(asset, ct);
                }
                catch (Exception ex) when (ex is not MediaException and not OperationCanceledException)
                {
                    throw new MediaException(MediaErrorCodes.CatalogFailed, "The media catalog could not save the new content; the replacement was rolled back.", ex);
                }
            }, cancellationToken);
            staleVariantKeys = staleKeys;
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

        foreach (var stale in staleVariantKeys)
        {
            await CompensateAsync(stale);
        }

        Log.Uploaded(_logger, asset.Id, collection.Name, contentType, length);
        return asset;
    }
}
