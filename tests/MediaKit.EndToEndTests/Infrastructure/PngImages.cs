using System.Buffers.Binary;
using System.IO.Compression;

namespace MediaKit.EndToEndTests.Infrastructure;

/// <summary>
/// Small, distinct PNG images made in memory (8-bit RGB, a diagonal gradient whose colours come from a seed), so every
/// upload has its own bytes and hash. Shared with benchmarks/picker, which links this file.
/// </summary>
internal static class PngImages
{

    /// <summary>A <paramref name="width"/>×<paramref name="height"/> PNG that differs for each <paramref name="seed"/>.</summary>
    public static byte[] Create(int seed, int width = 64, int height = 48)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var random = new Random(seed);
        var (r0, g0, b0) = (random.Next(256), random.Next(256), random.Next(256));
        var (r1, g1, b1) = (random.Next(256), random.Next(256), random.Next(256));

        var raw = new byte[height * (1 + (width * 3))];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + (width * 3));
            raw[row] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var t = (x + y) / (double)(width + height - 2 is > 0 and var d ? d : 1);
                var p = row + 1 + (x * 3);
                raw[p] = (byte)(r0 + ((r1 - r0) * t));
                raw[p + 1] = (byte)(g0 + ((g1 - g0) * t));
                raw[p + 2] = (byte)(b0 + ((b1 - b0) * t));
            }
        }

        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type: RGB
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", idat.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typeAndData = new byte[4 + data.Length];
        for (var i = 0; i < 4; i++)
        {
            typeAndData[i] = (byte)type[i];
        }

        data.CopyTo(typeAndData.AsSpan(4));
        stream.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, System.IO.Hashing.Crc32.HashToUInt32(typeAndData));
        stream.Write(crc);
    }


}
