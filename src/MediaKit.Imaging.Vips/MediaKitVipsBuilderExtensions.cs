using MediaKit;
using MediaKit.Imaging.Vips;
using MediaKit.Imaging.Vips.Internal;
using MediaKit.Processing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the libvips image engine.</summary>
public static class MediaKitVipsBuilderExtensions
{
    /// <summary>
    /// Uses libvips (through NetVips) to read the upright dimensions of uploaded images from their headers,
    /// without decoding the pixels.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMediaKit</c>.</param>
    /// <param name="configure">Adjusts the engine's options.</param>
    /// <returns>The builder.</returns>
    public static IMediaKitBuilder UseVipsImaging(this IMediaKitBuilder builder, Action<VipsImagingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<VipsImagingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.MaxPixels > 0, "VipsImagingOptions.MaxPixels must be positive.").ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IMediaProbe, VipsImageProbe>());
        return builder;
    }
}
