using System.Buffers.Binary;
using System.Text;
using MediaKit.Internal;

namespace MediaKit.Core.Tests.Internal;

public sealed class ChunkGpsStrippingStreamTests
{
    [Fact]
    public async Task The_GPS_directory_leaves_a_PNG_read_in_any_chunk_sizes_and_the_CRC_is_recomputed()
    {
        var png = Png(Chunk("IHDR", new byte[13]), Chunk("eXIf", TiffWithGps()), Chunk("IDAT", Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray()), Chunk("IEND", []));

        var whole = await ReadAllAsync(new ChunkGpsStrippingStream(new MemoryStream(png)), 1 << 16);
        var byteByByte = await ReadAllAsync(new ChunkGpsStrippingStream(new MemoryStream(png)), 1);

        Assert.Equal(whole, byteByByte);
        Assert.Equal(png.Length, whole.Length);
        var exif = FindPngChunk(whole, "eXIf");
        Assert.NotNull(exif);
        var (data, crc) = exif.Value;
        Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32([.. "eXIf"u8.ToArray(), .. data]), crc);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(8))); // IFD0 lost its GPS pointer, kept its Make
        Assert.DoesNotContain((byte)'N', data.AsSpan(40).ToArray()); // the latitude reference is zeroed
        Assert.Equal(png.AsSpan(png.Length - 200_024).ToArray(), whole.AsSpan(whole.Length - 200_024).ToArray()); // image data untouched
    }

    [Fact]
    public async Task XMP_text_chunks_are_dropped_from_a_PNG_and_other_text_is_kept()
    {
        var xmp = Chunk("iTXt", [.. "XML:com.adobe.xmp\0\0\0\0\0"u8.ToArray(), .. "<x:xmpmeta>GPS</x:xmpmeta>"u8.ToArray()]);
        var comment = Chunk("tEXt", [.. "Comment\0"u8.ToArray(), .. "hello"u8.ToArray()]);
        var png = Png(Chunk("IHDR", new byte[13]), xmp, comment, Chunk("IEND", []));

        var result = await ReadAllAsync(new ChunkGpsStrippingStream(new MemoryStream(png)), 7);

        Assert.Equal(Png(Chunk("IHDR", new byte[13]), comment, Chunk("IEND", [])), result);
    }

    [Fact]
    public async Task A_WebP_keeps_its_size_its_EXIF_loses_the_GPS_and_its_XMP_is_blanked()
    {
        var exif = RiffChunk("EXIF", TiffWithGps());
        var xmp = RiffChunk("XMP ", "<x:xmpmeta>GPSLatitude</x:xmpmeta>"u8.ToArray());
        var image = RiffChunk("VP8L", Enumerable.Range(0, 5001).Select(i => (byte)(i * 7)).ToArray());
        var webp = Riff(image, exif, xmp);

        var result = await ReadAllAsync(new ChunkGpsStrippingStream(new MemoryStream(webp)), 3);

        Assert.Equal(webp.Length, result.Length);
        Assert.Equal(webp.AsSpan(0, 12 + image.Length).ToArray(), result.AsSpan(0, 12 + image.Length).ToArray());
        var exifData = result.AsSpan(12 + image.Length + 8, exif.Length - 8).ToArray();
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(exifData.AsSpan(8)));
        Assert.DoesNotContain("GPSLatitude", Encoding.Latin1.GetString(result), StringComparison.Ordinal);
        Assert.Equal("XMP ", Encoding.ASCII.GetString(result, result.Length - xmp.Length, 4));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 })]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 1, 0, 1, 0, 0, 0, 0, 9 })]
    [InlineData(new byte[] { 1, 2 })]
    public async Task Other_files_pass_through_unchanged(byte[] bytes)
        => Assert.Equal(bytes, await ReadAllAsync(new ChunkGpsStrippingStream(new MemoryStream(bytes)), 4096));

    [Fact]
    public async Task A_truncated_PNG_passes_through_as_far_as_it_goes()
    {
        var png = Png(Chunk("IHDR", new byte[13]), Chunk("IDAT", new byte[1000]));
        var cut = png[..(png.Length - 300)];

        Assert.Equal(cut, await ReadAllAsync(new ChunkGpsStrippingStream(new MemoryStream(cut)), 64));
    }

    /// <summary>Little-endian TIFF: IFD0 with Make and a GPS pointer; the GPS IFD with GPSLatitudeRef = "N".</summary>
    private static byte[] TiffWithGps()
    {
        var tiff = new byte[64];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 2);
        Entry(tiff, 10, 0x010F, 2, 4, BinaryPrimitives.ReadUInt32LittleEndian("Cam\0"u8)); // Make, inline
        Entry(tiff, 22, 0x8825, 4, 1, 40);                                                 // GPS IFD at 40
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(40), 1);
        Entry(tiff, 42, 1, 2, 2, 'N');                                                     // GPSLatitudeRef "N"
        return tiff;

        static void Entry(byte[] t, int at, int tag, int type, int count, uint value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(at), (ushort)tag);
            BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(at + 2), (ushort)type);
            BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(at + 4), (uint)count);
            BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(at + 8), value);
        }
    }

    private static byte[] Png(params byte[][] chunks) => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. chunks.SelectMany(c => c)];

    private static byte[] Chunk(string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        typeBytes.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), System.IO.Hashing.Crc32.HashToUInt32([.. typeBytes, .. data]));
        return chunk;
    }

    private static (byte[] Data, uint Crc)? FindPngChunk(byte[] png, string type)
    {
        for (var at = 8; at + 12 <= png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            if (Encoding.ASCII.GetString(png, at + 4, 4) == type)
            {
                return (png.AsSpan(at + 8, length).ToArray(), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length)));
            }

            at += 12 + length;
        }

        return null;
    }

    private static byte[] Riff(params byte[][] chunks)
    {
        var body = chunks.SelectMany(c => c).ToArray();
        var riff = new byte[12 + body.Length];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)(4 + body.Length));
        "WEBP"u8.CopyTo(riff.AsSpan(8));
        body.CopyTo(riff, 12);
        return riff;
    }

    private static byte[] RiffChunk(string fourCc, byte[] data)
    {
        var chunk = new byte[8 + data.Length + (data.Length & 1)];
        Encoding.ASCII.GetBytes(fourCc).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)data.Length);
        data.CopyTo(chunk, 8);
        return chunk;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, int bufferSize)
    {
        using var output = new MemoryStream();
        var buffer = new byte[bufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }
}
