using Microsoft.Extensions.Options;

namespace MediaKit.Internal;

/// <summary>The default signer: the app's delivery endpoint URL with an HMAC-SHA256 signature over asset, variant, tenant and expiry.</summary>
internal sealed class HmacMediaUrlSigner(MediaUrlKeys keys, IOptions<MediaKitOptions> options) : IMediaUrlSigner
{
    public ValueTask<MediaUrl> SignAsync(MediaUrlSigningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var expires = context.ExpiresAt.ToUnixTimeSeconds();
        var query = keys.SignQuery(context.Asset.Id, context.Variant?.Name, context.Asset.TenantId, expires);
        var url = $"{MediaUrls.DeliveryBase(options.Value)}/{context.Asset.Id}/content?{query}";
        return ValueTask.FromResult(new MediaUrl(url, DateTimeOffset.FromUnixTimeSeconds(expires)));
    }
}
