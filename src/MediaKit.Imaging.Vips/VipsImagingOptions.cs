namespace MediaKit.Imaging.Vips;

/// <summary>Options of the libvips image engine.</summary>
public sealed class VipsImagingOptions
{
    /// <summary>The most pixels (width × height) an image may have before it is refused unread. Default 100 megapixels.</summary>
    public long MaxPixels { get; set; } = 100_000_000;
}
