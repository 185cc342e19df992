using System.Security.Cryptography;

namespace MediaKit.Internal;

/// <summary>
/// The one pass over an upload: replays the sniffed header, then reads the client's stream, counting and hashing
/// every byte and refusing to read past the size limit. Failures of the client's stream become
/// <see cref="MediaErrorCodes.UploadIncomplete"/> so they can be told apart from storage failures.
/// </summary>
internal sealed class IngestStream : ReadOnlyStream
{
    private readonly byte[] _header;
    private readonly int _headerLength;
    private readonly Stream _source;
    private readonly long _limit;
    private readonly MediaKind _kind;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _headerPosition;
    private long _length;

    public IngestStream(byte[] header, int headerLength, Stream source, long limit, MediaKind kind)
    {
        _header = header;
        _headerLength = headerLength;
        _source = source;
        _limit = limit;
        _kind = kind;
    }

    /// <summary>How many bytes were read so far.</summary>
    public long BytesRead => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 of everything read, as lowercase hex. Call once, after the stream is read to its end.</summary>
    public string GetHashHex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override int Read(Span<byte> buffer)
    {
        if (TryReadHeader(buffer, out var fromHeader))
        {
            return fromHeader;
        }

        var window = Window(buffer.Length);
        int read;
        try
        {
            read = _source.Read(buffer[..window]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not MediaException)
        {
            throw Incomplete(ex);
        }

        return Account(buffer[..read]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (TryReadHeader(buffer.Span, out var fromHeader))
        {
            return fromHeader;
        }

        var window = Window(buffer.Length);
        int read;
        try
        {
            read = await _source.ReadAsync(buffer[..window], cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not MediaException)
        {
            throw Incomplete(ex);
        }

        return Account(buffer.Span[..read]);
    }

    private bool TryReadHeader(Span<byte> buffer, out int read)
    {
        read = 0;
        if (_headerPosition >= _headerLength || buffer.IsEmpty)
        {
            return false;
        }

        read = Math.Min(buffer.Length, _headerLength - _headerPosition);
        _header.AsSpan(_headerPosition, read).CopyTo(buffer);
        _headerPosition += read;
        Account(buffer[..read]);
        return true;
    }

    // Never ask the client for more than one byte past the limit: an oversized upload stops being read there.
    private int Window(int requested) => (int)Math.Min(requested, Math.Max(0, _limit + 1 - _length));

    private int Account(ReadOnlySpan<byte> bytes)
    {
        _length += bytes.Length;
        if (_length > _limit)
        {
            throw new MediaTooLargeException(_limit, _kind);
        }

        _hash.AppendData(bytes);
        return bytes.Length;
    }

    private static MediaException Incomplete(Exception ex)
        => new(MediaErrorCodes.UploadIncomplete, "The upload stream failed before the file was complete: " + ex.Message, ex);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
