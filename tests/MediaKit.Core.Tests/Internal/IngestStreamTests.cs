using System.Security.Cryptography;
using MediaKit.Core.Tests.TestSupport;
using MediaKit.Internal;

namespace MediaKit.Core.Tests.Internal;

public sealed class IngestStreamTests
{
    private const int Header = ContentSniffer.HeaderLength;

    public enum ReadPath
    {
        Sync,
        Async,
    }

    /// <summary>Reads the header the way the upload pipeline does, then wraps the rest of the source.</summary>
    private static IngestStream Open(CountingSource source, long limit, MediaKind kind = MediaKind.Image)
    {
        var header = new byte[Header];
        var headerLength = source.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return new IngestStream(header, headerLength, source, limit, kind);
    }

    private static async Task<byte[]> DrainAsync(Stream stream, ReadPath path, int bufferSize)
    {
        using var output = new MemoryStream();
        var buffer = new byte[bufferSize];
        while (true)
        {
            var read = path == ReadPath.Sync
                ? stream.Read(buffer, 0, buffer.Length)
                : await stream.ReadAsync(buffer.AsMemory(), CancellationToken.None);
            if (read == 0)
            {
                return output.ToArray();
            }

            output.Write(buffer, 0, read);
        }
    }

    public static TheoryData<long, ReadPath, int> Sizes()
    {
        long[] lengths = [0, 1, 100, Header - 1, Header, Header + 1, Header + 4096, Header + (1 << 20)];
        var data = new TheoryData<long, ReadPath, int>();
        foreach (var length in lengths)
        {
            foreach (var path in Enum.GetValues<ReadPath>())
            {
                data.Add(length, path, 81_920);
                data.Add(length, path, 1_000); // a buffer that does not divide the header: replay continues across reads
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Reading_replays_the_header_then_the_source_counting_and_hashing_every_byte(long length, ReadPath path, int bufferSize)
    {
        var source = CountingSource.Of(length);
        using var ingest = Open(source, limit: 10_000_000);

        var read = await DrainAsync(ingest, path, bufferSize);

        var expected = CountingSource.Expected(length);
        Assert.Equal(expected, read);
        Assert.Equal(length, ingest.BytesRead);
        Assert.Equal(length, ingest.Position);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), ingest.GetHashHex());
    }

    [Theory]
    [InlineData(ReadPath.Sync)]
    [InlineData(ReadPath.Async)]
    public async Task A_source_of_exactly_the_limit_is_read_whole(ReadPath path)
    {
        const long limit = Header + 10_000;
        var source = CountingSource.Of(limit);
        using var ingest = Open(source, limit);

        var read = await DrainAsync(ingest, path, 65_536);

        Assert.Equal(limit, read.Length);
        Assert.Equal(limit, ingest.BytesRead);
    }

    [Theory]
    [InlineData(ReadPath.Sync, Header + 10_000L, 1L)]
    [InlineData(ReadPath.Async, Header + 10_000L, 1L)]
    [InlineData(ReadPath.Sync, Header + 10_000L, 1_000_000L)]
    [InlineData(ReadPath.Async, Header + 10_000L, 1_000_000L)]
    [InlineData(ReadPath.Sync, Header, 1L)]
    [InlineData(ReadPath.Async, 1_000_000L, 5_000_000L)]
    public async Task An_oversized_source_throws_MediaTooLargeException_having_read_at_most_one_byte_past_the_limit(ReadPath path, long limit, long excess)
    {
        var source = CountingSource.Of(limit + excess);
        using var ingest = Open(source, limit, MediaKind.Video);

        var exception = await Assert.ThrowsAsync<MediaTooLargeException>(() => DrainAsync(ingest, path, 1 << 20));

        Assert.Equal(MediaErrorCodes.TooLarge, exception.Code);
        Assert.Equal(limit, exception.Limit);
        Assert.Equal(MediaKind.Video, exception.Kind);
        Assert.True(source.BytesHandedOut <= limit + 1, $"the source handed out {source.BytesHandedOut} bytes for a limit of {limit}");
    }

    [Theory]
    [InlineData(ReadPath.Sync)]
    [InlineData(ReadPath.Async)]
    public async Task An_endless_source_stops_being_read_one_byte_past_the_limit(ReadPath path)
    {
        const long limit = 3 * Header + 17;
        var source = CountingSource.Endless();
        using var ingest = Open(source, limit);

        await Assert.ThrowsAsync<MediaTooLargeException>(() => DrainAsync(ingest, path, 1 << 20));

        Assert.Equal(limit + 1, source.BytesHandedOut);
    }

    [Theory]
    [InlineData(ReadPath.Sync)]
    [InlineData(ReadPath.Async)]
    public async Task A_header_longer_than_the_limit_throws_MediaTooLargeException_before_the_source_is_read_again(ReadPath path)
    {
        var source = CountingSource.Of(Header * 2);
        using var ingest = Open(source, limit: 100);
        var handedOutForHeader = source.BytesHandedOut;

        await Assert.ThrowsAsync<MediaTooLargeException>(() => DrainAsync(ingest, path, 81_920));

        Assert.Equal(handedOutForHeader, source.BytesHandedOut);
    }

    [Theory]
    [InlineData(ReadPath.Sync, (long)Header)]
    [InlineData(ReadPath.Async, (long)Header)]
    [InlineData(ReadPath.Sync, Header + 50_000L)]
    [InlineData(ReadPath.Async, Header + 50_000L)]
    public async Task A_source_that_fails_half_way_surfaces_as_upload_incomplete_with_the_IOException_inside(ReadPath path, long failAfter)
    {
        var failure = new IOException("The client reset the connection.");
        var source = CountingSource.FailingAfter(failAfter, failure);
        using var ingest = Open(source, limit: 10_000_000);

        var exception = await Assert.ThrowsAsync<MediaException>(() => DrainAsync(ingest, path, 8_192));

        Assert.Equal(MediaErrorCodes.UploadIncomplete, exception.Code);
        Assert.Same(failure, exception.InnerException);
        Assert.Contains(failure.Message, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReadPath.Sync)]
    [InlineData(ReadPath.Async)]
    public async Task OperationCanceledException_from_the_source_passes_through_unchanged(ReadPath path)
    {
        var cancellation = new OperationCanceledException("The request was aborted.");
        var source = CountingSource.FailingAfter(Header + 500, cancellation);
        using var ingest = Open(source, limit: 10_000_000);

        var exception = await Record.ExceptionAsync(() => DrainAsync(ingest, path, 8_192));

        Assert.Same(cancellation, exception);
    }

    [Theory]
    [InlineData(ReadPath.Sync)]
    [InlineData(ReadPath.Async)]
    public async Task TaskCanceledException_from_the_source_passes_through_unchanged(ReadPath path)
    {
        var cancellation = new TaskCanceledException("The request was aborted.");
        var source = CountingSource.FailingAfter(Header + 500, cancellation);
        using var ingest = Open(source, limit: 10_000_000);

        var exception = await Record.ExceptionAsync(() => DrainAsync(ingest, path, 8_192));

        Assert.Same(cancellation, exception);
    }

    [Theory]
    [InlineData(ReadPath.Sync)]
    [InlineData(ReadPath.Async)]
    public async Task A_MediaException_from_the_source_passes_through_unchanged(ReadPath path)
    {
        var failure = new MediaException(MediaErrorCodes.Infected, "Refused upstream.");
        var source = CountingSource.FailingAfter(Header + 500, failure);
        using var ingest = Open(source, limit: 10_000_000);

        var exception = await Record.ExceptionAsync(() => DrainAsync(ingest, path, 8_192));

        Assert.Same(failure, exception);
    }

    [Fact]
    public async Task Copying_to_another_stream_works_through_both_read_paths()
    {
        const long length = Header + 300_000;
        var expected = CountingSource.Expected(length);

        using var syncIngest = Open(CountingSource.Of(length), limit: length);
        using var syncCopy = new MemoryStream();
        syncIngest.CopyTo(syncCopy);

        using var asyncIngest = Open(CountingSource.Of(length), limit: length);
        using var asyncCopy = new MemoryStream();
        await asyncIngest.CopyToAsync(asyncCopy);

        Assert.Equal(expected, syncCopy.ToArray());
        Assert.Equal(expected, asyncCopy.ToArray());
        Assert.Equal(syncIngest.GetHashHex(), asyncIngest.GetHashHex());
    }

    [Fact]
    public void The_stream_is_read_only_forward_only_and_of_unknown_length()
    {
        using var ingest = Open(CountingSource.Of(10), limit: 100);

        Assert.True(ingest.CanRead);
        Assert.False(ingest.CanSeek);
        Assert.False(ingest.CanWrite);
        Assert.Throws<NotSupportedException>(() => ingest.Length);
        Assert.Throws<NotSupportedException>(() => ingest.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => ingest.Write([1], 0, 1));
    }
}
