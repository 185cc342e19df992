using MediaKit.Storage.S3.Internal;

namespace MediaKit.Storage.S3.Tests;

/// <summary>The part buffers: exact-size arrays, and a bound on what is kept between writes.</summary>
public sealed class PartBufferPoolTests
{
    private const int PartSize = 5 * 1024 * 1024;

    [Fact]
    public void A_5_MiB_part_gets_a_5_MiB_array_not_one_rounded_up_to_8_MiB()
    {
        var pool = new PartBufferPool(PartSize, retained: 3);

        Assert.Equal(PartSize, pool.Rent().Length);
    }

    [Fact]
    public void Returned_buffers_are_reused()
    {
        var pool = new PartBufferPool(PartSize, retained: 3);
        var first = pool.Rent();
        pool.Return(first);

        Assert.Same(first, pool.Rent());
    }

    [Fact]
    public void No_more_than_the_retained_number_is_kept_however_many_threads_return_buffers()
    {
        var pool = new PartBufferPool(PartSize, retained: 3);
        var rented = Enumerable.Range(0, 10).Select(_ => pool.Rent()).ToArray();

        // Returned from ten threads at once, as parts finishing on thread-pool threads do.
        Parallel.ForEach(rented, new ParallelOptions { MaxDegreeOfParallelism = 10 }, pool.Return);

        var again = Enumerable.Range(0, 10).Select(_ => pool.Rent()).ToArray();
        Assert.Equal(3, again.Count(b => rented.Contains(b)));
    }

    [Fact]
    public void Arrays_of_another_size_are_not_taken_in()
    {
        var pool = new PartBufferPool(PartSize, retained: 3);
        var foreign = new byte[PartSize + 1];
        pool.Return(foreign);
        pool.Return(null);

        Assert.NotSame(foreign, pool.Rent());
    }
}
