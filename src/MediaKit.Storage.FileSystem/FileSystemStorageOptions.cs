namespace MediaKit.Storage.FileSystem;

/// <summary>The options of the local disk blob store, validated when the app starts.</summary>
public sealed class FileSystemStorageOptions
{
    /// <summary>
    /// The folder that holds the blobs. Required; there is no default. A relative path is resolved against the host's
    /// content root (<c>IHostEnvironment.ContentRootPath</c>) when a host is registered, otherwise against the current
    /// directory. The folder, and its <c>.tmp</c> subfolder for writes in progress, are created when missing.
    /// </summary>
    public string RootPath { get; set; } = "";

    /// <summary>
    /// The size, in bytes, of the one pooled buffer a write copies through. Default 1 MiB; allowed 4 KiB to 16 MiB.
    /// Memory used per write stays at this size however large the file is.
    /// </summary>
    public int BufferSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Whether a write is flushed to the disk (<c>fsync</c>) before it becomes visible under its key, so a power
    /// loss never leaves a truncated file under a key. Default <see langword="true"/>. Turn it off only where the
    /// files can be lost, such as in tests.
    /// </summary>
    public bool FlushToDisk { get; set; } = true;
}
