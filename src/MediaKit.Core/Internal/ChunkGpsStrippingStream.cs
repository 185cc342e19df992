using System.Buffers.Binary;
using System.IO.Hashing;

namespace MediaKit.Internal;

/// <summary>
/// A read-through stream that removes the GPS position from PNG and WebP files as they are uploaded, without re-encoding.
/// The file is walked chunk by chunk; image data passes through unread. In an EXIF chunk (PNG <c>eXIf</c>, WebP <c>EXIF</c>)
/// the GPS directory is zeroed and unlinked in place (<see cref="JpegGpsStrippingStream.RemoveGps"/>); XMP, which can repeat
/// the position, is removed. PNG chunks that change get a new CRC and dropped PNG chunks simply disappear; a WebP file keeps
/// its size (its RIFF header states it before any chunk is seen), so a dropped WebP chunk is blanked to zero bytes instead.
/// Malformed or oversized metadata is dropped or blanked whole rather than passed on half-understood. Any stream that is
/// neither PNG nor WebP passes through unchanged.
/// </summary>
internal sealed class ChunkGpsStrippingStream(Stream inner) : ReadOnlyStream
{
    /// <summary>The largest metadata chunk rewritten in memory; a larger one is dropped (PNG) or blanked (WebP) while streamed.</summary>
    internal const int MaxMetadataChunk = 1 << 20;

    private static readonly byte[] s_pngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private byte[] _pending = [];
    private int _pendingOffset;
    private long _copyRemaining;   // bytes of the current chunk passed through from the inner stream
    private long _skipRemaining;   // bytes of the current chunk read and thrown away (a dropped PNG chunk)
    private long _zeroRemaining;   // bytes of the current chunk read and handed out as zeros (a blanked WebP chunk)
    private Format _format = Format.Unknown;
    private bool _done;

    private enum Format
    {
        Unknown,
        Png,
        WebP,
        PassThrough,
    }

    public override int Read(Span<byte> buffer) => ReadThroughAsync(buffer);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            if (_pendingOffset < _pending.Length)
            {
                var n = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
                _pending.AsMemory(_pendingOffset, n).CopyTo(buffer);
                _pendingOffset += n;
                return n;
            }

