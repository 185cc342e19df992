using MediaKit.Storage.FileSystem.Internal;
using MediaKit.Storage.FileSystem.Tests.TestSupport;
using MediaKit.Testing;
using Microsoft.Extensions.Logging;

namespace MediaKit.Storage.FileSystem.Tests;

/// <summary>What the local disk store promises beyond the storage contract: the root is a boundary, and writes leave no debris.</summary>
public sealed class FileSystemBlobStoreTests : IDisposable
{
    private static readonly BlobWriteOptions CreateOnly = new();
    private static readonly BlobWriteOptions Overwrite = new() { Overwrite = true };

    private readonly TempFolder _root = new();
    private readonly TempFolder _outside = new();
    private readonly CapturingLogger<FileSystemBlobStore> _logger = new();
    private readonly FileSystemBlobStore _store;

    public FileSystemBlobStoreTests() => _store = Stores.Create(_root.Path, _logger);

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public void The_root_and_its_tmp_folder_are_created_when_missing()
    {
        var root = _root.Combine("not", "there", "yet");

        var store = Stores.Create(root);

        Assert.Equal(root, store.RootPath);
        Assert.True(Directory.Exists(Path.Combine(root, ".tmp")));
    }

    [Fact]
    public async Task A_blob_is_a_file_under_the_root_at_its_key()
    {
        var data = TestData.Random(100);

        await _store.WriteAsync("2025/01/abc/original-v1.png", new MemoryStream(data), CreateOnly, CancellationToken.None);

        Assert.Equal(data, await File.ReadAllBytesAsync(_root.Combine("2025", "01", "abc", "original-v1.png")));
    }

    [Fact]
    public async Task A_durable_write_larger_than_several_writeback_chunks_keeps_every_byte()
    {
        // 20 MiB plus a tail: writeback is started twice while writing, the final fsync covers the rest.
        var data = TestData.Random((int)(2.5 * EarlyWriteback.Chunk) + 123, seed: 11);

        var info = await _store.WriteAsync("big/original.bin", new MemoryStream(data), CreateOnly, CancellationToken.None);

        Assert.Equal(data.Length, info.Length);
        Assert.Equal(data, await File.ReadAllBytesAsync(_root.Combine("big", "original.bin")));
    }

