namespace MediaKit.Testing;

/// <summary>Bytes for storage tests.</summary>
public static class TestData
{
    /// <summary>Pseudo-random bytes: incompressible and different at every offset, so a shifted or truncated copy never matches.</summary>
    /// <param name="length">How many bytes.</param>
    /// <param name="seed">The same seed gives the same bytes, so a failure can be reproduced.</param>
    public static byte[] Random(int length, int seed = 42)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Reads a stream to its end.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// Asserts two byte sequences are equal, naming the first difference; unlike <c>Assert.Equal</c> it stays fast and
    /// readable for megabytes.
    /// </summary>
    public static void AssertSameBytes(ReadOnlyMemory<byte> expectedBytes, ReadOnlyMemory<byte> actualBytes)
    {
        var expected = expectedBytes.Span;
        var actual = actualBytes.Span;
        var common = expected.CommonPrefixLength(actual);
        if (common == expected.Length && common == actual.Length)
        {
            return;
        }

        Assert.Fail(common < Math.Min(expected.Length, actual.Length)
            ? $"The bytes differ at offset {common} (expected 0x{expected[common]:X2}, got 0x{actual[common]:X2}); lengths {expected.Length} and {actual.Length}."
            : $"Expected {expected.Length} bytes, got {actual.Length}; the first {common} are equal.");
    }
}
