namespace MediaKit.Core.Tests.TestSupport;

/// <summary>
/// A read-only, non-seekable source like a request body: it serves <c>length</c> bytes (or bytes without end) and
/// records how many it handed out. It can fail after a number of bytes, like a client that disconnects.
/// </summary>
internal sealed class CountingSource : Stream
{
    private readonly long? _length;
    private readonly long _failAfter;
    private readonly Exception? _failure;

    private CountingSource(long? length, long failAfter, Exception? failure)
    {
        _length = length;
        _failAfter = failAfter;
        _failure = failure;
    }

    /// <summary>How many bytes this source handed out in total.</summary>
    public long BytesHandedOut { get; private set; }

    /// <summary>How many read calls this source served.</summary>
    public int ReadCalls { get; private set; }

    public static CountingSource Of(long length) => new(length, long.MaxValue, null);

    public static CountingSource Endless() => new(null, long.MaxValue, null);

    public static CountingSource FailingAfter(long bytes, Exception failure) => new(null, bytes, failure);

    /// <summary>The byte at <paramref name="position"/> of every source: a pattern that does not repeat at a power of two.</summary>
    public static byte ByteAt(long position) => (byte)((position * 31 + (position / 251)) % 251);

    /// <summary>The first <paramref name="length"/> bytes any source serves.</summary>
    public static byte[] Expected(long length)
    {
        var bytes = new byte[length];
        for (var i = 0L; i < length; i++)
        {
            bytes[i] = ByteAt(i);
        }

        return bytes;
    }

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

    public override int Read(Span<byte> buffer)
    {
        ReadCalls++;
        if (BytesHandedOut >= _failAfter && _failure is not null)
        {
            throw _failure;
        }

        var available = _length is { } length ? length - BytesHandedOut : long.MaxValue;
        available = Math.Min(available, _failAfter - BytesHandedOut);
        var count = (int)Math.Min(buffer.Length, available);
        for (var i = 0; i < count; i++)
        {
            buffer[i] = ByteAt(BytesHandedOut + i);
        }

        BytesHandedOut += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return Read(buffer.Span);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
