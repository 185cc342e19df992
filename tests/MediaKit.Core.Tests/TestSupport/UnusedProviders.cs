using MediaKit.Catalog;
using MediaKit.Storage;

namespace MediaKit.Core.Tests.TestSupport;

/// <summary>Stands in for a blob store provider where only its registration matters.</summary>
internal sealed class UnusedBlobStore : IMediaBlobStore
{
    public Task<BlobInfo> WriteAsync(string key, Stream content, BlobWriteOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Stream?> OpenReadAsync(string key, BlobRange? range, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<BlobInfo> ListAsync(string? prefix, CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>Stands in for a catalog provider where only its registration matters.</summary>
internal sealed class UnusedCatalog : IMediaCatalog
{
    public Task<IReadOnlySet<Guid>> FindLiveAssetIdsAsync(string tenantId, IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AddAsync(MediaAsset asset, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<MediaAsset?> FindAsync(string tenantId, Guid id, bool includeDeleted, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<MediaAsset?> FindByContentHashAsync(string tenantId, string collection, string sha256, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<MediaPage<MediaAsset>> QueryAsync(string tenantId, MediaQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task UpdateAsync(MediaAsset asset, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RemoveAsync(MediaAsset asset, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlySet<string>> FindKnownStorageKeysAsync(IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>Stands in for a usage catalog where only its registration matters.</summary>
internal sealed class UnusedUsageCatalog : IMediaUsageCatalog
{
    public Task ReplaceAsync(string tenantId, string resourceType, string resourceId, string field, IReadOnlyList<Guid> assetIds, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AddAsync(string tenantId, string resourceType, string resourceId, string field, Guid assetId, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> RemoveAsync(string tenantId, string resourceType, string resourceId, string field, Guid assetId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<int> RemoveResourceAsync(string tenantId, string resourceType, string resourceId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<MediaUsage>> GetAsync(string tenantId, string resourceType, string resourceId, string? field, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<MediaUsage>> FindUsesAsync(string tenantId, Guid assetId, Guid? after, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<Guid, int>> CountAsync(string tenantId, IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>Stands in for a maintenance catalog where only its registration matters.</summary>
internal sealed class UnusedMaintenanceCatalog : IMediaMaintenanceCatalog
{
    public Task<IReadOnlyList<MediaAsset>> FindOrphansAsync(string? tenantId, DateTimeOffset createdBefore, Guid? after, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<MediaAsset>> FindExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<MediaAsset>> FindDeletedBeforeAsync(DateTimeOffset deletedBefore, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<MediaAssetVersion>> FindReplacedVersionsAsync(DateTimeOffset replacedBefore, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RemoveVersionAsync(MediaAssetVersion version, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> TryAcquireLeaseAsync(string job, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ReleaseLeaseAsync(string job, string owner, CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>Stands in for a group catalog where only its registration matters.</summary>
internal sealed class UnusedGroupCatalog : IMediaGroupCatalog
{
    public Task AddGroupAsync(MediaGroup group, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> UpdateGroupAsync(string tenantId, Guid groupId, string name, string? description, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<MediaGroup?> FindGroupAsync(string tenantId, Guid groupId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> GroupExistsAsync(string tenantId, Guid groupId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<MediaGroup>> ListGroupsAsync(string tenantId, Guid? after, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> RemoveGroupAsync(string tenantId, Guid groupId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> EditItemsAsync(string tenantId, Guid groupId, Func<IReadOnlyList<Guid>, IReadOnlyList<Guid>> edit, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AddGalleryAsync(MediaGallery gallery, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> UpdateGalleryAsync(string tenantId, Guid galleryId, string name, string? description, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> RemoveGalleryAsync(string tenantId, Guid galleryId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> EditLinksAsync(string tenantId, Guid galleryId, Func<IReadOnlyList<MediaGalleryGroup>, IReadOnlyList<MediaGalleryGroup>> edit, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<MediaGalleryView?> GetGalleryViewAsync(string tenantId, Guid galleryId, bool includeMembersOnly, CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>Stands in for an audit catalog where only its registration matters.</summary>
internal sealed class UnusedAuditCatalog : IMediaAuditCatalog
{
    public void Stage(MediaAuditEntry entry) => throw new NotSupportedException();

    public Task<IReadOnlyList<MediaAuditEntry>> ListAsync(string tenantId, Guid? assetId, Guid? before, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
}
