using MediaKit.Storage;

namespace MediaKit;

/// <summary>An open file of an asset: its stream and what a response needs to describe it.</summary>
public sealed class MediaContent : IAsyncDisposable, IDisposable
{
    /// <summary>Creates the content.</summary>
    public MediaContent(Stream stream, string contentType, long length, string entityTag, DateTimeOffset lastModified, string fileName, BlobRange? range)
    {
        Stream = stream;
        ContentType = contentType;
        Length = length;
        EntityTag = entityTag;
        LastModified = lastModified;
        FileName = fileName;
        Range = range;
    }

    /// <summary>The bytes: the whole file, or the requested range.</summary>
    public Stream Stream { get; }

    /// <summary>The content type decided from the file's bytes.</summary>
    public string ContentType { get; }

    /// <summary>The length of the whole file in bytes (not of the range).</summary>
    public long Length { get; }

    /// <summary>A strong entity tag of the file's bytes, quoted.</summary>
    public string EntityTag { get; }

    /// <summary>When the file last changed.</summary>
    public DateTimeOffset LastModified { get; }

    /// <summary>The file name to offer for downloads.</summary>
    public string FileName { get; }

    /// <summary>The range that <see cref="Stream"/> covers, or <see langword="null"/> for the whole file.</summary>
    public BlobRange? Range { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => Stream.Dispose();
}
