namespace MediaKit.Ui.Tests;

/// <summary>
/// The ThumbHash reference encoder (the same port <c>MediaKit.Imaging.Vips</c> uses, which this project does not reference),
/// to make hashes of known images for the decoder tests, and a tiny PNG reader to check the placeholders.
/// </summary>
internal static class ThumbHashTestData
{
    /// <summary>A solid image of one color.</summary>
    public static byte[] Solid(int w, int h, byte r, byte g, byte b, byte a = 255)
    {
        var rgba = new byte[w * h * 4];
        for (var i = 0; i < rgba.Length; i += 4)
        {
            rgba[i] = r;
            rgba[i + 1] = g;
            rgba[i + 2] = b;
            rgba[i + 3] = a;
        }

        return rgba;
    }

    /// <summary>The project's own encoder (MediaKit.Imaging.Vips), so the decoder is tested against what uploads store.</summary>
    public static byte[] Encode(int w, int h, ReadOnlySpan<byte> rgba) => MediaKit.Imaging.Vips.Internal.ThumbHash.Encode(w, h, rgba);


    /// <summary>Reads a PNG data URL: checks the signature and every chunk's CRC, returns the IHDR size and the inflated data.</summary>
    public static (int Width, int Height, byte ColorType, byte[] Raw) ReadPng(string dataUrl)
    {
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, dataUrl);
        var bytes = Convert.FromBase64String(dataUrl[prefix.Length..]);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        int width = 0, height = 0;
        byte colorType = 0;
        using var idat = new MemoryStream();
        var offset = 8;
        var sawEnd = false;
        while (offset < bytes.Length)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            var crc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 8 + length));
            Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(bytes.AsSpan(offset + 4, 4 + length)), crc);
            switch (type)
            {
                case "IHDR":
                    width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data);
                    height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]);
                    colorType = data[9];
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }

            offset += 12 + length;
        }

        Assert.True(sawEnd, "The PNG has no IEND chunk.");
        idat.Position = 0;
        using var zlib = new System.IO.Compression.ZLibStream(idat, System.IO.Compression.CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        return (width, height, colorType, raw.ToArray());
    }
}
