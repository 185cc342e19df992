using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace MediaKit.EfCore.Internal;

/// <summary>The position after the last item of a keyset page: its sort value and id, with the sort it belongs to.</summary>
/// <remarks>
/// Encoded as base64url of <c>1|sort|direction|id|value</c>. The value comes last so that a file name containing the
/// separator needs no escaping. The sort and direction are inside so that a cursor cannot be replayed against another order,
/// where it would silently skip or repeat items.
/// </remarks>
internal sealed record MediaCursor(MediaSortBy SortBy, bool Descending, Guid Id, string Value)
{
    private const string Version = "1";

    // A 1024-character file name is at most 4 KiB of UTF-8, so anything longer was not made here.
    private const int MaxEncodedLength = 8192;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static MediaCursor After(MediaAsset asset, MediaSortBy sortBy, bool descending)
    {
        var value = sortBy switch
        {
            MediaSortBy.CreatedAt => asset.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            MediaSortBy.FileName => asset.FileName,
            MediaSortBy.Length => asset.Length.ToString(CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(sortBy), sortBy, null),
        };
        return new MediaCursor(sortBy, descending, asset.Id, value);
    }

    public DateTimeOffset CreatedAt => new(long.Parse(Value, NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero);

    public long Length => long.Parse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public string Encode()
    {
        var text = string.Join('|', Version, ((int)SortBy).ToString(CultureInfo.InvariantCulture), Descending ? "d" : "a", Id.ToString("N"), Value);
        return Base64Url.EncodeToString(s_strictUtf8.GetBytes(text));
    }

    /// <exception cref="MediaException">The cursor is malformed or belongs to another sort (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    public static MediaCursor Decode(string cursor, MediaSortBy sortBy, bool descending)
    {
        var decoded = TryDecode(cursor) ?? throw new MediaException(MediaErrorCodes.InvalidRequest, "The cursor is malformed. Start the listing again without a cursor.");
        if (decoded.SortBy != sortBy || decoded.Descending != descending)
        {
            throw new MediaException(
                MediaErrorCodes.InvalidRequest,
                $"The cursor belongs to a listing sorted by {decoded.SortBy} {(decoded.Descending ? "descending" : "ascending")}, not by {sortBy} {(descending ? "descending" : "ascending")}. Start the listing again without a cursor.");
        }

        return decoded;
    }

    private static MediaCursor? TryDecode(string cursor)
    {
        if (cursor.Length is 0 or > MaxEncodedLength)
        {
            return null;
        }

        string text;
        try
        {
            text = s_strictUtf8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }

        var parts = text.Split('|', 5);
        if (parts.Length != 5
            || parts[0] != Version
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sort)
            || !Enum.IsDefined((MediaSortBy)sort)
            || parts[2] is not ("a" or "d")
            || !Guid.TryParseExact(parts[3], "N", out var id))
        {
            return null;
        }

        var sortBy = (MediaSortBy)sort;
        var valid = sortBy switch
        {
            MediaSortBy.CreatedAt => long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks,
            MediaSortBy.Length => long.TryParse(parts[4], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
        return valid ? new MediaCursor(sortBy, parts[2] == "d", id, parts[4]) : null;
    }
}
