using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using MediaKit.Storage.S3.Internal;
using MediaKit.Storage.S3.Tests.TestSupport;
using MediaKit.Testing;

namespace MediaKit.Storage.S3.Tests;

/// <summary>What the contract cannot see: multipart uploads, their clean-up, create-only writes on a store without conditional writes, and S3 errors.</summary>
[RequiresS3Server]
public sealed class S3BlobStoreTests : IDisposable
{
    private const int PartSize = S3StorageOptions.MinPartSize;
    private static readonly BlobWriteOptions CreateOnly = new() { ContentType = "application/octet-stream" };

    // Each test has its own prefix, so listing the open multipart uploads under it sees only this test's.
    private readonly string _prefix = S3Server.NewPrefix("s3");
    private readonly S3BlobStore _store;

    public S3BlobStoreTests() => _store = S3Server.CreateStore(_prefix, o => o.PartSize = PartSize);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_blob_of_three_parts_is_sent_as_a_multipart_upload_and_reads_back_byte_for_byte()
    {
        var data = TestData.Random((2 * PartSize) + 12_345);

        var info = await _store.WriteAsync("a/big.bin", new NonSeekableStream(new MemoryStream(data)), CreateOnly, CancellationToken.None);

        Assert.Equal(data.Length, info.Length);
        TestData.AssertSameBytes(data, await ReadAsync("a/big.bin"));
        TestData.AssertSameBytes(data.AsMemory(PartSize - 10, 20), await ReadAsync("a/big.bin", new BlobRange(PartSize - 10, 20)));

        // A multipart object's ETag is the hash of its parts' hashes, followed by the number of parts.
        var head = await _store.Client.GetObjectMetadataAsync(S3Server.Bucket, _prefix + "/a/big.bin");
        Assert.EndsWith("-3\"", head.ETag, StringComparison.Ordinal);
        Assert.Equal(data.Length, (await _store.GetInfoAsync("a/big.bin", CancellationToken.None))?.Length);
        Assert.Empty(await OpenUploadsAsync());
    }

    [Fact]
    public async Task A_blob_of_exactly_one_part_is_sent_with_one_put()
    {
        var data = TestData.Random(PartSize);

        await _store.WriteAsync("a/one.bin", new NonSeekableStream(new MemoryStream(data)), CreateOnly, CancellationToken.None);

        var head = await _store.Client.GetObjectMetadataAsync(S3Server.Bucket, _prefix + "/a/one.bin");
        Assert.DoesNotContain("-", head.ETag, StringComparison.Ordinal);
        TestData.AssertSameBytes(data, await ReadAsync("a/one.bin"));
    }

    [Fact]
    public async Task A_source_that_fails_after_two_parts_leaves_no_object_and_no_open_upload()
    {
        var data = TestData.Random(3 * PartSize);
        var failure = new IOException("The client went away.");

        var thrown = await Assert.ThrowsAsync<IOException>(
            () => _store.WriteAsync("a/killed.bin", new InterruptedStream(data, (2 * PartSize) + 100, failure), CreateOnly, CancellationToken.None));

        Assert.Same(failure, thrown);
        Assert.Null(await _store.GetInfoAsync("a/killed.bin", CancellationToken.None));
        Assert.Empty(await ListKeysAsync());
        Assert.Empty(await OpenUploadsAsync());
    }

    [Fact]
    public async Task A_multipart_write_cancelled_after_two_parts_leaves_no_object_and_no_open_upload()
    {
        var data = TestData.Random(4 * PartSize);
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _store.WriteAsync("a/cancelled.bin", new InterruptedStream(data, 2 * PartSize, cancellation.Cancel), CreateOnly, cancellation.Token));

