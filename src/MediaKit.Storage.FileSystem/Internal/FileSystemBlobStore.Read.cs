using System.Globalization;
using System.IO.Enumeration;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace MediaKit.Storage.FileSystem.Internal;

internal sealed partial class FileSystemBlobStore
{
    // Share.Delete lets a blob be deleted or overwritten while it is being served; the reader keeps the old bytes.
    private const FileShare ReadShare = FileShare.Read | FileShare.Delete;
    private const FileOptions ReadFileOptions = FileOptions.Asynchronous | FileOptions.SequentialScan;

    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = true,
        // A folder that cannot be read must fail the listing, not hide its blobs.
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
    };

    public Task<Stream?> OpenReadAsync(string key, BlobRange? range, CancellationToken cancellationToken)
    {
        MediaBlobKey.EnsureValid(key);
        if (range is { } requested)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(requested.Offset, nameof(range));
            if (requested.Length is < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(range), requested.Length, "The length of a range must not be negative.");
            }
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<Stream?>(cancellationToken);
        }

        var path = ContainedPathOf(key);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, ReadShare, ReadFileOptions);
        }
        catch (Exception ex)
        {
            // A path through a link is refused whatever opening it said (a link to nowhere is refused, not "not found").
            EnsureNoLinks(key, path);
            if (IsNotFound(ex, path))
            {
                return Task.FromResult<Stream?>(null);
            }

            throw;
        }

        FileStream? file = null;
        try
        {
            if (!OpenedWithoutLinks(handle, key, path))
            {
                EnsureNoLinks(key, path);
            }

            file = new FileStream(handle, FileAccess.Read);
            if (range is not { } r)
            {
                return Task.FromResult<Stream?>(file);
            }

            var fileLength = file.Length;
            if (r.Offset > fileLength)
            {
                throw new ArgumentOutOfRangeException(nameof(range), r.Offset, $"The range starts at byte {r.Offset}, past the end of blob '{key}' ({fileLength} bytes).");
            }

            file.Seek(r.Offset, SeekOrigin.Begin);
            Stream stream = r.Length is { } length && length < fileLength - r.Offset ? new LengthLimitedStream(file, length) : file;
            return Task.FromResult<Stream?>(stream);
        }
        catch
        {
            if (file is not null)
            {
                file.Dispose();
            }
            else
            {
                handle.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Whether the file just opened is the one its path names with no link on the way: on Linux, the kernel's name of the open
    /// file (<c>/proc/self/fd</c>) must be the real root followed by the key. One system call instead of one per folder of
    /// the key, and it checks what was opened, not what the path named a moment before. <see langword="false"/> means "not
    /// shown" (another system, a link, a file deleted meanwhile, the real root not known yet): the caller then walks the path.
    /// </summary>
    private bool OpenedWithoutLinks(SafeFileHandle handle, string key, string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        string? opened;
        try
        {
            opened = new FileInfo(string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{handle.DangerousGetHandle()}")).LinkTarget;
        }
        catch (IOException)
        {
            return false;
        }

        var relative = path.AsSpan(_rootWithSeparator.Length);
        if (opened is null || !opened.AsSpan().EndsWith(relative, StringComparison.Ordinal)
            || opened.Length <= relative.Length || opened[opened.Length - relative.Length - 1] != '/')
        {
            return false;
        }

        var openedRoot = opened.AsSpan(0, opened.Length - relative.Length - 1);
        if (_realRoot is { } realRoot)
        {
            return openedRoot.SequenceEqual(realRoot);
        }

        // The first file opened: learn the root's real path (the root itself may sit behind links, which are the host's to
        // choose) once the walk has shown that nothing below the root is a link.
        EnsureNoLinks(key, path);
        _realRoot = openedRoot.ToString();
        return true;
    }

    public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        MediaBlobKey.EnsureValid(key);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<BlobInfo?>(cancellationToken);
        }

        return Task.FromResult(Describe(key, PathOf(key)));
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = ListingStart(prefix);
        if (start is null)
        {
            yield break;
        }

        var files = new FileSystemEnumerable<BlobInfo?>(start, (ref FileSystemEntry entry) => ToBlob(ref entry, prefix), ListOptions)
        {
            ShouldIncludePredicate = static (ref FileSystemEntry entry) => !entry.IsDirectory && (entry.Attributes & FileAttributes.ReparsePoint) == 0,

            // No key has a segment starting with '.' (that also skips .tmp), and links would lead out of the root.
            ShouldRecursePredicate = static (ref FileSystemEntry entry) => entry.FileName[0] != '.' && (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };

        IEnumerator<BlobInfo?> enumerator;
        try
        {
            enumerator = files.GetEnumerator();
        }
        catch (DirectoryNotFoundException)
        {
            // The folder named by the prefix was removed with its last blob after ListingStart looked.
            yield break;
        }

        using (enumerator)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!enumerator.MoveNext())
                {
                    yield break;
                }

                if (enumerator.Current is { } blob)
                {
                    yield return blob;
                }
            }
        }
    }

    /// <summary>The deepest folder holding every key that starts with <paramref name="prefix"/>, or null when no key can.</summary>
    private string? ListingStart(string? prefix)
    {
        var slash = prefix?.LastIndexOf('/') ?? -1;
        if (slash < 0)
        {
            return _root;
        }

        // The folder part of a valid key is a valid key itself, so an invalid folder part matches nothing.
        var folderKey = prefix![..slash];
        if (!MediaBlobKey.IsValid(folderKey))
        {
            return null;
        }

        var folder = PathOf(folderKey);
        return Directory.Exists(folder) ? folder : null;
    }

    private BlobInfo? ToBlob(ref FileSystemEntry entry, string? prefix)
    {
        // Every folder enumerated is the root or below it, so its path starts with the root's.
        var folder = entry.Directory.Length >= _rootWithSeparator.Length ? entry.Directory[_rootWithSeparator.Length..] : [];
        var key = folder.IsEmpty ? entry.FileName.ToString() : string.Concat(folder, "/", entry.FileName);
        if (Path.DirectorySeparatorChar != '/')
        {
            key = key.Replace(Path.DirectorySeparatorChar, '/');
        }

        // Files nobody wrote through this store (notes, editor backups) are not blobs.
        if (!MediaBlobKey.IsValid(key) || (prefix is not null && !key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return null;
        }

        return new BlobInfo(key, entry.Length, entry.LastWriteTimeUtc);
    }

    private static BlobInfo? Describe(string key, string path)
    {
        var file = new FileInfo(path);
        try
        {
            return new BlobInfo(key, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // FileInfo.Exists would also say false when the disk fails; only a real absence is "not found".
            return null;
        }
    }

    /// <summary>Whether opening <paramref name="path"/> failed because there is no blob, as opposed to a storage failure.</summary>
    private static bool IsNotFound(Exception ex, string path) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => true,

        // The key names a folder of other blobs (key "a" next to "a/b"): that is no blob either.
        UnauthorizedAccessException => Directory.Exists(path),
        _ => false,
    };
}
