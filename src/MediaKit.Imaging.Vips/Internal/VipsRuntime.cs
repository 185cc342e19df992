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

    /// <summary>
    /// Whether this libvips decodes HEVC-compressed HEIF (the HEIC photos of phones). NetVips.Native, like sharp's prebuilt
    /// libvips, is built without an HEVC decoder (libde265) for patent reasons; a system libvips may have one. Found out once,
    /// by decoding a 64 × 48 HEIC made with libheif's <c>heif-enc</c>.
    /// </summary>
    public static bool DecodesHevc => s_decodesHevc.Value;

    private static readonly Lazy<bool> s_decodesHevc = new(ProbeHevc, LazyThreadSafetyMode.ExecutionAndPublication);

    internal const string HevcSample =
        "AAAAHGZ0eXBoZWljAAAAAG1pZjFoZWljbWlhZgAAAa1tZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAAAA5waXRtAAAAAAACAAAAEGlkYXQAAAAAAEAAMAAAADhpbG9jAQAAAERAAAIAAQAAAAAAAAHRAAEAAAAAAAAAcAACAAEAAAAAAAAAAQAAAAAAAAAIAAAAOGlpbmYAAAAAAAIAAAAVaW5mZQIAAAEAAQAAaHZjMQAAAAAVaW5mZQIAAAAAAgAAZ3JpZAAAAADYaXBycAAAALZpcGNvAAAAdmh2Y0MBA3AAAAAAAAAAAAAe8AD8/fj4AAAPAyAAAQAYQAEMAf//A3AAAAMAkAAAAwAAAwAeugJAIQABACpCAQEDcAAAAwCQAAADAAADAB6gIIEFlurkprm4EBAwIAAAAwAgAAADACEiAAEABkQBwXPAiQAAABRpc3BlAAAAAAAAAEAAAABAAAAAFGlzcGUAAAAAAAAAQAAAADAAAAAQcGl4aQAAAAADCAgIAAAAGmlwbWEAAAAAAAAAAgABAoECAAICA4QAAAAaaXJlZgAAAAAAAAAOZGltZwACAAEAAQAAAHhtZGF0AAAAbCgBrxOA9UU941XBs/sF0d+nYIrAATa5H37rfOZsSIFsIYPw8uPwNdP/knXIXjewbNVdwL6Q5Z0GR316Aw5neEsr/NnVps+5WGiq5xJiOnIw58ne7ULDjGRiDZQjI4Edv1ci5/0de2kgFE93gA==";

    private static bool ProbeHevc()
    {
        EnsureInitialized();
        try
        {
            using var image = Image.NewFromBuffer(Convert.FromBase64String(HevcSample), access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
            using var pixels = image.CopyMemory();
            return pixels.Width == 64;
        }
        catch (VipsException)
        {
            return false;
        }
    }

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