        Assert.Null(await _store.GetInfoAsync("a/cancelled.bin", CancellationToken.None));
        Assert.Empty(await OpenUploadsAsync());
    }

    [Fact]
    public async Task RemoveAbandonedWritesAsync_aborts_uploads_started_before_the_cutoff_and_keeps_younger_ones()
    {
        var upload = await _store.Client.InitiateMultipartUploadAsync(S3Server.Bucket, _prefix + "/a/crashed.bin");
        await _store.Client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = S3Server.Bucket,
            Key = _prefix + "/a/crashed.bin",
            UploadId = upload.UploadId,
            PartNumber = 1,
            InputStream = new MemoryStream(TestData.Random(1000)),
            UseChunkEncoding = false,
        });

        Assert.Equal(0, await _store.RemoveAbandonedWritesAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None));
        Assert.Equal([upload.UploadId], await OpenUploadsAsync());

        Assert.Equal(1, await _store.RemoveAbandonedWritesAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None));
        Assert.Empty(await OpenUploadsAsync());
        Assert.Null(await _store.GetInfoAsync("a/crashed.bin", CancellationToken.None));
    }

    [Fact]
    public async Task RemoveAbandonedWritesAsync_only_touches_uploads_under_the_key_prefix()
    {
        var elsewhere = S3Server.NewPrefix("elsewhere") + "/a.bin";
        var upload = await _store.Client.InitiateMultipartUploadAsync(S3Server.Bucket, elsewhere);
        try
        {
            Assert.Equal(0, await _store.RemoveAbandonedWritesAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None));
        }
        finally
        {
            await _store.Client.AbortMultipartUploadAsync(S3Server.Bucket, elsewhere, upload.UploadId);
        }
    }

    [Theory]
    [InlineData(S3CreateOnlyStrategy.ExistenceCheck)]
    [InlineData(S3CreateOnlyStrategy.IfNoneMatch)]
    public async Task A_create_only_write_over_an_existing_blob_throws_before_reading_the_source(S3CreateOnlyStrategy strategy)
    {
        using var store = S3Server.CreateStore(_prefix, o => o.CreateOnly = strategy);
        var original = TestData.Random(1000, seed: 1);
        await store.WriteAsync("a/b.bin", new MemoryStream(original), CreateOnly, CancellationToken.None);
        var source = new NonSeekableStream(new MemoryStream(TestData.Random(3 * PartSize)));

        await Assert.ThrowsAsync<MediaBlobExistsException>(() => store.WriteAsync("a/b.bin", source, CreateOnly, CancellationToken.None));

        Assert.Equal(0, source.BytesRead);
        TestData.AssertSameBytes(original, await ReadAsync("a/b.bin"));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData((2 * PartSize) + 1)]
    public async Task A_blob_stored_by_someone_else_during_a_create_only_write_is_kept_with_the_existence_check(int length)
    {
        // Swift ignores If-None-Match, so only the check right before the commit can notice the blob that appeared.
        var intruder = TestData.Random(500, seed: 9);
        var source = new InterruptedStream(TestData.Random(length), length / 2, () => { });
        var write = _store.WriteAsync("a/raced.bin", new IntrudingStream(source, () => PutDirectlyAsync("a/raced.bin", intruder)), CreateOnly, CancellationToken.None);

        await Assert.ThrowsAsync<MediaBlobExistsException>(() => write);

        TestData.AssertSameBytes(intruder, await ReadAsync("a/raced.bin"));
        Assert.Empty(await OpenUploadsAsync());
    }

    [Fact]
    public async Task An_S3_error_other_than_404_surfaces_from_every_method_and_is_never_reported_as_not_found()
    {
        await _store.WriteAsync("a/b.bin", new MemoryStream(TestData.Random(10)), CreateOnly, CancellationToken.None);
        using var store = S3Server.CreateStore(_prefix, o => o.SecretKey = "wrong-secret");

        await AssertForbiddenAsync(() => store.GetInfoAsync("a/b.bin", CancellationToken.None));
        await AssertForbiddenAsync(() => store.GetInfoAsync("a/missing.bin", CancellationToken.None));
        await AssertForbiddenAsync(() => store.OpenReadAsync("a/b.bin", range: null, CancellationToken.None));
        await AssertForbiddenAsync(() => store.OpenReadAsync("a/missing.bin", new BlobRange(0, 1), CancellationToken.None));
        await AssertForbiddenAsync(() => store.DeleteAsync("a/b.bin", CancellationToken.None));
        await AssertForbiddenAsync(() => store.WriteAsync("a/new.bin", new MemoryStream(TestData.Random(10)), CreateOnly, CancellationToken.None));
        await AssertForbiddenAsync(() => store.WriteAsync("a/new.bin", new MemoryStream(TestData.Random(10)), CreateOnly with { Overwrite = true }, CancellationToken.None));
        await AssertForbiddenAsync(async () => await store.ListAsync(null, CancellationToken.None).ToListAsync());
        await AssertForbiddenAsync(() => store.RemoveAbandonedWritesAsync(DateTimeOffset.UtcNow, CancellationToken.None));

        static async Task AssertForbiddenAsync(Func<Task> call)
        {
            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(call);
            Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        }
    }

    [Fact]
    public async Task A_missing_bucket_is_an_error_when_reading_not_a_missing_blob()
    {
        using var store = S3Server.CreateStore(_prefix, o =>
        {
            o.BucketName = "mediakit-missing-" + Guid.NewGuid().ToString("N")[..12];
            o.CreateBucketIfMissing = false;
        });

        var read = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => store.OpenReadAsync("a/b.bin", range: null, CancellationToken.None));
        var list = await Assert.ThrowsAnyAsync<AmazonS3Exception>(async () => await store.ListAsync(null, CancellationToken.None).ToListAsync());
        Assert.Equal("NoSuchBucket", read.ErrorCode);
        Assert.Equal("NoSuchBucket", list.ErrorCode);
    }

    [Fact]
    public async Task Blobs_are_stored_under_the_key_prefix_and_listed_relative_to_it()
    {
        await _store.WriteAsync("x/1.bin", new MemoryStream(TestData.Random(10)), CreateOnly, CancellationToken.None);

        var raw = await _store.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3Server.Bucket, Prefix = _prefix + "/" });
        Assert.Equal([_prefix + "/x/1.bin"], raw.S3Objects.Select(o => o.Key));
        Assert.Equal(["x/1.bin"], await ListKeysAsync());
    }

    [Fact]
    public async Task Objects_that_are_not_valid_keys_are_left_out_of_the_listing()
    {
        await PutDirectlyAsync("Folder/", []);
        await PutDirectlyAsync("x/UPPER.bin", [1]);
        await _store.WriteAsync("x/ok.bin", new MemoryStream([1]), CreateOnly, CancellationToken.None);

        Assert.Equal(["x/ok.bin"], await ListKeysAsync());
    }

    [Fact]
    public async Task A_listing_longer_than_one_page_is_read_page_by_page()
    {
        // ListObjectsV2 returns at most 1,000 keys a page.
        var keys = Enumerable.Range(0, 1005).Select(i => $"p/{i:D4}.bin").ToList();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, ct) => await PutDirectlyAsync(key, [1]));

        Assert.Equal(keys, await ListKeysAsync("p/"));
    }

    private async Task PutDirectlyAsync(string key, byte[] data)
        => await _store.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = S3Server.Bucket,
            Key = _prefix + "/" + key,
            InputStream = new MemoryStream(data),
            UseChunkEncoding = false,
        });

    private async Task<byte[]> ReadAsync(string key, BlobRange? range = null)
    {
        await using var stream = await _store.OpenReadAsync(key, range, CancellationToken.None);
        Assert.NotNull(stream);
        return await TestData.ReadAllAsync(stream);
    }

    private async Task<List<string>> ListKeysAsync(string? prefix = null)
    {
        var keys = await _store.ListAsync(prefix, CancellationToken.None).Select(b => b.Key).ToListAsync();
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private async Task<List<string>> OpenUploadsAsync()
    {
        var page = await _store.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = S3Server.Bucket, Prefix = _prefix + "/" });
        return [.. (page.MultipartUploads ?? []).Select(u => u.UploadId)];
    }

    /// <summary>Runs an action (another writer storing the key) once, when the source is read to its end.</summary>
    private sealed class IntrudingStream(Stream inner, Func<Task> intrude) : Stream
    {
        private bool _intruded;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            if (read == 0 && !_intruded)
            {
                _intruded = true;
                await intrude();
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
