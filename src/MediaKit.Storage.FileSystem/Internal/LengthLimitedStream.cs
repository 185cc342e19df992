using MediaKit.Internal;

namespace MediaKit.Storage.FileSystem.Internal;

/// <summary>A read-only view of the next <c>length</c> bytes of a stream, for range reads. It owns the inner stream.</summary>
internal sealed class LengthLimitedStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private long _remaining;
    private long _position;

    public LengthLimitedStream(Stream inner, long length)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _inner = inner;
        _remaining = length;
    }

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        if (_remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        return Advance(_inner.Read(buffer[..Window(buffer.Length)]));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        // A local file is read inline, as a delivery of the whole file is: on Linux and macOS a file read blocks either way
        // (an asynchronous read only moves it to another pool thread), and the page cache answers it in microseconds.
        if (_inner is FileStream && !OperatingSystem.IsWindows())
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Advance(_inner.Read(buffer.Span[..Window(buffer.Length)]));
        }

        return Advance(await _inner.ReadAsync(buffer[..Window(buffer.Length)], cancellationToken));
    }

    private int Window(int requested) => (int)Math.Min(requested, _remaining);

    private int Advance(int read)
    {
        _remaining -= read;
        _position += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
