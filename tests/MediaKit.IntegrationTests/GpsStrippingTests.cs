using NetVips;

namespace MediaKit.IntegrationTests;

/// <summary>
/// <see cref="MediaOriginalMetadata.RemoveGps"/> for PNG and WebP originals: files written by libvips with the camera's EXIF
/// (a GPS position included) and an XMP packet that repeats the position, uploaded through the real pipeline.
/// </summary>
public sealed class GpsStrippingTests
{
    private const string Xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"51,30.0N\"/></rdf:RDF></x:xmpmeta>";

    public static TheoryData<string, string> Formats => new() { { "png", "located.png" }, { "webp", "located.webp" } };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_collection_that_asks_for_it_stores_PNG_and_WebP_originals_without_their_GPS_position(string format, string fileName)
    {
        await using var host = await VariantHost.StartAsync(configure: o => o.Collections.Add("private-photos", c => { c.AcceptImages(); c.OriginalMetadata = MediaOriginalMetadata.RemoveGps; }));
        var file = Located(format);

        // libvips writes PNG's XMP compressed (a zTXt chunk named XML:com.adobe.xmp) and WebP's as plain text.
        var xmpMarker = format == "png" ? "XML:com.adobe.xmp" : "GPSLatitude";
        var kept = await host.UploadAsync("images", fileName, file);
        var cleaned = await host.UploadAsync("private-photos", fileName, file);

        var keptBytes = await File.ReadAllBytesAsync(Path.Combine(host.MediaRoot, kept.StorageKey));
        var cleanedBytes = await File.ReadAllBytesAsync(Path.Combine(host.MediaRoot, cleaned.StorageKey));
        using (var keptImage = Image.NewFromBuffer(keptBytes))
        {
            // Without the option the position is stored, in the EXIF and in the XMP: the attack the option answers is real.
            Assert.Contains(keptImage.GetFields(), f => f.StartsWith("exif-ifd3-GPS", StringComparison.Ordinal));
            Assert.Contains(xmpMarker, System.Text.Encoding.Latin1.GetString(keptBytes), StringComparison.Ordinal);
        }

        using (var cleanedImage = Image.NewFromBuffer(cleanedBytes))
        {
            Assert.DoesNotContain(cleanedImage.GetFields(), f => f.StartsWith("exif-ifd3-", StringComparison.Ordinal));
            Assert.Contains("MediaKit TestCam", (string)cleanedImage.Get("exif-ifd0-Make"), StringComparison.Ordinal);

            // Losslessly: the same pixels.
            using var original = Image.NewFromBuffer(file);
            Assert.Equal(0.0, (cleanedImage - original).Abs().Max());
        }

        Assert.DoesNotContain(xmpMarker, System.Text.Encoding.Latin1.GetString(cleanedBytes), StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(cleanedBytes)), cleaned.Sha256);
        Assert.Equal(cleanedBytes.Length, cleaned.Length);
        if (format == "webp")
        {
            // The RIFF header states the size before any chunk is read: the file keeps it.
            Assert.Equal(file.Length, cleanedBytes.Length);
        }

        Assert.Equal(6, cleaned.Variants.Count);
    }

    [Fact]
    public async Task A_PNG_with_a_malformed_EXIF_chunk_is_stored_without_it_and_still_decodes()
    {
        await using var host = await VariantHost.StartAsync(configure: o => o.Collections.Add("private-photos", c => { c.AcceptImages(); c.OriginalMetadata = MediaOriginalMetadata.RemoveGps; }));
        using var photo = Image.NewFromBuffer(VariantPipelineTests.Photo(320, 240));
        var png = photo.PngsaveBuffer();

        // An eXIf chunk (with a correct CRC) whose TIFF structure points outside itself.
        byte[] tiff = [(byte)'I', (byte)'I', 42, 0, 0xFF, 0xFF, 0, 0];
        var withExif = InsertPngChunk(png, "eXIf", tiff);

        var asset = await host.UploadAsync("private-photos", "broken-exif.png", withExif);

        var stored = await File.ReadAllBytesAsync(Path.Combine(host.MediaRoot, asset.StorageKey));
        Assert.Equal(png, stored);
    }

    /// <summary>A 400×300 photo in <paramref name="format"/> with EXIF (camera and GPS position) and XMP (the position again).</summary>
    private static byte[] Located(string format)
    {
        using var withExif = Image.NewFromBuffer(VariantPipelineTests.WithExif(VariantPipelineTests.Photo(400, 300)));
        using var image = withExif.Mutate(m => m.Set(GValue.BlobType, "xmp-data", System.Text.Encoding.UTF8.GetBytes(Xmp)));
        return format == "png"
            ? image.PngsaveBuffer(keep: Enums.ForeignKeep.All)
            : image.WebpsaveBuffer(q: 90, keep: Enums.ForeignKeep.All);
    }

    private static byte[] InsertPngChunk(byte[] png, string type, byte[] data)
    {
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        var chunk = new byte[12 + data.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        typeBytes.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), System.IO.Hashing.Crc32.HashToUInt32([.. typeBytes, .. data]));

        // After the signature and IHDR (8 + 25 bytes).
        return [.. png.AsSpan(0, 33), .. chunk, .. png.AsSpan(33)];
    }
}
