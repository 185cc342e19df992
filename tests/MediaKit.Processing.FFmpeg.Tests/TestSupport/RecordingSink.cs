namespace MediaKit.Processing.FFmpeg.Tests.TestSupport;

/// <summary>A variant sink that keeps the files in memory, for processor tests without a store.</summary>
internal sealed class RecordingSink : IMediaVariantSink
{
    public List<(MediaVariantFile File, byte[] Bytes)> Files { get; } = [];

    public async Task<MediaVariant> WriteAsync(MediaVariantFile variant, Stream content, CancellationToken cancellationToken)
    {
        var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        Files.Add((variant, copy.ToArray()));
        return new MediaVariant
        {
            Name = variant.Name,
            ContentType = variant.ContentType,
            Width = variant.Width,
            Height = variant.Height,
            Length = copy.Length,
            StorageKey = "test/" + variant.Name,
        };
    }
}
