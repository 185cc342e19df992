namespace MediaKit.Storage.FileSystem.Internal;

internal sealed partial class FileSystemBlobStore : IMediaBlobStoreHealth
{
    /// <summary>
    /// Creates (and at once deletes) an empty file in the folder of writes in progress, which lives in the root: this fails when the
    /// root was removed, unmounted or made read-only. It never creates the root again, which would hide a missing mount.
    /// </summary>
    public Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var probe = Path.Join(_tempRoot, "health-" + Guid.NewGuid().ToString("N") + TempExtension);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return Task.CompletedTask;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MediaException(MediaErrorCodes.StorageFailed, $"The storage root folder '{_root}' is missing or not writable: {ex.Message}", ex);
        }
    }
}
