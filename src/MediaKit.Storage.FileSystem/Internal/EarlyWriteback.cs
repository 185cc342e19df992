using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MediaKit.Storage.FileSystem.Internal;

/// <summary>
/// Starts the kernel's writeback of a file's bytes while the file is still being written (Linux <c>sync_file_range</c> with
/// <c>SYNC_FILE_RANGE_WRITE</c>: asynchronous, it does not wait for the disk), so that the final <c>fsync</c> of a durable
/// write waits for the last few megabytes instead of all of them. Elsewhere, or when the call fails, it does nothing: the
/// final <c>fsync</c> still makes the write durable.
/// </summary>
internal sealed partial class EarlyWriteback(SafeFileHandle file)
{
    /// <summary>How many written bytes are handed to writeback at a time.</summary>
    internal const long Chunk = 8L << 20;

    private const uint SyncFileRangeWrite = 2;

    private static readonly bool s_supported = OperatingSystem.IsLinux();

    private long _started;
    private bool _failed;

    /// <summary>How many bytes writeback was started for.</summary>
    internal long Started => _started;

    /// <summary>Call after each write: once <see cref="Chunk"/> more bytes are written, starts their writeback.</summary>
    /// <param name="written">The number of bytes written to the file so far.</param>
    public void Written(long written)
    {
        if (!s_supported || _failed || written - _started < Chunk)
        {
            return;
        }

        var length = written - _started;
        if (SyncFileRange(file, _started, length, SyncFileRangeWrite) != 0)
        {
            // ENOSYS, EINVAL on some file systems, ESPIPE: leave it to the final fsync.
            _failed = true;
            return;
        }

        _started = written;
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(SafeFileHandle fd, long offset, long nbytes, uint flags);
}
