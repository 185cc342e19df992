using Amazon.S3.Model;
using MediaKit.Internal;


namespace MediaKit.Storage.S3.Internal;

/// <summary>
/// The body of a GET, read-only and forward-only, that knows its length and releases the HTTP response (and so the
/// pooled connection) when it is disposed.
/// </summary>
internal sealed class S3ReadStream : ReadOnlyStream
{
    private readonly GetObjectResponse _response;
    private readonly Stream _body;
    private long _position;

    public S3ReadStream(GetObjectResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        _response = response;
        _body = response.ResponseStream;
    }

    /// <summary>The number of bytes the response carries (the range's length for a range read).</summary>
    public override long Length => _response.ContentLength;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer) => Advance(_body.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => Advance(await _body.ReadAsync(buffer, cancellationToken));

    private int Advance(int read)
    {
        _position += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }
}
