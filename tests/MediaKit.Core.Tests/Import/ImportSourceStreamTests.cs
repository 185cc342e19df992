using MediaKit.Internal;

namespace MediaKit.Core.Tests.Import;

public sealed class ImportSourceStreamTests
{
    [Fact]
    public async Task A_source_of_exactly_the_limit_is_read_whole()
    {
        await using var stream = new ImportSourceStream(new MemoryStream(new byte[1000]), maxLength: 1000);
        using var copy = new MemoryStream();

        await stream.CopyToAsync(copy);

        Assert.Equal(1000, copy.Length);
        Assert.Null(stream.Failure);
    }

    [Fact]
    public async Task One_byte_over_the_limit_fails_and_reading_stops_right_after_the_limit()
    {
        var inner = new MemoryStream(new byte[10_000]);
        await using var stream = new ImportSourceStream(inner, maxLength: 1000);

        var error = await Assert.ThrowsAsync<MediaException>(() => stream.CopyToAsync(Stream.Null));

        Assert.Equal(MediaErrorCodes.ImportTooLarge, error.Code);
        Assert.Same(error, stream.Failure);
        Assert.Equal(1001, inner.Position);
    }

    [Fact]
    public async Task A_failing_source_becomes_a_fetch_failure_that_keeps_the_cause()
    {
        await using var stream = new ImportSourceStream(new FailingStream(), maxLength: 1000);

        var error = await Assert.ThrowsAsync<MediaException>(() => stream.CopyToAsync(Stream.Null));

        Assert.Equal(MediaErrorCodes.ImportFetchFailed, error.Code);
        Assert.IsType<IOException>(error.InnerException);
    }

    private sealed class FailingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => throw new IOException("connection reset");
    }
}
