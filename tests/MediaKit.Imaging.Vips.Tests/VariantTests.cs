using MediaKit.Imaging.Vips.Internal;
using MediaKit.Processing;
using Microsoft.Extensions.Options;
using NetVips;

namespace MediaKit.Imaging.Vips.Tests;

public sealed class VariantTests
{
    [Fact]
    public async Task The_default_variants_are_150_300_and_800_pixels_in_the_original_family_and_WebP()
    {
        using var noise = Image.Gaussnoise(1600, 1200).Cast(Enums.BandFormat.Uchar);
        var (result, sink) = await Engine.ProcessAsync(noise.JpegsaveBuffer(), MediaContentTypes.Jpeg);

        Assert.Equal(["thumb-150", "thumb-150-webp", "thumb-300", "thumb-300-webp", "thumb-800", "thumb-800-webp"], sink.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, (file, bytes)) in sink.Files)
        {
            using var image = Image.NewFromBuffer(bytes);
            var width = int.Parse(name.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(width, image.Width);
            Assert.InRange(image.Height, (width * 3 / 4) - 1, (width * 3 / 4) + 1);
            Assert.Equal(name.EndsWith("-webp", StringComparison.Ordinal) ? "webpload" : "jpegload", ((string)image.Get("vips-loader")).Split('_')[0]);
            Assert.Equal((image.Width, image.Height), (file.Width!.Value, file.Height!.Value));
        }

        Assert.NotNull(result.Placeholder);
        Assert.InRange(Convert.FromBase64String(result.Placeholder).Length, 5, 40);
    }

    [Fact]
    public async Task Variants_never_carry_the_GPS_position_and_the_probe_never_reports_it()
    {
        var jpeg = WithExif(Image.Gaussnoise(400, 300).Cast(Enums.BandFormat.Uchar).JpegsaveBuffer());
        using (var original = Image.NewFromBuffer(jpeg))
        {
            // The attack is real: the original carries a GPS position.
            Assert.Contains(original.GetFields(), f => f.StartsWith("exif-ifd3-GPS", StringComparison.Ordinal));
        }

        var probe = await new VipsImageProbe(Options.Create(new VipsImagingOptions())).ProbeAsync(new MemoryStream(jpeg), MediaContentTypes.Jpeg, CancellationToken.None);
        var (_, sink) = await Engine.ProcessAsync(jpeg, MediaContentTypes.Jpeg);

        Assert.Equal("MediaKit TestCam", probe!.Metadata![MediaMetadataKeys.Camera]);
        Assert.DoesNotContain(probe.Metadata.Values, v => v.Contains("51", StringComparison.Ordinal) && v.Contains("N", StringComparison.Ordinal));
        foreach (var (name, (_, bytes)) in sink.Files)
        {
            using var variant = Image.NewFromBuffer(bytes);
            Assert.DoesNotContain(variant.GetFields(), f => f.StartsWith("exif-", StringComparison.Ordinal) || f == "xmp-data" || f == "iptc-data");
        }
    }

    [Fact]
    public void The_ThumbHash_of_a_flat_color_decodes_to_that_color_average()
    {
        var rgba = new byte[32 * 32 * 4];
        for (var i = 0; i < rgba.Length; i += 4)
        {
            (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (200, 100, 50, 255);
        }

        var hash = ThumbHash.Encode(32, 32, rgba);

        // The header's 6-bit L DC: (200+100+50)/3/255 * 63 = 28.8 → 29; no alpha bit; square → 5-byte header + AC nibbles.
        Assert.Equal(29, hash[0] & 63);
        Assert.Equal(0, (hash[2] >> 7) & 1);
    }

    /// <summary>Inserts an EXIF APP1 segment with a camera and a GPS latitude right after the JPEG's SOI marker.</summary>
    internal static byte[] WithExif(byte[] jpeg)
    {
        static void U16(List<byte> b, int v) { b.Add((byte)v); b.Add((byte)(v >> 8)); }
        static void U32(List<byte> b, int v) { U16(b, v & 0xFFFF); U16(b, v >> 16); }

        // Little-endian TIFF: IFD0 at 8 with Make (0x010F) and GPSInfo (0x8825) → GPS IFD with GPSLatitudeRef (1) = "N" and GPSLatitude (2) = 51/1, 30/1, 0/1.
        var make = "MediaKit TestCam\0"u8.ToArray();
        var tiff = new List<byte> { (byte)'I', (byte)'I', 42, 0 };
        U32(tiff, 8);
        const int ifd0 = 8, ifd0Size = 2 + (2 * 12) + 4;
        var makeAt = ifd0 + ifd0Size;
        var gpsAt = makeAt + make.Length + (make.Length % 2);
        U16(tiff, 2);
        U16(tiff, 0x010F); U16(tiff, 2); U32(tiff, make.Length); U32(tiff, makeAt);
        U16(tiff, 0x8825); U16(tiff, 4); U32(tiff, 1); U32(tiff, gpsAt);
        U32(tiff, 0);
        tiff.AddRange(make);
        if (make.Length % 2 == 1)
        {
            tiff.Add(0);
        }

        const int gpsSize = 2 + (2 * 12) + 4;
        var rationalsAt = gpsAt + gpsSize;
        U16(tiff, 2);
        U16(tiff, 1); U16(tiff, 2); U32(tiff, 2); tiff.AddRange("N\0\0\0"u8.ToArray());
        U16(tiff, 2); U16(tiff, 5); U32(tiff, 3); U32(tiff, rationalsAt);
        U32(tiff, 0);
        foreach (var value in new[] { 51, 30, 0 })
        {
            U32(tiff, value);
            U32(tiff, 1);
        }

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new List<byte> { 0xFF, 0xE1, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2) };
        segment.AddRange(payload);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }
}
