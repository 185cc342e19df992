using MediaKit.Testing;

namespace MediaKit.Storage.ContractTests;

/// <summary>
/// The behaviour every <see cref="IMediaBlobStore"/> must have. A provider's test project derives from this class and
/// hands out a fresh store per test (xunit creates one instance of the class per test); the tests use unique keys, so
/// a store over a shared bucket works as well as an empty one.
/// </summary>
public abstract class BlobStoreContractTests
{
    private static readonly BlobWriteOptions CreateOnly = new() { ContentType = "application/octet-stream" };
    private static readonly BlobWriteOptions Overwrite = new() { ContentType = "application/octet-stream", Overwrite = true };

    /// <summary>The store under test.</summary>
    protected abstract IMediaBlobStore Store { get; }

    /// <summary>Keys that break the rules of <see cref="MediaBlobKey"/>.</summary>
    public static TheoryData<string> InvalidKeys =>
    [
        "../x",
        "/abs",
        "a//b",
        "Upper/x",
        ".hidden/x",
        "a/../b",
        "a\\b",
        "a/",
        "a/b/c/d/e/f/g/h/i",
        new string('a', MediaBlobKey.MaxLength + 1),
        "",
    ];

    /// <summary>A key no other test uses.</summary>
    protected static string NewKey(string name = "original.bin") => $"contract/{Guid.NewGuid():N}/{name}";

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100 * 1024)]
    [InlineData(5 * 1024 * 1024)]
    public async Task A_written_blob_reads_back_byte_for_byte(int length)
    {
        var data = TestData.Random(length, seed: length);
        var key = NewKey();

        var info = await Store.WriteAsync(key, new MemoryStream(data), CreateOnly, CancellationToken.None);

        Assert.Equal(key, info.Key);
        Assert.Equal(length, info.Length);
        TestData.AssertSameBytes(data, await ReadAsync(key));
    }

    [Fact]
    public async Task A_non_seekable_stream_of_unknown_length_is_written_whole()
    {
        var data = TestData.Random((3 * 1024 * 1024) + 17);
        var key = NewKey();
        var content = new NonSeekableStream(new MemoryStream(data));

        var info = await Store.WriteAsync(key, content, CreateOnly, CancellationToken.None);

        Assert.Equal(data.Length, info.Length);
        Assert.Equal(data.Length, content.BytesRead);
        TestData.AssertSameBytes(data, await ReadAsync(key));
    }

    [Fact]
    public async Task A_key_of_the_maximum_length_and_segment_count_is_stored()
    {
        // Eight segments of at most 64 characters: 512 characters in all, each segment within any file name limit.
        var run = Guid.NewGuid().ToString("N");
        var segments = Enumerable.Range(0, MediaBlobKey.MaxSegments).Select(i => (i == 0 ? run : $"s{i}-").PadRight(i == 7 ? 64 : 63, 'x'));
        var key = string.Join('/', segments);
        Assert.Equal(MediaBlobKey.MaxLength, key.Length);
        var data = TestData.Random(1000);

        await Store.WriteAsync(key, new MemoryStream(data), CreateOnly, CancellationToken.None);

        TestData.AssertSameBytes(data, await ReadAsync(key));
        Assert.Equal([key], await ListKeysAsync(key[..(key.IndexOf('/', StringComparison.Ordinal) + 1)]));
    }

    [Fact]
    public async Task A_create_only_write_over_an_existing_key_throws_MediaBlobExistsException_and_keeps_the_original_bytes()
    {
        var original = TestData.Random(4096, seed: 1);
        var key = NewKey();
        await Store.WriteAsync(key, new MemoryStream(original), CreateOnly, CancellationToken.None);

        var error = await Assert.ThrowsAsync<MediaBlobExistsException>(
            () => Store.WriteAsync(key, new MemoryStream(TestData.Random(10, seed: 2)), CreateOnly, CancellationToken.None));

        Assert.Equal(key, error.Key);
        Assert.Equal(MediaErrorCodes.BlobExists, error.Code);
        TestData.AssertSameBytes(original, await ReadAsync(key));
    }

    [Fact]
    public async Task An_overwrite_replaces_the_existing_bytes()
    {
        var key = NewKey();
        await Store.WriteAsync(key, new MemoryStream(TestData.Random(100_000, seed: 1)), CreateOnly, CancellationToken.None);
        var replacement = TestData.Random(1000, seed: 2);

        var info = await Store.WriteAsync(key, new MemoryStream(replacement), Overwrite, CancellationToken.None);

        Assert.Equal(replacement.Length, info.Length);
        TestData.AssertSameBytes(replacement, await ReadAsync(key));
        Assert.Equal(replacement.Length, (await Store.GetInfoAsync(key, CancellationToken.None))?.Length);
    }

    [Fact]
    public async Task An_overwrite_of_a_missing_key_creates_it()
    {
        var key = NewKey();
        var data = TestData.Random(10);

        await Store.WriteAsync(key, new MemoryStream(data), Overwrite, CancellationToken.None);

        TestData.AssertSameBytes(data, await ReadAsync(key));
    }

    [Fact]
    public async Task A_source_stream_that_fails_half_way_leaves_nothing_and_its_exception_surfaces()
    {
        var data = TestData.Random(2 * 1024 * 1024);
        var key = NewKey();
        var failure = new IOException("The client went away.");

        var thrown = await Assert.ThrowsAsync<IOException>(
            () => Store.WriteAsync(key, new InterruptedStream(data, data.Length / 2, failure), CreateOnly, CancellationToken.None));

        Assert.Same(failure, thrown);
        await AssertNothingUnderAsync(key);

        // Nothing half-written blocks a retry of the same key.
        await Store.WriteAsync(key, new MemoryStream(data), CreateOnly, CancellationToken.None);
        TestData.AssertSameBytes(data, await ReadAsync(key));
    }

    [Fact]
    public async Task A_failed_overwrite_keeps_the_previous_bytes()
    {
        var original = TestData.Random(50_000, seed: 1);
        var key = NewKey();
        await Store.WriteAsync(key, new MemoryStream(original), CreateOnly, CancellationToken.None);
        var replacement = TestData.Random(2 * 1024 * 1024, seed: 2);

        await Assert.ThrowsAsync<IOException>(
            () => Store.WriteAsync(key, new InterruptedStream(replacement, 1024 * 1024, new IOException("Lost.")), Overwrite, CancellationToken.None));

        TestData.AssertSameBytes(original, await ReadAsync(key));
    }

    [Fact]
    public async Task A_cancelled_write_leaves_nothing()
    {
        var data = TestData.Random(2 * 1024 * 1024);
        var key = NewKey();
        using var cancellation = new CancellationTokenSource();
        var content = new InterruptedStream(data, 512 * 1024, cancellation.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.WriteAsync(key, content, CreateOnly, cancellation.Token));

        Assert.True(content.Interrupted);
        await AssertNothingUnderAsync(key);
    }

    [Fact]
    public async Task A_write_with_a_cancelled_token_leaves_nothing()
    {
        var key = NewKey();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.WriteAsync(key, new MemoryStream(TestData.Random(1000)), CreateOnly, new CancellationToken(canceled: true)));

        await AssertNothingUnderAsync(key);
    }

    [Theory]
    [InlineData(1000, 500L)]
    [InlineData(0, 1L)]
    [InlineData(0, 10_000L)]
    [InlineData(4321, 0L)]
    public async Task A_range_with_an_offset_and_a_length_reads_exactly_those_bytes(long offset, long length)
    {
        var (key, data) = await WriteRangeSampleAsync();

        var bytes = await ReadAsync(key, new BlobRange(offset, length));

        TestData.AssertSameBytes(data.AsMemory((int)offset, (int)length), bytes);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(9000L)]
    [InlineData(10_000L)]
    public async Task A_range_without_a_length_reads_from_the_offset_to_the_end(long offset)
    {
        var (key, data) = await WriteRangeSampleAsync();

        var bytes = await ReadAsync(key, new BlobRange(offset, null));

        TestData.AssertSameBytes(data.AsMemory((int)offset), bytes);
    }

    [Fact]
    public async Task A_range_of_the_last_byte_reads_that_byte()
    {
        var (key, data) = await WriteRangeSampleAsync();

        Assert.Equal([data[^1]], await ReadAsync(key, new BlobRange(data.Length - 1, 1)));
        Assert.Equal([data[^1]], await ReadAsync(key, new BlobRange(data.Length - 1, null)));
    }

    [Fact]
    public async Task A_range_longer_than_the_rest_of_the_blob_reads_to_the_end()
    {
        var (key, data) = await WriteRangeSampleAsync();

        var bytes = await ReadAsync(key, new BlobRange(9990, 100));

        TestData.AssertSameBytes(data.AsMemory(9990), bytes);
    }

    [Fact]
    public async Task A_range_that_starts_past_the_end_throws_ArgumentOutOfRangeException()
    {
        var (key, data) = await WriteRangeSampleAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.OpenReadAsync(key, new BlobRange(data.Length + 1, null), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.OpenReadAsync(key, new BlobRange(data.Length + 1, 10), CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_key_is_not_found_by_every_method()
    {
        var key = NewKey();

        Assert.Null(await Store.OpenReadAsync(key, range: null, CancellationToken.None));
        Assert.Null(await Store.OpenReadAsync(key, new BlobRange(0, 10), CancellationToken.None));
        Assert.Null(await Store.GetInfoAsync(key, CancellationToken.None));
        Assert.False(await Store.DeleteAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_deleted_blob_is_gone()
    {
        var key = NewKey();
        await Store.WriteAsync(key, new MemoryStream(TestData.Random(1000)), CreateOnly, CancellationToken.None);

        Assert.True(await Store.DeleteAsync(key, CancellationToken.None));

        await AssertNothingUnderAsync(key);
        Assert.False(await Store.DeleteAsync(key, CancellationToken.None));

        // The key is free again.
        await Store.WriteAsync(key, new MemoryStream(TestData.Random(10)), CreateOnly, CancellationToken.None);
    }

    [Fact]
    public async Task Deleting_a_blob_keeps_its_neighbours()
    {
        var folder = $"contract/{Guid.NewGuid():N}/";
        await Store.WriteAsync(folder + "a.bin", new MemoryStream(TestData.Random(10)), CreateOnly, CancellationToken.None);
        await Store.WriteAsync(folder + "b.bin", new MemoryStream(TestData.Random(10)), CreateOnly, CancellationToken.None);

        await Store.DeleteAsync(folder + "a.bin", CancellationToken.None);

        Assert.Equal([folder + "b.bin"], await ListKeysAsync(folder));
    }

    [Fact]
    public async Task ListAsync_with_a_prefix_returns_exactly_the_blobs_under_it()
    {
        var run = $"contract/{Guid.NewGuid():N}/";
        var written = new Dictionary<string, long>();
        foreach (var folder in new[] { "one/", "one-more/", "two/" })
        {
            for (var i = 0; i < 10; i++)
            {
                // Blobs at two depths, so the listing has to descend.
                var key = run + folder + (i % 2 == 0 ? $"{i:D2}.bin" : $"deeper/{i:D2}.bin");
                var info = await Store.WriteAsync(key, new MemoryStream(TestData.Random(100 + i, seed: i)), CreateOnly, CancellationToken.None);
                written.Add(key, info.Length);
            }
        }

        Assert.Equal(Keys(run + "one/"), await ListKeysAsync(run + "one/"));
        Assert.Equal(Keys(run + "two/"), await ListKeysAsync(run + "two/"));
        Assert.Equal(Keys(run + "one/deeper/"), await ListKeysAsync(run + "one/deeper/"));
        Assert.Equal(10, Keys(run + "one/").Count);

        // A prefix is a string prefix, not a folder: "one" also matches "one-more/...".
        Assert.Equal(Keys(run + "one"), await ListKeysAsync(run + "one"));
        Assert.Equal(20, Keys(run + "one").Count);
        Assert.Equal(Keys(run + "one/0"), await ListKeysAsync(run + "one/0"));
        Assert.Equal(Keys(run), await ListKeysAsync(run));
        Assert.Equal(30, Keys(run).Count);
        Assert.Empty(await ListKeysAsync(run + "three/"));

        var all = new Dictionary<string, long>();
        await foreach (var blob in Store.ListAsync(prefix: null, CancellationToken.None))
        {
            all[blob.Key] = blob.Length;
        }

        Assert.All(written, pair => Assert.Equal(pair.Value, all.GetValueOrDefault(pair.Key, -1)));

        List<string> Keys(string prefix) => [.. written.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task ListAsync_stops_when_cancelled()
    {
        var run = $"contract/{Guid.NewGuid():N}/";
        for (var i = 0; i < 3; i++)
        {
            await Store.WriteAsync($"{run}{i}.bin", new MemoryStream(TestData.Random(10)), CreateOnly, CancellationToken.None);
        }

        using var cancellation = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var blob in Store.ListAsync(run, cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });
    }

    [Fact]
    public async Task GetInfoAsync_reports_the_length_and_a_recent_last_modified_time()
    {
        var key = NewKey();
        var before = DateTimeOffset.UtcNow;
        var written = await Store.WriteAsync(key, new MemoryStream(TestData.Random(12_345)), CreateOnly, CancellationToken.None);
        var after = DateTimeOffset.UtcNow;

        var info = await Store.GetInfoAsync(key, CancellationToken.None);

        Assert.NotNull(info);
        Assert.Equal(key, info.Key);
        Assert.Equal(12_345, info.Length);

        // Generous bounds: a remote store's clock and a file system's timestamp granularity both differ from ours.
        Assert.InRange(info.LastModified, before.AddMinutes(-5), after.AddMinutes(5));
        Assert.InRange(written.LastModified, before.AddMinutes(-5), after.AddMinutes(5));
    }

    [Theory]
    [MemberData(nameof(InvalidKeys), MemberType = typeof(BlobStoreContractTests))]
    public async Task Every_method_throws_ArgumentException_for_an_invalid_key(string key)
    {
        var content = new MemoryStream(TestData.Random(10));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.WriteAsync(key, content, CreateOnly, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.WriteAsync(key, content, Overwrite, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.OpenReadAsync(key, range: null, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.OpenReadAsync(key, new BlobRange(0, 1), CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetInfoAsync(key, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteAsync(key, CancellationToken.None));
        Assert.Equal(0, content.Position);
    }

    [Fact]
    public async Task Concurrent_create_only_writes_of_one_key_have_exactly_one_winner()
    {
        const int Writers = 8;

        // Several rounds: a store whose "exists?" check and commit are two steps loses only some of the races.
        for (var round = 0; round < 10; round++)
        {
            var key = NewKey();
            var data = Enumerable.Range(0, Writers).Select(i => TestData.Random(64 * 1024, seed: (round * Writers) + i)).ToArray();
            Gate started = new(Writers), finished = new(Writers);

            var outcomes = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
            {
                try
                {
                    await Store.WriteAsync(key, new GatedStream(data[i], started, finished), CreateOnly, CancellationToken.None);
                    return (Writer: i, Error: (Exception?)null);
                }
                catch (Exception ex)
                {
                    return (Writer: i, Error: ex);
                }
            })));

            var winner = Assert.Single(outcomes, o => o.Error is null);
            Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.IsType<MediaBlobExistsException>(o.Error));
            TestData.AssertSameBytes(data[winner.Writer], await ReadAsync(key));
        }
    }

    [Fact]
    public async Task Concurrent_overwrites_leave_exactly_one_writers_bytes()
    {
        const int Writers = 6;
        var key = NewKey();
        var data = Enumerable.Range(0, Writers).Select(i => TestData.Random(300 * 1024, seed: 200 + i)).ToArray();
        Gate started = new(Writers), finished = new(Writers);

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(
            () => Store.WriteAsync(key, new GatedStream(data[i], started, finished), Overwrite, CancellationToken.None))));

        var stored = await ReadAsync(key);
        Assert.Contains(data, d => d.AsSpan().SequenceEqual(stored));
    }

    /// <summary>Reads a blob, or a range of it, to the end; fails when it is missing.</summary>
    protected async Task<byte[]> ReadAsync(string key, BlobRange? range = null)
    {
        await using var stream = await Store.OpenReadAsync(key, range, CancellationToken.None);
        Assert.True(stream is not null, $"No blob under '{key}'.");
        return await TestData.ReadAllAsync(stream);
    }

    /// <summary>The keys listed under a prefix, sorted ordinally.</summary>
    protected async Task<List<string>> ListKeysAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var blob in Store.ListAsync(prefix, CancellationToken.None))
        {
            keys.Add(blob.Key);
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>Asserts that nothing can be found under a key, by any method.</summary>
    protected async Task AssertNothingUnderAsync(string key)
    {
        Assert.Null(await Store.GetInfoAsync(key, CancellationToken.None));
        await using (var stream = await Store.OpenReadAsync(key, range: null, CancellationToken.None))
        {
            Assert.Null(stream);
        }

        Assert.Empty(await ListKeysAsync(key[..(key.LastIndexOf('/') + 1)]));
    }

    private async Task<(string Key, byte[] Data)> WriteRangeSampleAsync()
    {
        var data = TestData.Random(10_000, seed: 7);
        var key = NewKey();
        await Store.WriteAsync(key, new MemoryStream(data), CreateOnly, CancellationToken.None);
        return (key, data);
    }

    /// <summary>Holds writers back until all of them reach the same point, so what follows really races.</summary>
    private sealed class Gate(int writers)
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task ArriveAsync()
        {
            if (Interlocked.Increment(ref _arrived) == writers)
            {
                _open.TrySetResult();
            }

            // A store that serializes writers of one key would never let them all arrive; it must not hang the test.
            return _open.Task.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// An upload whose first read waits for every writer to start (so all pass any "exists?" check) and whose end
    /// waits for every writer to finish reading (so all commit at once).
    /// </summary>
    private sealed class GatedStream(byte[] data, Gate started, Gate finished) : Stream
    {
        private readonly MemoryStream _inner = new(data);
        private bool _started;
        private bool _finished;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Stores read uploads asynchronously.");

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_started)
            {
                _started = true;
                await started.ArriveAsync();
            }

            var read = await _inner.ReadAsync(buffer, cancellationToken);
            if (read == 0 && !_finished)
            {
                _finished = true;
                await finished.ArriveAsync();
            }

            return read;
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
}
