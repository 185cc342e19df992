namespace MediaKit;

/// <summary>The keys and lifetimes of signed URLs (<see cref="MediaKitOptions.Signing"/>), validated when the app starts.</summary>
/// <remarks>
/// <para>Signed delivery URLs carry <c>exp</c> (expiry, Unix seconds), <c>kid</c> (the key's id) and <c>sig</c> (base64url
/// HMAC-SHA256 over the asset id, the variant, the tenant and the expiry). To rotate a key, add the new key, make it
/// <see cref="CurrentKeyId"/>, and remove the old one once every URL signed with it has expired (at most
/// <see cref="MaxLifetime"/> later).</para>
/// <para>When no key is configured, the app fails to start if a collection is private, except in the <c>Development</c>
/// environment, where a random key is generated in memory with a logged warning: URLs then stop working when the app
/// restarts, and app instances do not accept each other's URLs.</para>
/// </remarks>
public sealed class MediaUrlSigningOptions
{
    /// <summary>The smallest key MediaKit accepts: 32 bytes (256 bits).</summary>
    public const int MinKeyLength = 32;

    /// <summary>The signing keys: key id (1 to 64 letters, digits, <c>-</c>, <c>_</c> or <c>.</c>) to secret (base64, at least
    /// <see cref="MinKeyLength"/> bytes). Bind it from configuration or a secret store, never from source code.</summary>
    public IDictionary<string, string> Keys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The id of the key new URLs are signed with. Optional when <see cref="Keys"/> holds exactly one key; required when it holds several.</summary>
    public string? CurrentKeyId { get; set; }

    /// <summary>How long a signed URL stays valid when the caller does not say. Default one hour.</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest lifetime a caller may ask for. Default seven days, the longest S3 accepts for presigned URLs.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(7);
}
