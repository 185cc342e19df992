namespace MediaKit;

/// <summary>New content for an existing asset (<see cref="IMediaStore.ReplaceContentAsync"/>): the id, usages, groups and descriptive fields stay.</summary>
public sealed class MediaContentReplacement
{
    /// <summary>Creates a replacement.</summary>
    /// <param name="fileName">The client's file name of the new content; it becomes the asset's display name.</param>
    /// <param name="content">The bytes; may be non-seekable and of unknown length. Read once; not disposed.</param>
    public MediaContentReplacement(string fileName, Stream content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        FileName = fileName;
        Content = content;
    }

    /// <summary>The client's file name. Its extension may narrow the detected type, never widen it.</summary>
    public string FileName { get; }

    /// <summary>The bytes to store.</summary>
    public Stream Content { get; }

    /// <summary>The content type the client declared, if any.</summary>
    public string? DeclaredContentType { get; init; }

    /// <summary>The length the client declared, if known.</summary>
    public long? DeclaredLength { get; init; }
}
