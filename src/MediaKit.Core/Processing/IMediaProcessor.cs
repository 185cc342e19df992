namespace MediaKit.Processing;

/// <summary>
/// Derives variants (thumbnails, renditions, video posters) from a stored original. Engines implement it: the libvips engine
/// (<c>MediaKit.Imaging.Vips</c>) for images, an ffmpeg poster generator for videos. Several may be registered; for each file
/// the upload pipeline runs every processor whose <see cref="CanProcess"/> accepts the content type, after the probes and
/// before the record is committed.
/// </summary>
/// <remarks>
/// <para>
/// A processor never writes to storage itself: it hands each encoded file to the <see cref="IMediaVariantSink"/>, which
/// generates the storage key, writes the bytes and remembers them so that the pipeline can delete them again when anything
/// later fails (the processor, another processor, the catalog). A processor must therefore not swallow failures: a file it
/// cannot decode is a <see cref="MediaException"/> with <see cref="MediaErrorCodes.Corrupt"/> (or a more precise code), and
/// the upload is rolled back with nothing left in storage.
/// </para>
/// <para>
/// Processors run once per upload, replacement or backfill, on one thread at a time per file; an implementation is a
/// singleton and must be thread-safe across files.
/// </para>
/// </remarks>
public interface IMediaProcessor
{
    /// <summary>Whether this processor derives variants from files of <paramref name="contentType"/> (decided from the bytes).</summary>
    bool CanProcess(string contentType);

    /// <summary>Generates the requested variants of one original.</summary>
    /// <param name="request">The original and the variants to generate. Only definitions that apply to the file's type are passed.</param>
    /// <param name="sink">Stores each generated file; the returned <see cref="MediaVariant"/> is what the processor reports.</param>
    /// <param name="cancellationToken">Cancels the work; the pipeline then deletes what the sink already stored.</param>
    /// <returns>The stored variants and any facts found while decoding (a placeholder, metadata).</returns>
    /// <exception cref="MediaException">
    /// The file is corrupt (<see cref="MediaErrorCodes.Corrupt"/>), breaks a decoding limit (<see cref="MediaErrorCodes.TooLarge"/>,
    /// <see cref="MediaErrorCodes.ProcessingTimeout"/>) or cannot be processed; the upload is rolled back.
    /// </exception>
    Task<MediaProcessingResult> ProcessAsync(MediaProcessingRequest request, IMediaVariantSink sink, CancellationToken cancellationToken);
}

/// <summary>Stores the files a processor generates. Implemented by the pipeline; processors only call it.</summary>
public interface IMediaVariantSink
{
    /// <summary>
    /// Writes one generated file under a generated key (never derived from the file's content or the client) and returns its
    /// record. The pipeline deletes the bytes again if the upload fails afterwards.
    /// </summary>
    /// <param name="variant">What the file is: its name, content type and pixel size.</param>
    /// <param name="content">The encoded file, read once to its end; the sink does not dispose it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The variant's record, with <see cref="MediaVariant.StorageKey"/>, <see cref="MediaVariant.Length"/> and <see cref="MediaVariant.CreatedAt"/> set.</returns>
    /// <exception cref="MediaException">The blob store failed (<see cref="MediaErrorCodes.StorageFailed"/>), or the name is not one of the request's definitions.</exception>
    Task<MediaVariant> WriteAsync(MediaVariantFile variant, Stream content, CancellationToken cancellationToken);
}

/// <summary>Describes one generated file handed to <see cref="IMediaVariantSink.WriteAsync"/>.</summary>
/// <param name="Name">The variant's name: the <see cref="MediaVariantDefinition.Name"/> it was made for.</param>
/// <param name="ContentType">The encoded file's content type, such as <c>image/webp</c>.</param>
/// <param name="Width">The file's width in pixels, when it is an image.</param>
/// <param name="Height">The file's height in pixels, when it is an image (of one frame, for an animation).</param>
public sealed record MediaVariantFile(string Name, string ContentType, int? Width, int? Height);

/// <summary>The original a processor works on and the variants it must generate.</summary>
public sealed class MediaProcessingRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="assetId">The asset being processed.</param>
    /// <param name="original">The stored original.</param>
    /// <param name="variants">The definitions that apply to the original's type, in the collection's order.</param>
    public MediaProcessingRequest(Guid assetId, MediaProcessingInput original, IReadOnlyList<MediaVariantDefinition> variants)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(variants);
        AssetId = assetId;
        Original = original;
        Variants = variants;
    }

    /// <summary>The asset being processed (for logs).</summary>
    public Guid AssetId { get; }

    /// <summary>The stored original.</summary>
    public MediaProcessingInput Original { get; }

    /// <summary>The variants to generate; may be empty when only a placeholder is wanted.</summary>
    public IReadOnlyList<MediaVariantDefinition> Variants { get; }

    /// <summary>Whether the processor should compute a placeholder (<see cref="MediaAsset.Placeholder"/>) for the original. Default <see langword="true"/>.</summary>
    public bool GeneratePlaceholder { get; init; } = true;
}

/// <summary>
/// The stored original of a processing request. Engines that stream (libvips) call <see cref="OpenReadAsync"/>; tools that
/// need a seekable file on disk (ffmpeg) call <see cref="GetLocalPathAsync"/>, which copies the blob to a temporary file once
/// per request when the blob store has no local file of its own, and removes it when the request ends.
/// </summary>
public abstract class MediaProcessingInput
{
    /// <summary>The content type decided from the bytes.</summary>
    public abstract string ContentType { get; }

    /// <summary>The original's size in bytes.</summary>
    public abstract long Length { get; }

    /// <summary>Opens the original for reading, from its start. The caller disposes the stream.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>A read-only stream; it may not be seekable.</returns>
    public abstract Task<Stream> OpenReadAsync(CancellationToken cancellationToken);

    /// <summary>A path to a local, read-only copy of the original, valid until the processing request ends. Do not delete it.</summary>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The file's full path.</returns>
    public abstract Task<string> GetLocalPathAsync(CancellationToken cancellationToken);

    /// <summary>An input over a local file, for tools, tests and benchmarks.</summary>
    /// <param name="path">The file.</param>
    /// <param name="contentType">The file's content type.</param>
    /// <returns>The input.</returns>
    public static MediaProcessingInput FromFile(string path, string contentType)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return new FileInput(Path.GetFullPath(path), contentType);
    }

    private sealed class FileInput(string path, string contentType) : MediaProcessingInput
    {
        public override string ContentType => contentType;

        public override long Length => new FileInfo(path).Length;

        public override Task<Stream> OpenReadAsync(CancellationToken cancellationToken)
            => Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan));

        public override Task<string> GetLocalPathAsync(CancellationToken cancellationToken) => Task.FromResult(path);
    }
}

/// <summary>What a processor produced.</summary>
public sealed record MediaProcessingResult
{
    /// <summary>An empty result: no variants, no facts.</summary>
    public static MediaProcessingResult Empty { get; } = new();

    /// <summary>The variants stored through the sink, as it returned them.</summary>
    public IReadOnlyList<MediaVariant> Variants { get; init; } = [];

    /// <summary>A compact placeholder (ThumbHash, base64) for <see cref="MediaAsset.Placeholder"/>, when one was computed.</summary>
    public string? Placeholder { get; init; }

    /// <summary>Facts found while decoding, by the keys of <see cref="MediaMetadataKeys"/>; merged with the probes' (the probes win).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
