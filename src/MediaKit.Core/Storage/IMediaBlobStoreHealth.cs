namespace MediaKit.Storage;

/// <summary>
/// Implemented by blob stores that can check cheaply, without touching any blob, that they can serve MediaKit: the local disk
/// checks that its root folder exists and accepts a new file; S3 sends a HeadBucket. Health checks
/// (<c>services.AddHealthChecks().AddMediaKit()</c> in MediaKit.AspNetCore) call it; a store that does not implement it is
/// probed with <see cref="IMediaBlobStore.GetInfoAsync"/> of a key no blob uses.
/// </summary>
public interface IMediaBlobStoreHealth
{
    /// <summary>Checks that the backing store is reachable and usable. Called often (every few seconds): it must stay cheap.</summary>
    /// <param name="cancellationToken">Cancels the check (health checks time out).</param>
    /// <returns>A task that completes when the store is healthy.</returns>
    /// <exception cref="MediaException">The store is not usable (<see cref="MediaErrorCodes.StorageFailed"/>); the message says why and the
    /// inner exception carries the store's own error.</exception>
    Task CheckHealthAsync(CancellationToken cancellationToken);
}
