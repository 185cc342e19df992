using MediaKit.Storage;

namespace MediaKit.Internal;

/// <summary>
/// The store an operation of <see cref="MediaStore"/> writes to and reads back from: the upload store, or, while a replacement
/// (or other work on an existing asset) runs, the store that holds that asset, since an asset's files never span stores. The
/// choice flows with the async operation, so concurrent operations on one scoped store do not see each other's.
/// </summary>
internal sealed class OperationBlobStore(IMediaBlobStore uploadStore) : IMediaBlobStore
{
    private readonly AsyncLocal<IMediaBlobStore?> _current = new();

    private IMediaBlobStore Current => _current.Value ?? uploadStore;

    /// <summary>Sends this flow's calls to <paramref name="store"/> until the result is disposed.</summary>
    public IDisposable Use(IMediaBlobStore store)
    {
        var previous = _current.Value;
        _current.Value = store;
        return new Restore(this, previous);
    }

    public Task<BlobInfo> WriteAsync(string key, Stream content, BlobWriteOptions options, CancellationToken cancellationToken)
        => Current.WriteAsync(key, content, options, cancellationToken);

    public Task<Stream?> OpenReadAsync(string key, BlobRange? range, CancellationToken cancellationToken)
        => Current.OpenReadAsync(key, range, cancellationToken);

    public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken)
        => Current.GetInfoAsync(key, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
        => Current.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<BlobInfo> ListAsync(string? prefix, CancellationToken cancellationToken)
        => Current.ListAsync(prefix, cancellationToken);

    private sealed class Restore(OperationBlobStore owner, IMediaBlobStore? previous) : IDisposable
    {
        public void Dispose() => owner._current.Value = previous;
    }
}
