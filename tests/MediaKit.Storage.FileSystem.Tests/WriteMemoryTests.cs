using MediaKit.Storage.FileSystem.Tests.TestSupport;

namespace MediaKit.Storage.FileSystem.Tests;

/// <summary>Tests that measure the whole process's allocations, so nothing else may run beside them.</summary>
[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public sealed class AllocationSensitive;

[Collection(nameof(AllocationSensitive))]
public sealed class WriteMemoryTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Writing_a_large_blob_allocates_a_small_fraction_of_its_size()
    {
        const long Size = 64L * 1024 * 1024;
        var store = Stores.Create(_root.Path, configure: o => o.FlushToDisk = false);
        await store.WriteAsync("warm/up.bin", new PatternStream(Size / 16), new BlobWriteOptions(), CancellationToken.None);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var info = await store.WriteAsync("large/blob.bin", new PatternStream(Size), new BlobWriteOptions(), CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(Size, info.Length);

        // One pooled 1 MiB buffer at most (the pool may hand it to another thread), plus small change per read.
        Assert.True(allocated < 4L * 1024 * 1024, $"Writing {Size:N0} bytes allocated {allocated:N0} bytes.");
    }

    /// <summary>A non-seekable stream of a given length that allocates nothing per read.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - _position);
            buffer[..count].Fill((byte)(_position / 4096));
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
