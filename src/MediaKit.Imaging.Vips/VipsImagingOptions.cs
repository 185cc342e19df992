namespace MediaKit.Imaging.Vips;

/// <summary>Options of the libvips image engine: the decoding limits that keep a hostile file from exhausting the server.</summary>
public sealed class VipsImagingOptions
{
    /// <summary>The most pixels (width × height of one frame) an image may have; checked from the header, before any pixel is decoded. Default 100 megapixels.</summary>
    public long MaxPixels { get; set; } = 100_000_000;

    /// <summary>The most frames (pages) an animated GIF or WebP may have; checked from the header, before decoding. Default 500.</summary>
    public int MaxFrames { get; set; } = 500;

    /// <summary>The longest time decoding and encoding one file may take; the work is stopped and the upload rolled back after it. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether variants of animated GIF and WebP images stay animated when their format can animate (GIF, WebP). Default
    /// <see langword="true"/>; when <see langword="false"/>, and for JPEG, PNG and AVIF variants, the first frame is used.
    /// </summary>
    public bool AnimatedVariants { get; set; } = true;

    /// <summary>
    /// How many variants of one image are encoded at the same time once the image is decoded (encoding, WebP and AVIF above
    /// all, is most of the work after the one decode). Default 0: one per processor core; 1 encodes them one after another.
    /// </summary>
    public int MaxParallelEncodes { get; set; }

    /// <summary>The largest side, in pixels, of the rendition the placeholder (ThumbHash) is computed from: at most 100. Default 100.</summary>
    public int PlaceholderSize { get; set; } = 100;
}