    [Fact]
    public async Task A_symbolic_link_to_a_folder_outside_the_root_is_refused_for_write_and_read()
    {
        File.WriteAllText(Path.Combine(_outside.Path, "secret.txt"), "secret");
        Directory.CreateSymbolicLink(_root.Combine("escape"), _outside.Path);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _store.WriteAsync("escape/new.bin", new MemoryStream([1, 2, 3]), CreateOnly, CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _store.WriteAsync("escape/secret.txt", new MemoryStream([1, 2, 3]), Overwrite, CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _store.WriteAsync("escape/deeper/new.bin", new MemoryStream([1, 2, 3]), CreateOnly, CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _store.OpenReadAsync("escape/secret.txt", range: null, CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _store.GetInfoAsync("escape/secret.txt", CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _store.DeleteAsync("escape/secret.txt", CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(async () =>
        {
            await foreach (var blob in _store.ListAsync("escape/", CancellationToken.None))
            {
            }
        });

        Assert.Empty(await ListKeysAsync(prefix: null));
        Assert.Equal([Path.Combine(_outside.Path, "secret.txt")], Directory.GetFileSystemEntries(_outside.Path));
        Assert.Equal("secret", File.ReadAllText(Path.Combine(_outside.Path, "secret.txt")));
        Assert.Empty(Directory.GetFileSystemEntries(_store.TempPath));
        Assert.Contains(_logger.Entries, e => e.Id.Id == 2002 && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task A_symbolic_link_deeper_in_the_path_is_refused()
    {
        Directory.CreateDirectory(_root.Combine("a"));
        Directory.CreateSymbolicLink(_root.Combine("a", "b"), _outside.Path);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _store.WriteAsync("a/b/c/new.bin", new MemoryStream([1]), CreateOnly, CancellationToken.None));

        Assert.Empty(Directory.GetFileSystemEntries(_outside.Path));
    }

    [Fact]
    public async Task A_symbolic_link_file_pointing_outside_the_root_is_refused()
    {
        var secret = Path.Combine(_outside.Path, "secret.txt");
        File.WriteAllText(secret, "secret");
        Directory.CreateDirectory(_root.Combine("a"));
        File.CreateSymbolicLink(_root.Combine("a", "link.txt"), secret);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _store.OpenReadAsync("a/link.txt", range: null, CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _store.WriteAsync("a/link.txt", new MemoryStream([1]), Overwrite, CancellationToken.None));

        Assert.Empty(await ListKeysAsync(prefix: null));
        Assert.Equal("secret", File.ReadAllText(secret));
    }

    [Fact]
    public async Task A_failed_write_leaves_no_file_in_tmp_and_logs_the_rollback()
    {
        var data = TestData.Random(3 * 1024 * 1024);

        await Assert.ThrowsAsync<IOException>(() => _store.WriteAsync("a/b.bin", new InterruptedStream(data, 2 * 1024 * 1024, new IOException("Gone.")), CreateOnly, CancellationToken.None));

        Assert.Empty(Directory.GetFileSystemEntries(_store.TempPath));
        Assert.False(Directory.Exists(_root.Combine("a")));
        Assert.Contains(_logger.Entries, e => e.Id.Id == 2001 && e.Level == LogLevel.Warning && e.Message.Contains("a/b.bin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancelled_write_leaves_no_file_in_tmp()
    {
        using var cancellation = new CancellationTokenSource();
        var content = new InterruptedStream(TestData.Random(1024 * 1024), 100_000, cancellation.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.WriteAsync("a/b.bin", content, CreateOnly, cancellation.Token));

        Assert.Empty(Directory.GetFileSystemEntries(_store.TempPath));
        Assert.Contains(_logger.Entries, e => e.Id.Id == 2001 && e.Level == LogLevel.Debug);
    }

    [Fact]
    public async Task A_create_only_write_over_an_existing_key_does_not_read_the_stream()
    {
        await _store.WriteAsync("a/b.bin", new MemoryStream([1]), CreateOnly, CancellationToken.None);
        var content = new NonSeekableStream(new MemoryStream(TestData.Random(1000)));

        await Assert.ThrowsAsync<MediaBlobExistsException>(() => _store.WriteAsync("a/b.bin", content, CreateOnly, CancellationToken.None));

        Assert.Equal(0, content.BytesRead);
    }

    [Fact]
    public async Task Files_in_tmp_and_files_that_are_not_keys_are_not_listed()
    {
        await _store.WriteAsync("a/b.bin", new MemoryStream([1]), CreateOnly, CancellationToken.None);
        File.WriteAllText(Path.Combine(_store.TempPath, "write-in-progress.tmp"), "x");
        File.WriteAllText(_root.Combine("Thumbs.db"), "x");
        File.WriteAllText(_root.Combine(".DS_Store"), "x");
        File.WriteAllText(_root.Combine("a", "Notes.TXT"), "x");

        Assert.Equal(["a/b.bin"], await ListKeysAsync(prefix: null));
    }

    [Fact]
    public async Task RemoveAbandonedWritesAsync_removes_old_temporary_files_but_not_fresh_ones()
    {
        var now = DateTime.UtcNow;
        var old = Path.Combine(_store.TempPath, "old.tmp");
        var fresh = Path.Combine(_store.TempPath, "fresh.tmp");
        var other = Path.Combine(_store.TempPath, "other.txt");
        foreach (var file in new[] { old, fresh, other })
        {
            File.WriteAllText(file, "x");
        }

        File.SetLastWriteTimeUtc(old, now.AddHours(-2));
        File.SetLastWriteTimeUtc(other, now.AddHours(-2));

        var removed = await _store.RemoveAbandonedWritesAsync(new DateTimeOffset(now.AddHours(-1)), CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(other));
        Assert.Contains(_logger.Entries, e => e.Id.Id == 2003);
        Assert.Equal(0, await _store.RemoveAbandonedWritesAsync(new DateTimeOffset(now.AddHours(-1)), CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_the_last_blob_of_a_folder_removes_the_empty_folders_but_never_the_root()
    {
        await _store.WriteAsync("x/y/z/one.bin", new MemoryStream([1]), CreateOnly, CancellationToken.None);
        await _store.WriteAsync("x/keep.bin", new MemoryStream([2]), CreateOnly, CancellationToken.None);

        await _store.DeleteAsync("x/y/z/one.bin", CancellationToken.None);

        Assert.False(Directory.Exists(_root.Combine("x", "y")));
        Assert.True(File.Exists(_root.Combine("x", "keep.bin")));

        await _store.DeleteAsync("x/keep.bin", CancellationToken.None);

        Assert.False(Directory.Exists(_root.Combine("x")));
        Assert.True(Directory.Exists(_root.Path));
        Assert.True(Directory.Exists(_store.TempPath));

        await _store.WriteAsync("top.bin", new MemoryStream([3]), CreateOnly, CancellationToken.None);
        await _store.DeleteAsync("top.bin", CancellationToken.None);
        Assert.True(Directory.Exists(_root.Path));
    }

    [Fact]
    public async Task A_key_that_names_a_folder_of_other_blobs_is_not_found()
    {
        await _store.WriteAsync("a/b.bin", new MemoryStream([1]), CreateOnly, CancellationToken.None);

        Assert.Null(await _store.OpenReadAsync("a", range: null, CancellationToken.None));
        Assert.Null(await _store.GetInfoAsync("a", CancellationToken.None));
        Assert.False(await _store.DeleteAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task A_write_puts_back_a_tmp_folder_that_was_removed()
    {
        Directory.Delete(_store.TempPath);

        await _store.WriteAsync("a/b.bin", new MemoryStream([1, 2]), CreateOnly, CancellationToken.None);

        Assert.Equal(2, (await _store.GetInfoAsync("a/b.bin", CancellationToken.None))?.Length);
    }

    [Fact]
    public async Task A_range_with_a_length_is_a_read_only_non_seekable_stream_that_reads_synchronously_too()
    {
        var data = TestData.Random(1000);
        await _store.WriteAsync("a/b.bin", new MemoryStream(data), CreateOnly, CancellationToken.None);

        await using var stream = await _store.OpenReadAsync("a/b.bin", new BlobRange(10, 100), CancellationToken.None);

        Assert.NotNull(stream);
        Assert.False(stream.CanSeek);
        Assert.False(stream.CanWrite);
        var first = stream.ReadByte();
        var buffer = new byte[1000];
        var read = 0;
        int n;
        while ((n = stream.Read(buffer.AsSpan(read))) > 0)
        {
            read += n;
        }

        Assert.Equal(data[10], first);
        Assert.Equal(data.AsSpan(11, 99).ToArray(), buffer.AsSpan(0, read).ToArray());
        Assert.Equal(-1, stream.ReadByte());
    }

    [Fact]
    public async Task An_open_reader_keeps_the_bytes_it_opened_when_the_blob_is_overwritten_or_deleted()
    {
        var original = TestData.Random(100_000, seed: 1);
        await _store.WriteAsync("a/b.bin", new MemoryStream(original), CreateOnly, CancellationToken.None);
        await using var reader = await _store.OpenReadAsync("a/b.bin", range: null, CancellationToken.None);

        await _store.WriteAsync("a/b.bin", new MemoryStream(TestData.Random(10, seed: 2)), Overwrite, CancellationToken.None);
        Assert.NotNull(reader);
        TestData.AssertSameBytes(original, await TestData.ReadAllAsync(reader));
    }

    [Fact]
    public async Task Writes_in_flight_do_not_show_in_the_listing_and_finish_whole()
    {
        var data = TestData.Random(2 * 1024 * 1024);
        using var reachedHalf = new SemaphoreSlim(0);
        using var resume = new SemaphoreSlim(0);
        var content = new InterruptedStream(data, data.Length / 2, () =>
        {
            reachedHalf.Release();
            resume.Wait();
        });

        var write = Task.Run(() => _store.WriteAsync("a/b.bin", content, CreateOnly, CancellationToken.None));
        Assert.True(await reachedHalf.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Empty(await ListKeysAsync(prefix: null));
        Assert.Null(await _store.GetInfoAsync("a/b.bin", CancellationToken.None));
        Assert.Single(Directory.GetFiles(_store.TempPath));

        resume.Release(int.MaxValue / 2);
        await write;
        Assert.Equal(["a/b.bin"], await ListKeysAsync(prefix: null));
        Assert.Empty(Directory.GetFiles(_store.TempPath));
    }

    private async Task<List<string>> ListKeysAsync(string? prefix)
    {
        var keys = new List<string>();
        await foreach (var blob in _store.ListAsync(prefix, CancellationToken.None))
        {
            keys.Add(blob.Key);
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }
}
