using MediaKit.Processing;
using Microsoft.Extensions.Options;
using NetVips;

namespace MediaKit.Imaging.Vips.Internal;

/// <summary>Reads an image's upright size from its header; the pixels are not decoded.</summary>
internal sealed class VipsImageProbe(IOptions<VipsImagingOptions> options) : IMediaProbe
{
    private static readonly HashSet<string> s_types = new(StringComparer.OrdinalIgnoreCase)
    {
        MediaContentTypes.Jpeg, MediaContentTypes.Png, MediaContentTypes.Gif, MediaContentTypes.WebP,
        MediaContentTypes.Avif, MediaContentTypes.Heic,
    };

    public bool CanProbe(string contentType) => s_types.Contains(contentType);

    public Task<MediaProbeResult?> ProbeAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        cancellationToken.ThrowIfCancellationRequested();
        Image image;
        try
        {
            // Sequential access reads only what the header needs.
            image = Image.NewFromStream(content, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        }
        catch (VipsException ex)
        {
            throw new MediaException(MediaErrorCodes.Corrupt, "The image could not be read: it is corrupt or not really an image.", ex);
        }

        using (image)
        {
            if ((long)image.Width * image.Height > options.Value.MaxPixels)
            {
                throw new MediaException(MediaErrorCodes.TooLarge, $"The image has {(long)image.Width * image.Height:N0} pixels; at most {options.Value.MaxPixels:N0} are allowed.");
            }

            var orientation = image.Contains("orientation") ? image.Get("orientation") as int? ?? 1 : 1;
            var transposed = orientation is >= 5 and <= 8;
            return Task.FromResult<MediaProbeResult?>(new MediaProbeResult
            {
                Width = transposed ? image.Height : image.Width,
                Height = transposed ? image.Width : image.Height,
            });
        }
    }
}
