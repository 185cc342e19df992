using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MediaKit.Storage.FileSystem.Internal;

/// <summary>
/// Blobs as files under one root folder: a key's <c>/</c>-separated segments become folders. Writes go to
/// <c>.tmp</c> first and are moved into place whole, so a key only ever shows complete bytes.
/// </summary>
internal sealed partial class FileSystemBlobStore : IMediaBlobStore, IMediaBlobStoreMaintenance
{
    // No valid key starts with '.', so the folder of writes in progress can never collide with a blob.
    private const string TempFolderName = ".tmp";
    private const string TempExtension = ".tmp";

    private readonly string _root;
    private readonly string _rootWithSeparator;
    private readonly string _tempRoot;
    private readonly int _bufferSize;
    private readonly bool _flushToDisk;
    private readonly ILogger _logger;

    // The root's path with its links resolved, as the kernel names open files (Linux); learned from the first read.
    private volatile string? _realRoot;

    public FileSystemBlobStore(IOptions<FileSystemStorageOptions> options, ILogger<FileSystemBlobStore>? logger = null, IHostEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _root = ResolveRoot(value.RootPath, environment?.ContentRootPath);
        _rootWithSeparator = Path.EndsInDirectorySeparator(_root) ? _root : _root + Path.DirectorySeparatorChar;
        _tempRoot = Path.Join(_root, TempFolderName);
        _bufferSize = value.BufferSize;
        _flushToDisk = value.FlushToDisk;
        // Logging is optional, as in Core: a host without AddLogging still gets a working store.
        _logger = logger ?? NullLogger<FileSystemBlobStore>.Instance;
        Directory.CreateDirectory(_tempRoot);
    }

    /// <summary>The absolute path of the root folder.</summary>
    internal string RootPath => _root;

    /// <summary>The absolute path of the folder of writes in progress.</summary>
    internal string TempPath => _tempRoot;

    internal static string ResolveRoot(string rootPath, string? contentRoot)
    {
        var basePath = string.IsNullOrEmpty(contentRoot) ? Directory.GetCurrentDirectory() : contentRoot;
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath, basePath));
    }

    /// <summary>The file of a key that <see cref="MediaBlobKey.EnsureValid(string)"/> accepted.</summary>
    /// <exception cref="UnauthorizedAccessException">The path would leave the root.</exception>
    private string PathOf(string key)
    {
        var path = ContainedPathOf(key);
        EnsureNoLinks(key, path);
        return path;
    }

    /// <summary>
    /// The file of a key, checked to stay inside the root by its name only: the caller must still refuse links below the
    /// root (<see cref="EnsureNoLinks"/>, or <see cref="OpenedWithoutLinks"/> after opening).
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The path would leave the root.</exception>
    private string ContainedPathOf(string key)
    {
        var relative = Path.DirectorySeparatorChar == '/' ? key : key.Replace('/', Path.DirectorySeparatorChar);
        var path = Path.GetFullPath(Path.Combine(_root, relative));

        // The key rules already exclude '..' and rooted keys; this holds even if those rules are ever loosened.
        if (!path.StartsWith(_rootWithSeparator, StringComparison.Ordinal))
        {
            Log.PathRefused(_logger, key, path, "it resolves outside the root");
            throw new UnauthorizedAccessException($"Blob key '{key}' resolves to '{path}', outside the storage root '{_root}'.");
        }

        return path;
    }

    /// <summary>
    /// Refuses a path that passes through a symbolic link (or junction) below the root: the path looks inside the
    /// root, but the file system would take it anywhere the link points.
    /// </summary>
    private void EnsureNoLinks(string key, string path)
    {
        for (var end = path.IndexOf(Path.DirectorySeparatorChar, _rootWithSeparator.Length); ; end = path.IndexOf(Path.DirectorySeparatorChar, end + 1))
        {
            var part = end < 0 ? path : path[..end];
            FileSystemInfo info = end < 0 ? new FileInfo(part) : new DirectoryInfo(part);
            var attributes = info.Attributes;

            // -1 means the part does not exist, and then nothing below it does either.
            if ((int)attributes == -1)
            {
                return;
            }

            if ((attributes & FileAttributes.ReparsePoint) != 0 && info.LinkTarget is not null)
            {
                Log.PathRefused(_logger, key, path, $"'{part}' is a symbolic link");
                throw new UnauthorizedAccessException($"Blob key '{key}' is refused: '{part}' is a symbolic link, and a blob path must stay inside the storage root '{_root}'.");
            }

            if (end < 0)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Message = "Writing blob {Key} failed; the write was rolled back and nothing was stored under the key")]
        public static partial void WriteRolledBack(ILogger logger, LogLevel level, string key, Exception exception);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Refused blob key {Key} (path {Path}): {Reason}")]
        public static partial void PathRefused(ILogger logger, string key, string path, string reason);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Removed {Count} abandoned temporary files of writes started before {StartedBefore}")]
        public static partial void AbandonedWritesRemoved(ILogger logger, int count, DateTimeOffset startedBefore);

        [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Could not remove the temporary file {Path} of a failed write; RemoveAbandonedWritesAsync will remove it")]
        public static partial void TempFileNotRemoved(ILogger logger, string path, Exception exception);
    }
}
