using System.Security.Cryptography;

namespace MediaKit.IntegrationTests;

/// <summary>Test files built in memory: real headers followed by deterministic filler.</summary>
public static class TestFiles
{
    public static byte[] Png(int length = 2048)
    {
        var bytes = Filler(length);
        byte[] header = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        header.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Jpeg(int length = 2048)
    {
        var bytes = Filler(length);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        bytes[3] = 0xE0;
        return bytes;
    }

    public static byte[] Mp4Header() =>
    [
        0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m',
        0, 0, 2, 0, (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1',
    ];

    public static byte[] Php() => "<?php system($_GET['cmd']); ?>\n"u8.ToArray();

    public static byte[] Filler(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}

/// <summary>
/// A non-seekable stream of a given length that makes its bytes on the fly (a header, then pseudo-random
/// filler), hashes what it hands out, and can fail or cancel after a number of bytes — a client that
/// disconnects, or a network that breaks.
/// </summary>
public sealed class GeneratedStream : Stream
{
    private readonly byte[] _header;
    private readonly long _length;
    private readonly byte[] _block;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public GeneratedStream(byte[] header, long length)
    {
        _header = header;
        _length = length;
        _block = new byte[1 << 20];
        new Random(42).NextBytes(_block);
    }

    /// <summary>Throw <see cref="IOException"/> once this many bytes were handed out.</summary>
    public long? FailAfter { get; init; }

    /// <summary>Cancel this source once this many bytes were handed out.</summary>
    public (long After, CancellationTokenSource Source)? CancelAfter { get; init; }

    public long BytesHandedOut { get; private set; }

    public string Sha256Hex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (FailAfter is { } failAt && BytesHandedOut >= failAt)
        {
            throw new IOException("Connection reset by peer (simulated).");
        }

        if (CancelAfter is { } cancel && BytesHandedOut >= cancel.After)
        {
            cancel.Source.Cancel();
            cancel.Source.Token.ThrowIfCancellationRequested();
        }

        var remaining = _length - BytesHandedOut;
        if (remaining <= 0)
        {
            return 0;
        }

        var count = (int)Math.Min(Math.Min(buffer.Length, remaining), 64 * 1024);
        for (var i = 0; i < count; i++)
        {
            var position = BytesHandedOut + i;
            buffer[i] = position < _header.Length ? _header[position] : (byte)(_block[position & (_block.Length - 1)] ^ (byte)(position >> 20));
        }

        _hash.AppendData(buffer[..count]);
        BytesHandedOut += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
