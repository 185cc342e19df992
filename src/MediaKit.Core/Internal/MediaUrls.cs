using System.Globalization;
using Microsoft.Extensions.Options;

namespace MediaKit.Internal;

internal sealed class MediaUrls(
    IMediaStore store,
    IMediaTenantAccessor tenant,
    IOptions<MediaKitOptions> options,
    IMediaUrlSigner signer,
    MediaUrlCache cache,
    TimeProvider time) : IMediaUrls
{
    /// <summary>The delivery endpoint's path, without a trailing <c>/</c>.</summary>
    internal static string DeliveryBase(MediaKitOptions options) => options.DeliveryPath.TrimEnd('/');

    public async Task<MediaUrl?> GetUrlAsync(Guid assetId, string? variant = null, TimeSpan? expiresIn = null, CancellationToken cancellationToken = default)
    {
        var lifetime = Lifetime(expiresIn);
        var asset = await store.FindAsync(assetId, cancellationToken);
        return asset is null ? null : await GetUrlCoreAsync(asset, variant, lifetime, cancellationToken);
    }

    public Task<MediaUrl?> GetUrlAsync(MediaAsset asset, string? variant = null, TimeSpan? expiresIn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return GetUrlCoreAsync(asset, variant, Lifetime(expiresIn), cancellationToken);
    }

    private TimeSpan Lifetime(TimeSpan? expiresIn)
    {
        var signing = options.Value.Signing;
        var lifetime = expiresIn ?? signing.DefaultLifetime;
        if (lifetime < TimeSpan.FromSeconds(1) || lifetime > signing.MaxLifetime)
        {
            throw new MediaException(
                MediaErrorCodes.InvalidRequest,
                $"A signed URL must live between one second and {signing.MaxLifetime.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds (asked {lifetime.TotalSeconds.ToString(CultureInfo.InvariantCulture)}).");
        }

        return lifetime;
    }

    private async Task<MediaUrl?> GetUrlCoreAsync(MediaAsset asset, string? variantName, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (asset.IsDeleted || !string.Equals(asset.TenantId, tenant.TenantId, StringComparison.Ordinal))
        {
            return null;
        }

        MediaVariant? variant = null;
        if (variantName is not null && (variant = asset.Variants.Find(v => v.Name == variantName)) is null)
        {
            return null;
        }

        var value = options.Value;
        if ((value.Collections.Find(asset.Collection)?.Visibility ?? MediaVisibility.Private) == MediaVisibility.Public)
        {
            if (value.PublicBaseUrl is { } baseUrl)
            {
                return new MediaUrl($"{baseUrl.TrimEnd('/')}/{variant?.StorageKey ?? asset.StorageKey}", null);
            }

            // The content's token makes the URL change when the bytes do, so it may be cached for as long as the host allows.
            var url = $"{DeliveryBase(value)}/{asset.Id}/content";
            var token = ContentToken(asset.Sha256, variant?.Name, variant?.Length ?? asset.Length);
            return new MediaUrl(variant is null ? $"{url}?v={token}" : $"{url}?variant={Uri.EscapeDataString(variant.Name)}&v={token}", null);
        }

        // The version is in the key so a replaced file never gets the URL of its previous bytes.
        var key = string.Create(
            CultureInfo.InvariantCulture,
            $"mediakit:url:v1:{asset.TenantId.Length}:{asset.TenantId}:{asset.Id:N}:{asset.Version}:{(long)lifetime.TotalSeconds}:{variantName}");
        if (await cache.GetAsync(key, cancellationToken) is { } cached)
        {
            return cached;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() + lifetime).ToUnixTimeSeconds());
        var signed = await signer.SignAsync(new MediaUrlSigningContext(asset, variant, expiresAt), cancellationToken);
        await cache.SetAsync(key, signed, cancellationToken);
        return signed;
    }

    /// <summary>
    /// The <c>v</c> parameter of a public delivery URL: changes whenever the file's bytes change (a replaced original has a
    /// new hash; a regenerated variant of the same original, a new length at least in practice, and the hash too once replaced).
    /// Delivery serves a URL whose token matches with the long public cache lifetime, any other with revalidation.
    /// </summary>
    internal static string ContentToken(string sha256, string? variant, long length)
        => variant is null
            ? sha256.Length >= 16 ? sha256[..16] : sha256
            : string.Create(CultureInfo.InvariantCulture, $"{(sha256.Length >= 12 ? sha256[..12] : sha256)}{length:x}");
}
