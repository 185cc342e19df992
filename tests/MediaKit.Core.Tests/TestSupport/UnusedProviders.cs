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
    public Task<IReadOnlySet<Guid>> FindLiveAssetIdsAsync(string tenantId, IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ReplaceAsync(string tenantId, string resourceType, string resourceId, string field, IReadOnlyList<Guid> assetIds, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AddAsync(string tenantId, string resourceType, string resourceId, string field, Guid assetId, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> RemoveAsync(string tenantId, string resourceType, string resourceId, string field, Guid assetId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<int> RemoveResourceAsync(string tenantId, string resourceType, string resourceId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<MediaUsage>> GetAsync(string tenantId, string resourceType, string resourceId, string? field, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<MediaUsage>> FindUsesAsync(string tenantId, Guid assetId, Guid? after, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<Guid, int>> CountAsync(string tenantId, IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken) => throw new NotSupportedException();
}
