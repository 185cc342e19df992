using System.Buffers.Binary;
using System.IO.Hashing;
using System.Collections.Concurrent;
using System.IO.Compression;

namespace MediaKit.Ui.Internal;

/// <summary>
/// Turns an asset's ThumbHash placeholder (<see cref="MediaAsset.Placeholder"/>, base64) into a PNG data URL that an
/// <c>img</c> shows as its background while the real image loads, with no script. Results are cached per placeholder.
/// </summary>
internal static class ThumbHashPlaceholders
{
    /// <summary>How many data URLs the cache holds before it starts over (each is well under 2 KB).</summary>
    internal const int CacheCapacity = 2048;

    private static readonly ConcurrentDictionary<string, string?> s_cache = new(StringComparer.Ordinal);

    /// <summary>The <c>data:image/png;base64,...</c> URL of a placeholder.</summary>
    /// <returns>The URL, or <see langword="null"/> when the placeholder is missing or not a ThumbHash.</returns>
    public static string? ToDataUrl(string? placeholder)
    {
        if (string.IsNullOrEmpty(placeholder) || placeholder.Length > 128)
        {
            return null;
        }

        if (s_cache.TryGetValue(placeholder, out var cached))
        {
            return cached;
        }

        var url = Create(placeholder);
        if (s_cache.Count >= CacheCapacity)
        {
            // A crude bound: placeholders are cheap to decode again, a leak is not.
            s_cache.Clear();
        }

        s_cache.TryAdd(placeholder, url);
        return url;
    }

    /// <summary>Encodes an RGBA image as a PNG (8-bit RGBA, no filtering, zlib-compressed).</summary>
    public static byte[] EncodePng(int width, int height, ReadOnlySpan<byte> rgba)
    {
        if (width < 1 || height < 1 || rgba.Length < width * height * 4)
        {
            throw new ArgumentException("The RGBA buffer does not match the image size.", nameof(rgba));
        }

        var stride = width * 4;
        var raw = new byte[height * (stride + 1)];
        for (var y = 0; y < height; y++)
        {
            raw[y * (stride + 1)] = 0; // filter: none
            rgba.Slice(y * stride, stride).CopyTo(raw.AsSpan((y * (stride + 1)) + 1));
        }

        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 6; // color type: RGBA
        WriteChunk(output, "IHDR"u8, header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            WriteChunk(output, "IDAT"u8, compressed.ToArray());
        }

        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static string? Create(string placeholder)
    {
        Span<byte> hash = stackalloc byte[96];
        if (!Convert.TryFromBase64String(placeholder, hash, out var length))
        {
            return null;
        }

        if (ThumbHashDecoder.Decode(hash[..length]) is not { } image)
        {
            return null;
        }

        return "data:image/png;base64," + Convert.ToBase64String(EncodePng(image.Width, image.Height, image.Rgba));
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        output.Write(buffer);
        output.Write(type);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, crc.GetCurrentHashAsUInt32());
        output.Write(buffer);
    }

}
