namespace MediaKit.Internal;

/// <summary>
/// A read-only, forward-only view of an import source that stops at the import's size limit and turns a failing
/// source into <see cref="MediaErrorCodes.ImportFetchFailed"/>. It remembers its failure, so the importer reports the
/// import's code even when the upload pipeline wraps the exception in its own.
/// </summary>
internal sealed class ImportSourceStream(Stream inner, long maxLength, IDisposable? owner = null) : ReadOnlyStream
{
    private long _read;

    /// <summary>Why reading failed (<see cref="MediaErrorCodes.ImportTooLarge"/> or <see cref="MediaErrorCodes.ImportFetchFailed"/>), if it did.</summary>
    public MediaException? Failure { get; private set; }

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        // Ask for one byte more than the limit allows: reading it proves the source is too large.
        int read;
        try
        {
            read = inner.Read(buffer[..Allowed(buffer.Length)]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not MediaException)
        {
            throw Fail(ex);
        }

        return Count(read);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not MediaException && !cancellationToken.IsCancellationRequested)
        {
            throw Fail(ex);
        }

        return Count(read);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            owner?.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        owner?.Dispose();
        await base.DisposeAsync();
    }

    private int Allowed(int requested) => (int)Math.Min(requested, Math.Max(maxLength + 1 - _read, 1));

    private int Count(int read)
    {
        _read += read;
        if (_read > maxLength)
        {
            Failure = new MediaException(MediaErrorCodes.ImportTooLarge, $"The source is larger than the {maxLength:N0} bytes an import may read.");
            throw Failure;
        }

        return read;
    }

    private MediaException Fail(Exception ex)
    {
        Failure = new MediaException(MediaErrorCodes.ImportFetchFailed, $"Reading the source failed after {_read:N0} bytes: {ex.Message}", ex);
        return Failure;
    }
}
