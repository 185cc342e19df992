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
