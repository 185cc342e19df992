using MediaKit.Processing;
using Microsoft.Extensions.Options;

namespace MediaKit.Imaging.Vips.Internal;

/// <summary>Reads an image's upright size, frames and safe metadata from its header; the pixels are not decoded.</summary>
internal sealed class VipsImageProbe(IOptions<VipsImagingOptions> options) : IMediaProbe
{
    internal static readonly HashSet<string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        MediaContentTypes.Jpeg, MediaContentTypes.Png, MediaContentTypes.Gif, MediaContentTypes.WebP,
        MediaContentTypes.Avif, MediaContentTypes.Heic,
    };

    public bool CanProbe(string contentType) => Types.Contains(contentType);

    public Task<MediaProbeResult?> ProbeAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        cancellationToken.ThrowIfCancellationRequested();
        var header = VipsHeader.Read(content, options.Value);
        return Task.FromResult<MediaProbeResult?>(new MediaProbeResult
        {
            Width = header.UprightWidth,
            Height = header.UprightHeight,
            Metadata = header.Metadata,
        });
    }
}
