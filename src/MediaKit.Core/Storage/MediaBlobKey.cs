namespace MediaKit.Storage;

/// <summary>The rules for blob keys, shared by every storage provider.</summary>
public static class MediaBlobKey
{
    /// <summary>The longest key, in characters.</summary>
    public const int MaxLength = 512;

    /// <summary>The most segments a key may have.</summary>
    public const int MaxSegments = 8;

    /// <summary>Whether <paramref name="key"/> follows the key rules of <see cref="IMediaBlobStore"/>.</summary>
    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
        {
            return false;
        }

        var segments = 0;
        foreach (var range in key.AsSpan().Split('/'))
        {
            var segment = key.AsSpan(range.Start.Value, range.End.Value - range.Start.Value);
            if (segment.IsEmpty || segment[0] == '.' || ++segments > MaxSegments)
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (!(c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c is '-' or '_' or '.'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Throws when <paramref name="key"/> breaks the key rules.</summary>
    /// <exception cref="ArgumentException">The key is not valid.</exception>
    public static void EnsureValid(string key)
    {
        if (!IsValid(key))
        {
            throw new ArgumentException($"'{key}' is not a valid blob key: use 1 to {MaxSegments} '/'-separated segments of lowercase letters, digits, '-', '_' and '.', not starting with '.', at most {MaxLength} characters.", nameof(key));
        }
    }
}
