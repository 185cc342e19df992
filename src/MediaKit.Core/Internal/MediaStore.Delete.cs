namespace MediaKit.Internal;

internal sealed partial class MediaStore
{
    public async Task<bool> DeleteAsync(Guid id, MediaDeleteMode mode = MediaDeleteMode.Soft, CancellationToken cancellationToken = default)
    {
        var asset = await _catalog.FindAsync(TenantId, id, includeDeleted: mode == MediaDeleteMode.Purge, cancellationToken);
        if (asset is null)
        {
            return false;
        }

        if (mode == MediaDeleteMode.Soft)
        {
            var now = _time.GetUtcNow();
            asset.DeletedAt = now;
            asset.UpdatedAt = now;
            await _catalog.UpdateAsync(asset, cancellationToken);
        }
        else
        {
            // Record first: once it is gone nothing serves the bytes, and bytes left by a failure here
            // are found by reconciliation; the reverse order could leave a record without bytes.
            var keys = asset.Variants.Select(v => v.StorageKey).Prepend(asset.StorageKey).ToList();
            await _catalog.RemoveAsync(asset, cancellationToken);
            foreach (var key in keys)
            {
                await CompensateAsync(key);
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
        await _catalog.UpdateAsync(asset, cancellationToken);
        return true;
    }
}
