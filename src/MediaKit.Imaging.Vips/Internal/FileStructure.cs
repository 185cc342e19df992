using System.Buffers.Binary;
using System.IO.Hashing;

namespace MediaKit.Imaging.Vips.Internal;

/// <summary>
/// A streaming structural check of PNG and JPEG files before they are decoded: libvips' decoders accept a PNG chunk with a
/// wrong CRC and decode a truncated JPEG as far as it goes (grey below the cut), which must not become a stored asset.
/// The file is read once, sequentially, with a small buffer.
/// </summary>
internal static class FileStructure
{

    public static async Task VerifyAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        var reader = new Reader(content);
        var ok = contentType switch
        {
            MediaContentTypes.Png => await VerifyPngAsync(reader, cancellationToken),
            MediaContentTypes.Jpeg => await VerifyJpegAsync(reader, cancellationToken),
            _ => true,
        };
        if (!ok)
        {
            throw new MediaException(MediaErrorCodes.Corrupt, "The image is truncated or corrupt (its structure or checksums do not match).");
        }
    }

    /// <summary>Every chunk's CRC matches and the file ends with IEND.</summary>
    private static async Task<bool> VerifyPngAsync(Reader reader, CancellationToken cancellationToken)
    {
        var signature = await reader.ReadAsync(8, cancellationToken);
        if (signature is null)
        {
            return false;
        }

        while (true)
        {
            var head = await reader.ReadAsync(8, cancellationToken);
            if (head is null)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(head);
            if (length > int.MaxValue)
            {
                return false;
            }

            var crc = new Crc32();
            crc.Append(head.AsSpan(4, 4));
            var remaining = (long)length;
            while (remaining > 0)
            {
                var block = await reader.ReadAsync((int)Math.Min(remaining, 65536), cancellationToken);
                if (block is null)
                {
                    return false;
                }

                crc.Append(block);
                remaining -= block.Length;
            }

            var stored = await reader.ReadAsync(4, cancellationToken);
            if (stored is null || BinaryPrimitives.ReadUInt32BigEndian(stored) != crc.GetCurrentHashAsUInt32())
            {
                return false;
            }

            if (head.AsSpan(4, 4).SequenceEqual("IEND"u8))
            {
                return true;
            }
        }
    }

    /// <summary>The markers before the first scan are well formed and an EOI marker follows the entropy-coded data.</summary>
    private static async Task<bool> VerifyJpegAsync(Reader reader, CancellationToken cancellationToken)
    {
        var soi = await reader.ReadAsync(2, cancellationToken);
        if (soi is null || soi[0] != 0xFF || soi[1] != 0xD8)
        {
            return false;
        }

        while (true)
        {
            var marker = await reader.ReadAsync(2, cancellationToken);
            if (marker is null || marker[0] != 0xFF)
            {
                return false;
            }

            if (marker[1] is 0xFF or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            var lengthBytes = await reader.ReadAsync(2, cancellationToken);
            if (lengthBytes is null)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(lengthBytes) - 2;
            if (length < 0 || !await reader.SkipAsync(length, cancellationToken))
            {
                return false;
            }

            if (marker[1] == 0xDA)
            {
                break;
            }
        }

        // Entropy-coded data never holds FF D9 (a data FF is followed by 00 or a restart marker): finding it means the file is complete.
        var previous = 0;
        while (true)
        {
            var block = await reader.ReadAsync(65536, cancellationToken, partial: true);
            if (block is null)
            {
                return false;
            }

            foreach (var b in block)
            {
                if (previous == 0xFF && b == 0xD9)
                {
                    return true;
                }

                previous = b;
            }
        }
    }

    private sealed class Reader(Stream stream)
    {
        /// <summary>Reads exactly <paramref name="count"/> bytes (or, when <paramref name="partial"/>, up to that many); <see langword="null"/> at the end of the file.</summary>
        public async Task<byte[]?> ReadAsync(int count, CancellationToken cancellationToken, bool partial = false)
        {
            var buffer = new byte[count];
            var filled = 0;
            while (filled < count)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
                if (partial)
                {
                    break;
                }
            }

            return filled == 0 || (!partial && filled < count) ? null : partial ? buffer[..filled] : buffer;
        }

        public async Task<bool> SkipAsync(int count, CancellationToken cancellationToken)
        {
            while (count > 0)
            {
                var block = await ReadAsync(Math.Min(count, 65536), cancellationToken);
                if (block is null)
                {
                    return false;
                }

                count -= block.Length;
            }

            return true;
        }
    }
}
