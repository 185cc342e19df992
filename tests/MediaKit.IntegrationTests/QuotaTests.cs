using Microsoft.EntityFrameworkCore;

namespace MediaKit.IntegrationTests;

/// <summary>Seed 003's per-owner storage quota: exact under concurrent uploads, freed by purging, refused with the numbers.</summary>
public sealed class QuotaTests
{
    private const int FileLength = 10_000;

    [Fact]
    public async Task Parallel_uploads_against_one_quota_admit_exactly_as_many_as_fit_and_leave_nothing_of_the_others()
    {
        const int fits = 8;
        const int attempts = 30;
        await using var host = await SeedThreeHost.StartAsync(quota: fits * FileLength);

        // Every upload in a scope of its own (one HTTP request each), all started at once; distinct bytes, no de-duplication.
        using var start = new ManualResetEventSlim();
        var uploads = Enumerable.Range(0, attempts).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var bytes = TestFiles.Png(FileLength);
            bytes[100] = (byte)i;
            try
            {
                return (Asset: await host.UploadAsync("alice", bytes, $"p{i}.png"), Error: (MediaException?)null);
            }
            catch (MediaException ex)
            {
                return (Asset: (MediaAsset?)null, Error: ex);
            }
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(uploads);

        Assert.Equal(fits, results.Count(r => r.Asset is not null));
        Assert.All(results.Where(r => r.Error is not null), r => Assert.IsType<MediaQuotaExceededException>(r.Error));
        var records = await host.AllRecordsAsync();
        Assert.Equal(fits, records.Count);
        Assert.Equal((long)fits * FileLength, records.Sum(a => a.Length));

        // Only the admitted files are stored: the refused ones were written, then removed.
        Assert.Equal(records.Select(r => r.StorageKey).Order(StringComparer.Ordinal), host.AllFiles().Select(f => Path.GetRelativePath(host.MediaRoot, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
        var usage = await host.WithAsync<IMediaQuotas, MediaQuotaUsage>(q => q.GetUsageAsync("chat", "alice"));
        Assert.Equal(new MediaQuotaUsage("chat", "alice", fits * FileLength, fits * FileLength), usage);
    }

    [Fact]
    public async Task The_refusal_says_how_much_is_used_and_allowed_and_the_audit_trail_has_no_entry_for_it()
    {
        await using var host = await SeedThreeHost.StartAsync(quota: 25_000);
        await host.UploadAsync("alice", TestFiles.Png(FileLength), "1.png");
        await host.UploadAsync("alice", TestFiles.Png(FileLength + 1), "2.png");

        var error = await Assert.ThrowsAsync<MediaQuotaExceededException>(() => host.UploadAsync("alice", TestFiles.Png(FileLength + 2), "3.png"));

        Assert.Equal(MediaErrorCodes.QuotaExceeded, error.Code);
        Assert.Equal((2 * FileLength) + 1, error.Used);
        Assert.Equal(25_000, error.Allowed);
        Assert.Equal(FileLength + 2, error.Requested);
        Assert.Contains("20,001 of 25,000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await host.AllRecordsAsync()).Count);
        Assert.Equal(2, host.AllFiles().Count);
        var actions = await host.WithDbAsync(db => db.Set<MediaAuditEntry>().Select(e => e.Action).ToListAsync());
        Assert.Equal(["asset.uploaded", "asset.uploaded"], actions);
    }

    [Fact]
    public async Task A_full_quota_refuses_before_a_byte_of_the_body_is_read()
    {
        await using var host = await SeedThreeHost.StartAsync(quota: FileLength);
        await host.UploadAsync("alice", TestFiles.Png(FileLength));

        var body = new UnreadableStream();
        var error = await Assert.ThrowsAsync<MediaQuotaExceededException>(() => host.WithStoreAsync(s =>
            s.UploadAsync(new MediaUploadRequest("chat", "big.png", body) { UploadedBy = "alice", DeclaredLength = 5_000_000 })));

        Assert.Equal(5_000_000, error.Requested);
        Assert.False(body.WasRead);
    }

    [Fact]
    public async Task A_larger_replacement_needs_room_in_the_quota_and_a_refusal_changes_nothing()
    {
        await using var host = await SeedThreeHost.StartAsync(quota: 25_000);
        host.Actor.ActorId = "alice";
        var first = await host.UploadAsync("alice", TestFiles.Png(FileLength), "1.png");
        await host.UploadAsync("alice", TestFiles.Png(FileLength), "2.png");
        var filesBefore = host.AllFiles().Order(StringComparer.Ordinal).ToList();

        // 20,000 used; growing the first file by 6,000 bytes would make 26,000 of 25,000.
        var error = await Assert.ThrowsAsync<MediaQuotaExceededException>(() => host.WithStoreAsync(s =>
            s.ReplaceContentAsync(first.Id, new MediaContentReplacement("bigger.png", new MemoryStream(TestFiles.Png(FileLength + 6_000))))));
        Assert.Equal(2 * FileLength, error.Used);
        Assert.Equal(6_000, error.Requested);

        // Nothing changed: same record, same files; the refused file's bytes were removed.
        var record = (await host.AllRecordsAsync()).Single(a => a.Id == first.Id);
        Assert.Equal((1, (long)FileLength, "1.png"), (record.Version, record.Length, record.FileName));
        Assert.Equal(filesBefore, host.AllFiles().Order(StringComparer.Ordinal).ToList());

        // A replacement that fits (or shrinks the file) goes through.
        var replaced = await host.WithStoreAsync(s =>
            s.ReplaceContentAsync(first.Id, new MediaContentReplacement("smaller.png", new MemoryStream(TestFiles.Png(FileLength - 1_000)))));
        Assert.NotNull(replaced);
        Assert.Equal(2, replaced.Version);
    }

    [Fact]
    public async Task Each_owner_has_a_quota_of_their_own()
    {
        await using var host = await SeedThreeHost.StartAsync(quota: FileLength);
        await host.UploadAsync("alice", TestFiles.Png(FileLength));

        await Assert.ThrowsAsync<MediaQuotaExceededException>(() => host.UploadAsync("alice", TestFiles.Png(FileLength)));
        await host.UploadAsync("bob", TestFiles.Png(FileLength));
        host.Tenant.TenantId = "store-b";
        await host.UploadAsync("alice", TestFiles.Png(FileLength));
    }

    [Fact]
    public async Task The_trash_still_counts_and_purging_frees_the_quota()
    {
        await using var host = await SeedThreeHost.StartAsync(quota: FileLength);
        var first = await host.UploadAsync("alice", TestFiles.Png(FileLength));

        Assert.True(await host.WithStoreAsync(s => s.DeleteAsync(first.Id)));
        await Assert.ThrowsAsync<MediaQuotaExceededException>(() => host.UploadAsync("alice", TestFiles.Png(FileLength)));

        Assert.True(await host.WithStoreAsync(s => s.DeleteAsync(first.Id, MediaDeleteMode.Purge)));
        var second = await host.UploadAsync("alice", TestFiles.Png(FileLength));
        Assert.Equal(MediaAssetStatus.Ready, second.Status);
    }

    [Fact]
    public async Task A_collection_without_a_quota_is_not_limited()
    {
        await using var host = await SeedThreeHost.StartAsync(quota: null);
        for (var i = 0; i < 3; i++)
        {
            await host.UploadAsync("alice", TestFiles.Png(FileLength + i));
        }

        var usage = await host.WithAsync<IMediaQuotas, MediaQuotaUsage>(q => q.GetUsageAsync("chat", "alice"));
        Assert.Null(usage.Allowed);
        Assert.Equal((3 * FileLength) + 3, usage.Used);
    }

    private sealed class UnreadableStream : Stream
    {
        public bool WasRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            WasRead = true;
            throw new IOException("The body must not be read.");
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            WasRead = true;
            throw new IOException("The body must not be read.");
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
