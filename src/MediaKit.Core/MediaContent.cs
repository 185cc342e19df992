using MediaKit.Storage;

namespace MediaKit;

/// <summary>An open file of an asset: its stream and what a response needs to describe it.</summary>
public sealed class MediaContent : IAsyncDisposable, IDisposable
{
    /// <summary>Creates the content.</summary>
    /// <param name="stream">The bytes: the whole file or the requested range.</param>
    /// <param name="asset">The asset the file belongs to.</param>
    /// <param name="contentType">The file's content type.</param>
    /// <param name="length">The length of the whole file in bytes.</param>
    /// <param name="entityTag">A strong, quoted entity tag of the file's bytes.</param>
    /// <param name="range">The range that <paramref name="stream"/> covers, or <see langword="null"/> for the whole file.</param>
    public MediaContent(Stream stream, MediaAsset asset, string contentType, long length, string entityTag, BlobRange? range)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(asset);
        Stream = stream;
        Asset = asset;
        ContentType = contentType;
        Length = length;
        EntityTag = entityTag;
        Range = range;
    }

    /// <summary>The asset the file belongs to.</summary>
    public MediaAsset Asset { get; }

    /// <summary>The bytes: the whole file, or the requested range.</summary>
    public Stream Stream { get; }

    /// <summary>The content type decided from the file's bytes.</summary>
    public string ContentType { get; }

    /// <summary>The length of the whole file in bytes (not of the range).</summary>
    public long Length { get; }

    /// <summary>A strong entity tag of the file's bytes, quoted.</summary>
    public string EntityTag { get; }

    /// <summary>When the file last changed.</summary>
    public DateTimeOffset LastModified => Asset.UpdatedAt;

    /// <summary>The file name to offer for downloads.</summary>
    public string FileName => Asset.FileName;

    /// <summary>The range that <see cref="Stream"/> covers, or <see langword="null"/> for the whole file.</summary>
    public BlobRange? Range { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => Stream.Dispose();
}
