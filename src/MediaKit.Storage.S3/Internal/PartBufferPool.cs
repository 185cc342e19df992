using System.Collections.Concurrent;

namespace MediaKit.Storage.S3.Internal;

/// <summary>
/// The part buffers of one store: arrays of exactly the part size, of which at most <c>retained</c> are kept between writes.
/// </summary>
/// <remarks>
/// Not <see cref="System.Buffers.ArrayPool{T}.Shared"/>: it rounds a 5 MiB part up to an 8 MiB array, and it keeps a
/// returned array in the returning thread's own slot as well as in per-core stacks, so buffers that are rented on one
/// thread and returned on others (a part is sent on a thread-pool thread) pile up — one per thread that ever finished a
/// part. Here the memory held between writes is bounded by <c>retained × part size</c>, whatever the number of threads,
/// and a write that finds the pool empty allocates an array that is dropped again if the pool is full when it returns.
/// </remarks>
internal sealed class PartBufferPool(int partSize, int retained)
{
    private readonly ConcurrentBag<byte[]> _free = [];
    private int _count;

    /// <summary>The length of every array the pool hands out.</summary>
    public int PartSize => partSize;

    /// <summary>A buffer of <see cref="PartSize"/> bytes, pooled when one is free.</summary>
    public byte[] Rent()
    {
        if (_free.TryTake(out var buffer))
        {
            Interlocked.Decrement(ref _count);
            return buffer;
        }

        // Not cleared: every byte a part sends was first written by the read that filled it.
        return GC.AllocateUninitializedArray<byte>(partSize);
    }

    /// <summary>Gives a buffer back; kept for the next write while fewer than the retained number are free.</summary>
    public void Return(byte[]? buffer)
    {
        if (buffer is null || buffer.Length != partSize)
        {
            return;
        }

        if (Interlocked.Increment(ref _count) <= retained)
        {
            _free.Add(buffer);
        }
        else
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
