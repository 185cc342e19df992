using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MediaKit.Internal;

/// <summary>The outcome of checking a signed delivery URL.</summary>
internal enum MediaUrlSignatureStatus
{
    /// <summary>The request carries none of <c>exp</c>, <c>kid</c>, <c>sig</c>.</summary>
    Missing,

    /// <summary>Genuine and unexpired.</summary>
    Valid,

    /// <summary>Altered, malformed, or signed with a key that is not configured.</summary>
    Invalid,

    /// <summary>Genuine, but past its expiry.</summary>
    Expired,
}

/// <summary>
/// The HMAC-SHA256 keys of signed delivery URLs, and the one place that signs and verifies them, so the signer and the
/// delivery endpoint can never disagree on the format.
/// </summary>
internal sealed partial class MediaUrlKeys
{
    /// <summary>The key id of the in-memory key generated when none is configured (development only).</summary>
    internal const string EphemeralKeyId = "ephemeral";

    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public MediaUrlKeys(IOptions<MediaKitOptions> options, ILogger<MediaUrlKeys>? logger = null)
    {
        var signing = options.Value.Signing;
        foreach (var (id, secret) in signing.Keys)
        {
            // Startup validation has checked the format; a key that still fails to decode is a host bug worth failing on.
            _keys[id] = Convert.FromBase64String(secret);
        }

        if (_keys.Count == 0)
        {
            // Only reachable in Development or with no private collection: startup validation refuses it otherwise.
            _keys[EphemeralKeyId] = RandomNumberGenerator.GetBytes(MediaUrlSigningOptions.MinKeyLength);
            Log.EphemeralKey(logger ?? NullLogger<MediaUrlKeys>.Instance);
        }

        CurrentKeyId = signing.CurrentKeyId ?? _keys.Keys.First();
    }

    /// <summary>The key id new URLs are signed with.</summary>
    public string CurrentKeyId { get; }

    /// <summary>The query string (without <c>?</c>) of a signed delivery URL, starting with <c>variant=</c> when there is one.</summary>
    public string SignQuery(Guid assetId, string? variant, string tenantId, long expires)
    {
        var sig = Sign(_keys[CurrentKeyId], assetId, variant, tenantId, expires);
        var query = new StringBuilder();
        if (variant is not null)
        {
            query.Append("variant=").Append(Uri.EscapeDataString(variant)).Append('&');
        }

        return query.Append(CultureInfo.InvariantCulture, $"exp={expires}&kid={Uri.EscapeDataString(CurrentKeyId)}&sig={sig}").ToString();
    }

    /// <summary>Checks a signature in constant time. <paramref name="variant"/> and <paramref name="tenantId"/> are those of the request.</summary>
    public MediaUrlSignatureStatus Verify(Guid assetId, string? variant, string tenantId, string? exp, string? kid, string? sig, DateTimeOffset now)
    {
        if (exp is null && kid is null && sig is null)
        {
            return MediaUrlSignatureStatus.Missing;
        }

        if (exp is null || kid is null || sig is null
            || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || !_keys.TryGetValue(kid, out var key))
        {
            return MediaUrlSignatureStatus.Invalid;
        }

        // Compare the canonical encodings, not decoded bytes: a decoder may ignore the unused bits of the last character,
        // which would let a changed character still verify.
        var expected = Encoding.ASCII.GetBytes(Sign(key, assetId, variant, tenantId, expires));
        var actual = Encoding.UTF8.GetBytes(sig);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return MediaUrlSignatureStatus.Invalid;
        }

        return expires <= now.ToUnixTimeSeconds() ? MediaUrlSignatureStatus.Expired : MediaUrlSignatureStatus.Valid;
    }

    private static string Sign(byte[] key, Guid assetId, string? variant, string tenantId, long expires)
    {
        // The free-text fields carry their length, so no choice of variant and tenant can sign as another pair.
        var payload = string.Create(
            CultureInfo.InvariantCulture,
            $"mediakit-url-v1\n{assetId:N}\n{(variant is null ? "-" : $"{variant.Length}:{variant}")}\n{tenantId.Length}:{tenantId}\n{expires}");
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload));
        return Base64Url.EncodeToString(mac);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "No key for signed media URLs is configured (MediaKit:Signing:Keys); a random key was generated in memory. Signed URLs stop working when the app restarts and are not accepted by other instances. Configure a key outside development")]
        public static partial void EphemeralKey(ILogger logger);
    }
}
