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
    /// Uses libvips (through NetVips) for images: probes the upright dimensions, frames and safe metadata from the header,
    /// generates the collections' variants and a ThumbHash placeholder, with only the loaders of accepted formats enabled
    /// and the pixel, frame and time limits of <see cref="VipsImagingOptions"/>.
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

        options.Validate(o => o.MaxPixels > 0, "VipsImagingOptions.MaxPixels must be positive.")
            .Validate(o => o.MaxFrames > 0, "VipsImagingOptions.MaxFrames must be positive.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "VipsImagingOptions.Timeout must be positive.")
            .Validate(o => o.MaxParallelEncodes >= 0, "VipsImagingOptions.MaxParallelEncodes must be 0 (one per core) or more.")
            .Validate(o => o.PlaceholderSize is >= 1 and <= 100, "VipsImagingOptions.PlaceholderSize must be between 1 and 100 (ThumbHash encodes at most 100 pixels per side).")
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IMediaProbe, VipsImageProbe>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IMediaProcessor, VipsImageEngine>());
        return builder;
    }
}
