using MediaKit.Processing;

namespace MediaKit.Imaging.Vips.Tests;

/// <summary>Keeps what a processor writes in memory, by variant name.</summary>
internal sealed class TestSink : IMediaVariantSink
{
    public Dictionary<string, (MediaVariantFile File, byte[] Bytes)> Files { get; } = new(StringComparer.Ordinal);

    public async Task<MediaVariant> WriteAsync(MediaVariantFile variant, Stream content, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        Files.Add(variant.Name, (variant, copy.ToArray()));
        return new MediaVariant { Name = variant.Name, ContentType = variant.ContentType, Width = variant.Width, Height = variant.Height, Length = copy.Length, StorageKey = variant.Name };
    }
}

internal static class Engine
{
    public static MediaVariantCollection DefaultVariants() => new MediaKitOptions().Collections.Add("test").Variants;

    public static MediaKit.Imaging.Vips.Internal.VipsImageEngine Create(VipsImagingOptions? options = null)
        => new(Microsoft.Extensions.Options.Options.Create(options ?? new VipsImagingOptions()));

    public static async Task<(MediaProcessingResult Result, TestSink Sink)> ProcessAsync(string path, string contentType, MediaVariantCollection? variants = null, VipsImagingOptions? options = null)
    {
        var sink = new TestSink();
        var request = new MediaProcessingRequest(Guid.NewGuid(), MediaProcessingInput.FromFile(path, contentType), (variants ?? DefaultVariants()).For(contentType));
        var result = await Create(options).ProcessAsync(request, sink, CancellationToken.None);
        return (result, sink);
    }

    public static async Task<(MediaProcessingResult Result, TestSink Sink)> ProcessAsync(byte[] bytes, string contentType, MediaVariantCollection? variants = null, VipsImagingOptions? options = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mediakit-test-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            return await ProcessAsync(path, contentType, variants, options);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
