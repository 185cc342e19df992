using NetVips;

namespace MediaKit.Imaging.Vips.Internal;

/// <summary>
/// Process-wide libvips settings, applied once before the first image is opened: untrusted operations are blocked and only
/// the loaders of the formats MediaKit accepts stay enabled, so a file that claims to be a JPEG but is a PDF, a FITS or a
/// matrix file never reaches a rarely fuzzed decoder.
/// </summary>
internal static class VipsRuntime
{
    /// <summary>The loader classes left enabled: JPEG, PNG (libspng and libpng), GIF, WebP, HEIF/AVIF and SVG (for sanitized SVG rasterization).</summary>
    internal static readonly string[] AllowedLoaders =
    [
        "VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadNsgif", "VipsForeignLoadGif", "VipsForeignLoadWebp",
        "VipsForeignLoadHeif", "VipsForeignLoadSvg",
    ];

    private static readonly Lazy<bool> s_initialized = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureInitialized() => _ = s_initialized.Value;

    private static bool Initialize()
    {
        NetVips.NetVips.BlockUntrusted = true;
        Operation.Block("VipsForeignLoad", true);
        foreach (var loader in AllowedLoaders)
        {
            Operation.Block(loader, false);
        }

        // Keep decoded pixels out of libvips' operation cache: a server handles each file once.
        Cache.Max = 0;
        return true;
    }
}
