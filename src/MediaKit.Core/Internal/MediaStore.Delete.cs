namespace MediaKit.Internal;

internal sealed partial class MediaStore
{
    private const int InUseSampleSize = 20;

    public async Task<bool> DeleteAsync(Guid id, MediaDeleteMode mode = MediaDeleteMode.Soft, bool force = false, CancellationToken cancellationToken = default)
    {
        var tenantId = TenantId;
        var asset = await _catalog.FindAsync(tenantId, id, includeDeleted: mode == MediaDeleteMode.Purge, cancellationToken);
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
            await _catalog.UpdateAsync(asset, cancellationToken);
        }
        else
        {
            _audit.Record(asset, MediaAuditActions.Purged, new { asset.FileName, Forced = force });
            foreach (var (key, error) in await AssetPurge.PurgeAsync(_catalog, _blobs, asset, cancellationToken))
            {
                Log.CompensationFailed(_logger, error, key);
            }
        }

        Log.Deleted(_logger, id, mode);
        return true;
    }

    public async Task<bool> RestoreAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var asset = await _catalog.FindAsync(TenantId, id, includeDeleted: true, cancellationToken);
        if (asset is not { IsDeleted: true })
        {
            return false;
        }

        asset.DeletedAt = null;
        asset.UpdatedAt = _time.GetUtcNow();
        _audit.Record(asset, MediaAuditActions.Restored);
        await _catalog.UpdateAsync(asset, cancellationToken);
        return true;
    }
}