            if (_copyRemaining > 0)
            {
                var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _copyRemaining)], cancellationToken);
                if (read == 0)
                {
                    // Truncated: what follows is the decoder's business (it refuses the file).
                    _done = true;
                    return 0;
                }

                _copyRemaining -= read;
                return read;
            }

            if (_skipRemaining > 0 || _zeroRemaining > 0)
            {
                var zero = _zeroRemaining > 0;
                var want = (int)Math.Min(buffer.Length, zero ? _zeroRemaining : _skipRemaining);
                var read = await inner.ReadAsync(buffer[..want], cancellationToken);
                if (read == 0)
                {
                    _done = true;
                    return 0;
                }

                if (zero)
                {
                    buffer.Span[..read].Clear();
                    _zeroRemaining -= read;
                    return read;
                }

                _skipRemaining -= read;
                continue;
            }

            if (_format == Format.PassThrough)
            {
                return await inner.ReadAsync(buffer, cancellationToken);
            }

            if (_done)
            {
                return 0;
            }

            _pending = await NextAsync(cancellationToken);
            _pendingOffset = 0;
        }
    }

    /// <summary>The next piece to hand out (a header, a rewritten chunk), having set up any pass-through that follows it.</summary>
    private async Task<byte[]> NextAsync(CancellationToken cancellationToken)
    {
        if (_format == Format.Unknown)
        {
            var head = await inner.ReadUpToAsync(12, cancellationToken);
            if (head.Length >= 8 && head.AsSpan(0, 8).SequenceEqual(s_pngSignature))
            {
                _format = Format.Png;
                // The signature is handed out with the first chunk, whose first 4 bytes were read with it.
                var first = await NextPngChunkAsync(head.AsSpan(8).ToArray(), cancellationToken);
                return [.. head.AsSpan(0, 8), .. first];
            }

            if (head.Length == 12 && head.AsSpan(0, 4).SequenceEqual("RIFF"u8) && head.AsSpan(8, 4).SequenceEqual("WEBP"u8))
            {
                _format = Format.WebP;
                return head;
            }

            _format = Format.PassThrough;
            return head;
        }

        return _format == Format.Png ? await NextPngChunkAsync([], cancellationToken) : await NextWebPChunkAsync(cancellationToken);
    }

    private async Task<byte[]> NextPngChunkAsync(byte[] already, CancellationToken cancellationToken)
    {
        var rest = await inner.ReadUpToAsync(8 - already.Length, cancellationToken);
        byte[] header = [.. already, .. rest];
        if (header.Length < 8)
        {
            _done = true;
            return header;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        var type = header[4..8];
        var total = (long)length + 4; // data and CRC
        var isExif = type.AsSpan().SequenceEqual("eXIf"u8);
        var isText = type.AsSpan().SequenceEqual("iTXt"u8) || type.AsSpan().SequenceEqual("tEXt"u8) || type.AsSpan().SequenceEqual("zTXt"u8);
        if (!isExif && !isText)
        {
            if (type.AsSpan().SequenceEqual("IEND"u8))
            {
                _done = true;
            }

            _copyRemaining = total;
            return header;
        }

        if (length > MaxMetadataChunk)
        {
            // Too big to rewrite: EXIF is dropped; a text chunk this big is not XMP worth keeping either way.
            _skipRemaining = total;
            return [];
        }

        var body = await inner.ReadUpToAsync((int)total, cancellationToken);
        if (body.Length < total)
        {
            _done = true;
            return [.. header, .. body];
        }

        var data = body.AsSpan(0, (int)length);
        if (isText)
        {
            // XMP (iTXt "XML:com.adobe.xmp") and ImageMagick's raw EXIF/XMP profiles carry the position: dropped.
            var keyword = data.IndexOf((byte)0) is var nul and >= 0 ? data[..nul] : data;
            return keyword.SequenceEqual("XML:com.adobe.xmp"u8) || keyword.StartsWith("Raw profile type"u8) ? [] : [.. header, .. body];
        }

        if (!JpegGpsStrippingStream.RemoveGps(data))
        {
            return [];
        }

        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan((int)length, 4), crc.GetCurrentHashAsUInt32());
        return [.. header, .. body];
    }

    private async Task<byte[]> NextWebPChunkAsync(CancellationToken cancellationToken)
    {
        var header = await inner.ReadUpToAsync(8, cancellationToken);
        if (header.Length < 8)
        {
            _done = true;
            return header;
        }

        var size = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
        var total = (long)size + (size & 1); // chunks are padded to an even size
        var isExif = header.AsSpan(0, 4).SequenceEqual("EXIF"u8);
        var isXmp = header.AsSpan(0, 4).SequenceEqual("XMP "u8);
        if (!isExif && !isXmp)
        {
            _copyRemaining = total;
            return header;
        }

        if (isXmp || size > MaxMetadataChunk)
        {
            // The RIFF size is already out: the chunk keeps its place and size, its bytes become zeros.
            _zeroRemaining = total;
            return header;
        }

        var body = await inner.ReadUpToAsync((int)total, cancellationToken);
        if (body.Length < total)
        {
            _done = true;
            return [.. header, .. body];
        }

        // Some writers put JPEG's "Exif\0\0" prefix before the TIFF structure.
        var tiff = body.AsSpan(0, (int)size);
        if (tiff.StartsWith("Exif\0\0"u8))
        {
            tiff = tiff[6..];
        }

        if (!JpegGpsStrippingStream.RemoveGps(tiff))
        {
            body.AsSpan().Clear();
        }

        return [.. header, .. body];
    }
}
