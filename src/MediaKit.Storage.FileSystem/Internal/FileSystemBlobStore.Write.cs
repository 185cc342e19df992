using System.Buffers;
using Microsoft.Extensions.Logging;

namespace MediaKit.Storage.FileSystem.Internal;

internal sealed partial class FileSystemBlobStore
{
    // No FileStream buffer: the copy loop already hands over BufferSize bytes at a time, a second buffer would only copy them again.
    private static readonly FileStreamOptions TempFileOptions = new()
    {
        Mode = FileMode.CreateNew,
        Access = FileAccess.Write,
        Share = FileShare.None,
        Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
        BufferSize = 0,
    };

    public async Task<BlobInfo> WriteAsync(string key, Stream content, BlobWriteOptions options, CancellationToken cancellationToken)
    {
        MediaBlobKey.EnsureValid(key);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        var path = PathOf(key);

        // Before reading anything: the caller keeps an unread stream and no bytes are copied for nothing.
        if (!options.Overwrite && File.Exists(path))
        {
            throw new MediaBlobExistsException(key);
        }

        var tempPath = Path.Join(_tempRoot, Guid.NewGuid().ToString("N") + TempExtension);

        // Two buffers: while one is written to disk, the next is read from the source (which hashes as it reads),
        // so on two cores hashing and writing overlap instead of taking turns.
        var front = ArrayPool<byte>.Shared.Rent(_bufferSize);
        var back = ArrayPool<byte>.Shared.Rent(_bufferSize);
        long length = 0;
        try
        {
            await using (var target = CreateTempFile(tempPath))
            {
                // A durable write hands its bytes to the disk as it goes, not all at the final fsync.
                var writeback = _flushToDisk ? new EarlyWriteback(target.SafeFileHandle) : null;
                var read = await content.ReadAsync(front.AsMemory(0, _bufferSize), cancellationToken);
                while (read > 0)
                {
                    var write = WriteAsync(target, front.AsMemory(0, read), writeback, length + read, cancellationToken);
                    int next;
                    try
                    {
                        next = await content.ReadAsync(back.AsMemory(0, _bufferSize), cancellationToken);
                    }
                    catch
                    {
                        // The write still uses its buffer: let it finish before the buffers go back to the pool.
                        await write.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                        throw;
                    }

                    await write;
                    length += read;
                    (front, back) = (back, front);
                    read = next;
                }

                target.Flush(flushToDisk: _flushToDisk);
            }

            cancellationToken.ThrowIfCancellationRequested();
            MoveIntoPlace(key, tempPath, path, options.Overwrite);
        }
        catch (Exception ex)
        {
            DeleteTempFile(tempPath);

            // Cancellations, rejected uploads and lost races are outcomes the caller handles; only the rest is worth a warning.
            var level = ex is OperationCanceledException or MediaException ? LogLevel.Debug : LogLevel.Warning;
            Log.WriteRolledBack(_logger, level, key, ex);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(front);
            ArrayPool<byte>.Shared.Return(back);
        }

        return new BlobInfo(key, length, new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
    }

    // The writeback call can wait when the disk's queue is full: made after the write, it overlaps the next read as the write does.
    private static async Task WriteAsync(FileStream target, ReadOnlyMemory<byte> bytes, EarlyWriteback? writeback, long writtenAfter, CancellationToken cancellationToken)
    {
        await target.WriteAsync(bytes, cancellationToken);
        writeback?.Written(writtenAfter);
    }

    private FileStream CreateTempFile(string tempPath)
    {
        try
        {
            return new FileStream(tempPath, TempFileOptions);
        }
        catch (DirectoryNotFoundException)
        {
            // The folder of writes in progress belongs to this store: when someone removed it, it is simply made again.
            Directory.CreateDirectory(_tempRoot);
            return new FileStream(tempPath, TempFileOptions);
        }
    }

    private void MoveIntoPlace(string key, string tempPath, string path, bool overwrite)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Checked again because the copy may have taken minutes, and creating folders would follow a link made meanwhile.
            EnsureNoLinks(key, path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                if (overwrite)
                {
                    File.Move(tempPath, path, overwrite: true);
                }
                else if (!CreateOnlyMove.TryMove(tempPath, path))
                {
                    throw new MediaBlobExistsException(key);
                }

                return;
            }
            catch (DirectoryNotFoundException) when (attempt < 3 && File.Exists(tempPath))
            {
                // A delete of the folder's last blob removed the folder between its creation and the move.
            }
        }
    }

    private void DeleteTempFile(string tempPath)
    {
        try
        {
            File.Delete(tempPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.TempFileNotRemoved(_logger, tempPath, ex);
        }
    }
}
