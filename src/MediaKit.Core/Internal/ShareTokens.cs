using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MediaKit.Internal;

/// <summary>Share-link tokens: 256 random bits in URL-safe base64; only their SHA-256 is stored.</summary>
internal static class ShareTokens
{
    /// <summary>The length of a token: 32 bytes in unpadded base64url.</summary>
    public const int Length = 43;

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether <paramref name="token"/> has a token's shape; anything else is refused before the database is asked.</summary>
    public static bool IsWellFormed(string? token)
        => token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The SHA-256 of the token as 64 lowercase hexadecimal characters.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool HashEquals(string a, string b)
        => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
