using MediaKit.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.EfCore.Internal;

/// <summary>
/// The <see cref="IMediaDeliveryCatalog"/> on the host's <typeparamref name="TContext"/>: one compiled, untracked query that
/// returns only the columns delivery needs, answered from <see cref="MediaDeliveryCache"/> when it can.
/// </summary>
/// <remarks>
/// The context is resolved only when the cache cannot answer, so a cached file costs no <c>DbContext</c>. When the host has
/// replaced <see cref="IMediaCatalog"/> with its own, this catalog asks that one (and caches nothing): its rules win.
/// </remarks>
internal sealed class EfMediaDeliveryCatalog<TContext>(IServiceProvider services, MediaDeliveryCache cache) : IMediaDeliveryCatalog
    where TContext : DbContext
{
    private static readonly Func<TContext, string, Guid, CancellationToken, Task<MediaDeliveryFile?>> FindOriginal = EF.CompileAsyncQuery(
        (TContext context, string tenantId, Guid id, CancellationToken ct) => context.Set<MediaAsset>()
            .Where(a => a.TenantId == tenantId && a.Id == id && a.DeletedAt == null)
            .Select(a => new MediaDeliveryFile
            {
                AssetId = a.Id,
                TenantId = a.TenantId,
                Collection = a.Collection,
                StoreName = a.StoreName,
                FileName = a.FileName,
                Status = a.Status,
                UploadedBy = a.UploadedBy,
                UpdatedAt = a.UpdatedAt,
                ExpiresAt = a.ExpiresAt,
                Sha256 = a.Sha256,
                Variant = null,
                StorageKey = a.StorageKey,
                ContentType = a.ContentType,
                Length = a.Length,
            })
            .FirstOrDefault());

    private static readonly Func<TContext, string, Guid, string, CancellationToken, Task<MediaDeliveryFile?>> FindVariant = EF.CompileAsyncQuery(
        (TContext context, string tenantId, Guid id, string variant, CancellationToken ct) => context.Set<MediaAsset>()
            .Where(a => a.TenantId == tenantId && a.Id == id && a.DeletedAt == null)
            .SelectMany(a => a.Variants.Where(v => v.Name == variant), (a, v) => new MediaDeliveryFile
            {
                AssetId = a.Id,
                TenantId = a.TenantId,
                Collection = a.Collection,
                StoreName = a.StoreName,
                FileName = a.FileName,
                Status = a.Status,
                UploadedBy = a.UploadedBy,
                UpdatedAt = a.UpdatedAt,
                ExpiresAt = a.ExpiresAt,
                Sha256 = a.Sha256,
                Variant = v.Name,
                StorageKey = v.StorageKey,
                ContentType = v.ContentType,
                Length = v.Length,
            })
            .FirstOrDefault());

    public ValueTask<MediaDeliveryFile?> FindForDeliveryAsync(string tenantId, Guid assetId, string? variant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return cache.TryGet(tenantId, assetId, variant, out var file)
            ? ValueTask.FromResult(file)
            : new ValueTask<MediaDeliveryFile?>(LoadAsync(tenantId, assetId, variant, cancellationToken));
    }

    private async Task<MediaDeliveryFile?> LoadAsync(string tenantId, Guid assetId, string? variant, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<IMediaCatalog>();
        if (catalog is not EfMediaCatalog<TContext>)
        {
            return FromAsset(await catalog.FindAsync(tenantId, assetId, includeDeleted: false, cancellationToken), variant);
        }

        var context = services.GetRequiredService<TContext>();
        var readStartedAt = cache.Now();
        var file = variant is null
            ? await FindOriginal(context, tenantId, assetId, cancellationToken)
            : await FindVariant(context, tenantId, assetId, variant, cancellationToken);
        if (file is not null)
        {
            cache.Add(tenantId, assetId, variant, file, readStartedAt);
        }

        return file;
    }

    private static MediaDeliveryFile? FromAsset(MediaAsset? asset, string? variant)
    {
        if (asset is null)
        {
            return null;
        }

        var found = variant is null ? null : asset.Variants.Find(v => v.Name == variant);
        if (variant is not null && found is null)
        {
            return null;
        }

        return new MediaDeliveryFile
        {
            AssetId = asset.Id,
            TenantId = asset.TenantId,
            Collection = asset.Collection,
            StoreName = asset.StoreName,
            FileName = asset.FileName,
            Status = asset.Status,
            UploadedBy = asset.UploadedBy,
            UpdatedAt = asset.UpdatedAt,
            ExpiresAt = asset.ExpiresAt,
            Sha256 = asset.Sha256,
            Variant = found?.Name,
            StorageKey = found?.StorageKey ?? asset.StorageKey,
            ContentType = found?.ContentType ?? asset.ContentType,
            Length = found?.Length ?? asset.Length,
        };
    }
}
