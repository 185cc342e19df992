namespace MediaKit.Internal;

internal sealed partial class MediaStore
{
    private const int InUseSampleSize = 20;

    public async Task<bool> DeleteAsync(Guid id, MediaDeleteMode mode = MediaDeleteMode.Soft, bool force = false, CancellationToken cancellationToken = default)
    {
        var tenantId = TenantId;
        var asset = await FindForChangeAsync(tenantId, id, includeDeleted: mode == MediaDeleteMode.Purge, cancellationToken);
        if (asset is null)
        {
            return false;
        }

        if (!force)
        {
            var uses = await _usages.FindUsesAsync(tenantId, id, after: null, InUseSampleSize, cancellationToken);
            if (uses.Count > 0)
            {
                var total = uses.Count < InUseSampleSize ? uses.Count : (await _usages.CountAsync(tenantId, [id], cancellationToken)).GetValueOrDefault(id);
                throw new MediaInUseException(id, uses, total);
            }
        }

        if (mode == MediaDeleteMode.Soft)
        {
            var now = _time.GetUtcNow();
            asset.DeletedAt = now;
            asset.UpdatedAt = now;
            _audit.Record(asset, MediaAuditActions.Deleted, new { Forced = force });
            await SaveAssetAsync(asset, cancellationToken);
        }
        else
        {
            _audit.Record(asset, MediaAuditActions.Purged, new { asset.FileName, Forced = force });
            foreach (var (key, error) in await AssetPurge.PurgeAsync(_catalog, _stores, asset, cancellationToken))
            {
                Log.CompensationFailed(_logger, error, key);
            }
        }

        Log.Deleted(_logger, id, mode);
        await _events.PublishAsync(new MediaAssetDeleted(tenantId, id, mode, _events.ActorId, _time.GetUtcNow()), cancellationToken);
        return true;
    }

    public async Task<bool> RestoreAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var asset = await FindForChangeAsync(TenantId, id, includeDeleted: true, cancellationToken);
        if (asset is not { IsDeleted: true })
        {
            return false;
        }

        asset.DeletedAt = null;
        asset.UpdatedAt = _time.GetUtcNow();
        _audit.Record(asset, MediaAuditActions.Restored);
        await SaveAssetAsync(asset, cancellationToken);
        return true;
    }

    /// <summary>Saves a changed asset; a failure other than a typed one (a conflict, say) becomes <c>media.catalog_failed</c>.</summary>
    private async Task SaveAssetAsync(MediaAsset asset, CancellationToken cancellationToken)
    {
        try
        {
            await _catalog.UpdateAsync(asset, cancellationToken);
        }
        catch (Exception ex) when (ex is not MediaException and not OperationCanceledException)
        {
            throw new MediaException(MediaErrorCodes.CatalogFailed, "The media catalog could not save the change.", ex);
        }
    }
}
