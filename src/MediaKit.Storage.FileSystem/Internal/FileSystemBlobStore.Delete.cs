namespace MediaKit.Storage.FileSystem.Internal;

internal sealed partial class FileSystemBlobStore
{
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        MediaBlobKey.EnsureValid(key);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(cancellationToken);
        }

        var path = PathOf(key);
        if (Describe(key, path) is null)
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        RemoveEmptyFolders(path);
        return Task.FromResult(true);
    }

    public Task<int> RemoveAbandonedWritesAsync(DateTimeOffset startedBefore, CancellationToken cancellationToken)
    {
        var temp = new DirectoryInfo(_tempRoot);
        if (!temp.Exists)
        {
            return Task.FromResult(0);
        }

        // A write in progress touches its file with every buffer it writes, so only a write that stalled looks old.
        var cutoff = startedBefore.UtcDateTime;
        var removed = 0;
        foreach (var file in temp.EnumerateFiles("*" + TempExtension))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.LastWriteTimeUtc >= cutoff)
            {
                continue;
            }

            try
            {
                file.Delete();
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Still open by its writer (Windows) or removed by another instance: the next pass sees it again or never.
            }
        }

        if (removed > 0)
        {
            Log.AbandonedWritesRemoved(_logger, removed, startedBefore);
        }

        return Task.FromResult(removed);
    }

    /// <summary>
    /// Removes the folders left empty by a delete, up to but never including the root, so purged assets leave no trail
    /// of empty folders. Best effort: a folder that gained a file meanwhile, or that cannot be removed, stays.
    /// </summary>
    private void RemoveEmptyFolders(string path)
    {
        for (var folder = Path.GetDirectoryName(path); folder is not null && folder.StartsWith(_rootWithSeparator, StringComparison.Ordinal); folder = Path.GetDirectoryName(folder))
        {
            try
            {
                // Not recursive: it fails, atomically, on a folder that is not empty.
                Directory.Delete(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
