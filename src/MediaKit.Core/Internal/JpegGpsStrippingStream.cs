using System.Buffers.Binary;

namespace MediaKit.Internal;

/// <summary>
/// A read-through stream that removes the GPS position from a JPEG as it is uploaded, without re-encoding: the segments
/// before the first scan are read one at a time (at most 64 KiB each); in the EXIF segment the GPS directory is zeroed and
/// its entry removed from IFD0, and XMP packets are dropped. Everything from the first scan on, and any stream that does not
/// start like a JPEG, passes through unchanged. Malformed EXIF is dropped whole rather than passed on half-understood.
/// Disposing it leaves the inner stream open: the caller owns it (the request body).
/// </summary>
internal sealed class JpegGpsStrippingStream(Stream inner) : ReadOnlyStream
{
    private const int GpsIfdTag = 0x8825;
    private byte[] _pending = [];
    private int _pendingOffset;
    private State _state = State.Start;

    private enum State
    {
        Start,
        Segments,
        PassThrough,
    }

    public override int Read(Span<byte> buffer) => ReadThroughAsync(buffer);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_pendingOffset >= _pending.Length && _state != State.PassThrough)
        {
            // An empty chunk is a dropped segment; the end of the file switches to pass-through, which then reads 0.
            _pending = await NextChunkAsync(cancellationToken);
            _pendingOffset = 0;
        }

        if (_pendingOffset < _pending.Length)
        {
            var n = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
            _pending.AsMemory(_pendingOffset, n).CopyTo(buffer);
            _pendingOffset += n;
            return n;
        }

        return await inner.ReadAsync(buffer, cancellationToken);
    }

    /// <summary>The next piece to hand out: the SOI, one (rewritten) segment, or what follows the first scan's header.</summary>
    private async Task<byte[]> NextChunkAsync(CancellationToken cancellationToken)
    {
        if (_state == State.Start)
        {
            var soi = await inner.ReadUpToAsync(2, cancellationToken);
            _state = soi.Length == 2 && soi[0] == 0xFF && soi[1] == 0xD8 ? State.Segments : State.PassThrough;
            return soi;
        }

        var marker = await inner.ReadUpToAsync(2, cancellationToken);
        if (marker.Length < 2 || marker[0] != 0xFF || marker[1] is 0xD8 or 0xD9 or 0x01 or 0xFF or (>= 0xD0 and <= 0xD7))
        {
            _state = State.PassThrough;
            return marker;
        }

        var lengthBytes = await inner.ReadUpToAsync(2, cancellationToken);
        if (lengthBytes.Length < 2)
        {
            _state = State.PassThrough;
            return [.. marker, .. lengthBytes];
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(lengthBytes);
        var body = await inner.ReadUpToAsync(Math.Max(0, length - 2), cancellationToken);
        if (marker[1] == 0xDA || body.Length < length - 2)
        {
            // The first scan: the entropy-coded data follows and is passed through as it is.
            _state = State.PassThrough;
            return [.. marker, .. lengthBytes, .. body];
        }

        if (marker[1] == 0xE1 && body.AsSpan().StartsWith("Exif\0\0"u8))
        {
            return RemoveGps(body.AsSpan(6)) ? [.. marker, .. lengthBytes, .. body] : [];
        }

        if (marker[1] == 0xE1 && (body.AsSpan().StartsWith("http://ns.adobe.com/xap/1.0/"u8) || body.AsSpan().StartsWith("http://ns.adobe.com/xmp/extension/"u8)))
        {
            return [];
        }

        return [.. marker, .. lengthBytes, .. body];
    }

    /// <summary>Empties the GPS directory of a TIFF structure in place and removes its entry from IFD0.</summary>
    /// <returns><see langword="false"/> when the structure is malformed (the caller drops the segment).</returns>
    internal static bool RemoveGps(Span<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return false;
        }

        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I')
        {
            little = true;
        }
        else if (tiff[0] == 'M' && tiff[1] == 'M')
        {
            little = false;
        }
        else
        {
            return false;
        }

        int U16(ReadOnlySpan<byte> s, int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(s[at..]) : BinaryPrimitives.ReadUInt16BigEndian(s[at..]);
        long U32(ReadOnlySpan<byte> s, int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(s[at..]) : BinaryPrimitives.ReadUInt32BigEndian(s[at..]);
        void W16(Span<byte> s, int at, int v)
        {
            if (little)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(s[at..], (ushort)v);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(s[at..], (ushort)v);
            }
        }

        var ifd0 = U32(tiff, 4);
        if (ifd0 < 8 || ifd0 + 2 > tiff.Length)
        {
            return false;
        }

        var at0 = (int)ifd0;
        var count = U16(tiff, at0);
        var tableEnd = at0 + 2 + (count * 12) + 4;
        if (tableEnd > tiff.Length)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var entry = at0 + 2 + (i * 12);
            if (U16(tiff, entry) != GpsIfdTag)
            {
                continue;
            }

            var gps = U32(tiff, entry + 8);
            if (gps < 8 || gps + 2 > tiff.Length)
            {
                return false;
            }

            // Zero the GPS directory's values (inline or pointed to), then its table.
            var gpsAt = (int)gps;
            var gpsCount = U16(tiff, gpsAt);
            if (gpsAt + 2 + (gpsCount * 12) + 4 > tiff.Length)
            {
                return false;
            }

            for (var g = 0; g < gpsCount; g++)
            {
                var e = gpsAt + 2 + (g * 12);
                var size = TypeSize(U16(tiff, e + 2)) * U32(tiff, e + 4);
                if (size > 4)
                {
                    var valueAt = U32(tiff, e + 8);
                    if (valueAt + size > tiff.Length)
                    {
                        return false;
                    }

                    tiff.Slice((int)valueAt, (int)size).Clear();
                }
            }

            tiff.Slice(gpsAt, 2 + (gpsCount * 12) + 4).Clear();

            // Remove the pointer entry: the later entries and the next-IFD offset move up by 12 bytes.
            tiff[(entry + 12)..tableEnd].CopyTo(tiff[entry..]);
            tiff.Slice(tableEnd - 12, 12).Clear();
            W16(tiff, at0, count - 1);
            return true;
        }

        return true;
    }

    private static long TypeSize(int type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 => 4,
        5 or 10 or 12 => 8,
        _ => 1,
    };
}
