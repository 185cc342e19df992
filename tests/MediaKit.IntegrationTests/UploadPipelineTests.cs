using System.Data.Common;
using System.Security.Cryptography;
using MediaKit.Storage;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MediaKit.IntegrationTests;

/// <summary>
/// The pipeline invariants of DESIGN.md, each shown by the fault itself against the real parts
/// (SQLite + local disk): after every failure there is a typed error, no record and no bytes.
/// </summary>
public sealed class UploadPipelineTests
{
    [Fact]
    public async Task Upload_stores_the_bytes_and_commits_a_ready_record()
    {
        await using var host = await MediaKitHost.StartAsync();
        var bytes = TestFiles.Png(50_000);

        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "Summer Lookbook.png", new MemoryStream(bytes)) { UploadedBy = "u1" }));

        Assert.Equal(MediaContentTypes.Png, asset.ContentType);
        Assert.Equal(MediaKind.Image, asset.Kind);
        Assert.Equal(MediaAssetStatus.Ready, asset.Status);
        Assert.Equal(bytes.Length, asset.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), asset.Sha256);
        Assert.Equal("Summer Lookbook.png", asset.FileName);
        Assert.Equal(7, asset.Id.Version);
        Assert.DoesNotContain("Summer", asset.StorageKey, StringComparison.Ordinal);

        await using var content = await host.WithStoreAsync(s => s.OpenReadAsync(asset.Id));
        Assert.NotNull(content);
        var copy = new MemoryStream();
        await content.Stream.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Single(await host.AllRecordsAsync());
        Assert.Single(host.AllFiles());
    }

    [Fact]
    public async Task A_storage_write_that_fails_half_way_leaves_no_record_and_no_bytes()
    {
        await using var host = await MediaKitHost.StartAsync(decorateStore: inner => new FailingWriteStore(inner, failAfterBytes: 300_000));

        var error = await Assert.ThrowsAsync<MediaException>(() =>
            host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(TestFiles.Png(1_000_000))))));

        Assert.Equal(MediaErrorCodes.StorageFailed, error.Code);
        Assert.IsType<IOException>(error.InnerException);
        await host.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_database_commit_that_fails_leaves_no_bytes()
    {
        var database = new FailingCommitInterceptor();
        await using var host = await MediaKitHost.StartAsync(dbInterceptor: database);
        database.Armed = true;

        var error = await Assert.ThrowsAsync<MediaException>(() =>
            host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(TestFiles.Png(200_000))))));

        Assert.Equal(MediaErrorCodes.CatalogFailed, error.Code);
        Assert.NotNull(error.InnerException);
        await host.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_upload_leaves_no_record_and_no_bytes()
    {
        await using var host = await MediaKitHost.StartAsync();
        var source = new GeneratedStream(TestFiles.Mp4Header(), 50_000_000) { FailAfter = 5_000_000 };

        var error = await Assert.ThrowsAsync<MediaException>(() =>
            host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("videos", "clip.mp4", source))));

        Assert.Equal(MediaErrorCodes.UploadIncomplete, error.Code);
        Assert.IsType<IOException>(error.InnerException);
        await host.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task An_upload_cancelled_mid_way_leaves_no_record_and_no_bytes()
    {
        await using var host = await MediaKitHost.StartAsync();
        using var cancellation = new CancellationTokenSource();
        var source = new GeneratedStream(TestFiles.Mp4Header(), 50_000_000) { CancelAfter = (3_000_000, cancellation) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("videos", "clip.mp4", source), cancellation.Token)));

        await host.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_and_reading_stops_at_the_limit()
    {
        await using var host = await MediaKitHost.StartAsync();
        var source = new GeneratedStream(TestFiles.Png(16), 100_000_000);

        var error = await Assert.ThrowsAsync<MediaTooLargeException>(() =>
            host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("small", "huge.png", source))));

        Assert.Equal(MediaErrorCodes.TooLarge, error.Code);
        Assert.Equal(1_000_000, error.Limit);
        Assert.Equal(MediaKind.Image, error.Kind);
        Assert.InRange(source.BytesHandedOut, 1_000_001, 1_000_001);
        await host.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_reading()
    {
        await using var host = await MediaKitHost.StartAsync();
        var source = new GeneratedStream(TestFiles.Png(16), 5_000_000);

        await Assert.ThrowsAsync<MediaTooLargeException>(() =>
            host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("small", "big.png", source) { DeclaredLength = 5_000_000 })));

        Assert.Equal(0, source.BytesHandedOut);
        await host.AssertNothingLeftAsync();
    }

    [Theory]
    [InlineData("photo.jpg", "image/jpeg", MediaErrorCodes.TypeMismatch)]
    [InlineData("photo.jpg", null, MediaErrorCodes.TypeMismatch)]
    [InlineData("photo.php", null, MediaErrorCodes.TypeNotAllowed)]
    [InlineData("photo", "image/png", MediaErrorCodes.TypeMismatch)]
    public async Task A_PHP_file_disguised_as_an_image_is_refused_before_anything_is_written(string fileName, string? declaredType, string code)
    {
        await using var host = await MediaKitHost.StartAsync();

        var error = await Assert.ThrowsAsync<MediaTypeRejectedException>(() =>
            host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", fileName, new MemoryStream(TestFiles.Php())) { DeclaredContentType = declaredType })));

        Assert.Equal(code, error.Code);
        Assert.Equal(MediaContentTypes.Php, error.DetectedContentType);
        await host.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task An_HTML_page_named_photo_jpg_is_refused()
    {
        await using var host = await MediaKitHost.StartAsync();
        var html = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray();

        var error = await Assert.ThrowsAsync<MediaTypeRejectedException>(() =>
            host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "photo.jpg", new MemoryStream(html)) { DeclaredContentType = "image/jpeg" })));

        Assert.Equal(MediaContentTypes.Html, error.DetectedContentType);
        await host.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_PDF_is_refused_from_an_images_only_collection()
    {
        await using var host = await MediaKitHost.StartAsync();
        var pdf = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"u8.ToArray();

        var error = await Assert.ThrowsAsync<MediaTypeRejectedException>(() =>
            host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "invoice.pdf", new MemoryStream(pdf)))));

        Assert.Equal(MediaErrorCodes.TypeNotAllowed, error.Code);
        await host.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        await using var host = await MediaKitHost.StartAsync();

        var error = await Assert.ThrowsAsync<MediaException>(() =>
            host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "empty.png", new MemoryStream()))));

        Assert.Equal(MediaErrorCodes.Empty, error.Code);
        await host.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task An_unknown_collection_is_refused()
    {
        await using var host = await MediaKitHost.StartAsync();

        var error = await Assert.ThrowsAsync<MediaCollectionNotFoundException>(() =>
            host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("nope", "a.png", new MemoryStream(TestFiles.Png())))));

        Assert.Equal(MediaErrorCodes.UnknownCollection, error.Code);
        await host.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task The_same_bytes_uploaded_twice_to_a_deduplicating_collection_give_one_asset()
    {
        await using var host = await MediaKitHost.StartAsync();
        var bytes = TestFiles.Jpeg(30_000);

        var first = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("dedup", "a.jpg", new MemoryStream(bytes))));
        var second = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("dedup", "b.jpg", new MemoryStream(bytes))));
        var elsewhere = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "c.jpg", new MemoryStream(bytes))));

        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.Id, elsewhere.Id);
        Assert.Equal(2, (await host.AllRecordsAsync()).Count);
        Assert.Equal(2, host.AllFiles().Count);
    }

    [Fact]
    public async Task Another_tenant_cannot_find_read_or_delete_an_asset()
    {
        await using var host = await MediaKitHost.StartAsync();
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(TestFiles.Png()))));

        host.Tenant.TenantId = "store-b";

        Assert.Null(await host.WithStoreAsync(s => s.FindAsync(asset.Id)));
        Assert.Null(await host.WithStoreAsync(s => s.OpenReadAsync(asset.Id)));
        Assert.False(await host.WithStoreAsync(s => s.DeleteAsync(asset.Id, MediaDeleteMode.Purge)));
        Assert.Empty((await host.WithStoreAsync(s => s.QueryAsync(new MediaQuery()))).Items);
        Assert.Single(host.AllFiles());

        host.Tenant.TenantId = "store-a";
        Assert.NotNull(await host.WithStoreAsync(s => s.FindAsync(asset.Id)));
    }

    [Fact]
    public async Task A_soft_deleted_asset_stops_being_served_at_once_and_can_be_restored()
    {
        await using var host = await MediaKitHost.StartAsync();
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(TestFiles.Png()))));

        Assert.True(await host.WithStoreAsync(s => s.DeleteAsync(asset.Id)));
        Assert.Null(await host.WithStoreAsync(s => s.FindAsync(asset.Id)));
        Assert.Null(await host.WithStoreAsync(s => s.OpenReadAsync(asset.Id)));
        var trash = await host.WithStoreAsync(s => s.QueryAsync(new MediaQuery { Trash = true }));
        Assert.Equal(asset.Id, Assert.Single(trash.Items).Id);
        Assert.Single(host.AllFiles());

        Assert.True(await host.WithStoreAsync(s => s.RestoreAsync(asset.Id)));
        await using var content = await host.WithStoreAsync(s => s.OpenReadAsync(asset.Id));
        Assert.NotNull(content);
    }

    [Fact]
    public async Task Purge_removes_the_record_and_the_bytes()
    {
        await using var host = await MediaKitHost.StartAsync();
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(TestFiles.Png()))));
        await host.WithStoreAsync(s => s.DeleteAsync(asset.Id));

        Assert.True(await host.WithStoreAsync(s => s.DeleteAsync(asset.Id, MediaDeleteMode.Purge)));

        await host.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_range_read_returns_exactly_the_requested_bytes()
    {
        await using var host = await MediaKitHost.StartAsync();
        var bytes = TestFiles.Png(100_000);
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(bytes))));

        await using var content = await host.WithStoreAsync(s => s.OpenReadAsync(asset.Id, range: new BlobRange(1000, 500)));

        Assert.NotNull(content);
        var copy = new MemoryStream();
        await content.Stream.CopyToAsync(copy);
        Assert.Equal(bytes.AsSpan(1000, 500).ToArray(), copy.ToArray());
        Assert.Equal(bytes.Length, content.Length);
    }

    [Fact]
    public async Task Reconciliation_removes_bytes_without_a_record_once_the_grace_period_passed()
    {
        await using var host = await MediaKitHost.StartAsync();
        var kept = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(TestFiles.Png()))));
        var blobs = host.Services.GetService(typeof(IMediaBlobStore)) as IMediaBlobStore;
        Assert.NotNull(blobs);
        // What a crash between the write and the commit leaves: bytes that no record names.
        await blobs.WriteAsync("2026/01/crashed/original-v1.png", new MemoryStream(TestFiles.Png()), new BlobWriteOptions(), CancellationToken.None);

        await using (var scope = ((IServiceProvider)host.Services).CreateAsyncScopeForTest())
        {
            var early = await scope.Reconciler.ReconcileAsync();
            Assert.Equal(0, early.OrphanBlobsRemoved);
        }

        host.Time.Advance(TimeSpan.FromHours(2));
        await using (var scope = ((IServiceProvider)host.Services).CreateAsyncScopeForTest())
        {
            var report = await scope.Reconciler.ReconcileAsync();
            Assert.Equal(2, report.BlobsScanned);
            Assert.Equal(1, report.OrphanBlobsRemoved);
        }

        var file = Assert.Single(host.AllFiles());
        Assert.EndsWith(Path.GetFileName(kept.StorageKey), file, StringComparison.Ordinal);
    }

    /// <summary>A blob store whose backing device fails part way through a write (a full disk, a broken mount).</summary>
    private sealed class FailingWriteStore(IMediaBlobStore inner, long failAfterBytes) : IMediaBlobStore
    {
        public Task<BlobInfo> WriteAsync(string key, Stream content, BlobWriteOptions options, CancellationToken cancellationToken)
            => inner.WriteAsync(key, new FailingReadStream(content, failAfterBytes), options, cancellationToken);

        public Task<Stream?> OpenReadAsync(string key, BlobRange? range, CancellationToken cancellationToken) => inner.OpenReadAsync(key, range, cancellationToken);

        public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken) => inner.GetInfoAsync(key, cancellationToken);

        public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public IAsyncEnumerable<BlobInfo> ListAsync(string? prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
    }

    private sealed class FailingReadStream(Stream inner, long failAfterBytes) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_read >= failAfterBytes)
            {
                throw new IOException("No space left on device (simulated).");
            }

            var read = await inner.ReadAsync(buffer, cancellationToken);
            _read += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>
    /// Makes the database refuse the asset's insert, as a lost connection or a full disk would. (EF Core sends a
    /// single-row insert without an explicit transaction, so the fault sits on the command, not on a commit.)
    /// </summary>
    private sealed class FailingCommitInterceptor : DbCommandInterceptor
    {
        public bool Armed { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
            => Fail(command) ? throw new InvalidOperationException("The database went away during commit (simulated).") : ValueTask.FromResult(result);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
            => Fail(command) ? throw new InvalidOperationException("The database went away during commit (simulated).") : ValueTask.FromResult(result);

        private bool Fail(DbCommand command) => Armed && command.CommandText.Contains("INSERT INTO \"media_assets\"", StringComparison.Ordinal);
    }
}
