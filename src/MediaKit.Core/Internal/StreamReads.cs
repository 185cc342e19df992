namespace MediaKit.Internal;

/// <summary>Reads shared by the streams that rewrite a file's metadata as it is uploaded.</summary>
internal static class StreamReads
{
    /// <summary>Reads <paramref name="count"/> bytes, or fewer when the stream ends first (the array is then that long).</summary>
    public static async Task<byte[]> ReadUpToAsync(this Stream stream, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled == count ? buffer : buffer[..filled];
    }
}
