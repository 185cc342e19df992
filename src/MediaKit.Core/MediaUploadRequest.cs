namespace MediaKit;

/// <summary>A file to upload into a collection.</summary>
public sealed class MediaUploadRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="collection">The collection whose policy applies, such as <c>products</c>.</param>
    /// <param name="fileName">The client's file name; kept, normalized, for display only.</param>
    /// <param name="content">The bytes; may be non-seekable and of unknown length. Read once; not disposed.</param>
    public MediaUploadRequest(string collection, string fileName, Stream content)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        Collection = collection;
        FileName = fileName;
        Content = content;
    }

    /// <summary>The collection whose policy applies.</summary>
    public string Collection { get; }

    /// <summary>The client's file name. Its extension may narrow the detected type, never widen it.</summary>
    public string FileName { get; }

    /// <summary>The bytes to store.</summary>
    public Stream Content { get; }

    /// <summary>The content type the client declared, if any. It may narrow the detected type, never widen it.</summary>
    public string? DeclaredContentType { get; init; }

    /// <summary>The length the client declared, if known; a declared length over the limit is rejected before reading.</summary>
    public long? DeclaredLength { get; init; }

    /// <summary>
    /// The identifier of the uploading user; when <see langword="null"/>, the signed-in user (<see cref="IMediaActorAccessor.ActorId"/>).
    /// Quotas, the review rule of pending files and "only the uploader may delete" key on it.
    /// </summary>
    public string? UploadedBy { get; init; }

    /// <summary>An optional title.</summary>
    public string? Title { get; init; }

    /// <summary>Optional alternative text.</summary>
    public string? AltText { get; init; }

    /// <summary>Optional tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>When the asset may be removed automatically.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
