namespace MediaKit.Testing;

/// <summary>
/// A non-seekable stream of given bytes that is interrupted after a number of them, like a client that disconnects
/// half way: it throws an exception, or runs an action (such as cancelling the caller's token) and then honours the
/// cancellation token of every later read.
/// </summary>
public sealed class InterruptedStream : Stream
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly long _interruptAfter;
    private readonly Action _interrupt;
    private int _position;

    /// <summary>Serves <paramref name="interruptAfter"/> bytes of <paramref name="data"/>, then throws <paramref name="failure"/> from every read.</summary>
    public InterruptedStream(ReadOnlyMemory<byte> data, long interruptAfter, Exception failure)
        : this(data, interruptAfter, () => throw failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
    }

    /// <summary>Serves <paramref name="interruptAfter"/> bytes of <paramref name="data"/>, then runs <paramref name="interrupt"/> before every further read.</summary>
    public InterruptedStream(ReadOnlyMemory<byte> data, long interruptAfter, Action interrupt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(interruptAfter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(interruptAfter, data.Length);
        ArgumentNullException.ThrowIfNull(interrupt);
        _data = data;
        _interruptAfter = interruptAfter;
        _interrupt = interrupt;
    }

    /// <summary>Whether the interruption happened.</summary>
    public bool Interrupted { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => ReadCore(buffer, CancellationToken.None);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Yield like a network read does, so the caller's continuation really runs asynchronously.
        await Task.Yield();
        return ReadCore(buffer.Span, cancellationToken);
    }

    private int ReadCore(Span<byte> buffer, CancellationToken cancellationToken)
    {
        if (_position >= _interruptAfter)
        {
            Interrupted = true;
            _interrupt();
            cancellationToken.ThrowIfCancellationRequested();
        }

        var end = _position < _interruptAfter ? _interruptAfter : _data.Length;
        var count = (int)Math.Min(buffer.Length, end - _position);
        _data.Span.Slice(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
