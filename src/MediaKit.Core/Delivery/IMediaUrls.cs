namespace MediaKit;

/// <summary>
/// Gives the URL at which a browser fetches an asset's file: a stable URL for public collections, an expiring signed URL
/// for private ones.
/// </summary>
/// <remarks>
/// <para>Public collections get <see cref="MediaKitOptions.PublicBaseUrl"/> followed by the blob's storage key when a base
/// URL is configured, else the app's delivery endpoint (<see cref="MediaKitOptions.DeliveryPath"/><c>/{id}/content</c>).
/// Private collections get a URL from the registered <see cref="IMediaUrlSigner"/>: by default an HMAC-signed delivery
/// endpoint URL; with <c>UseS3Storage(o =&gt; o.PresignedUrls = true)</c> a presigned S3 GET.</para>
/// <para>Signed URLs are cached until shortly before they expire (for 90 % of their lifetime, and at most until 30 seconds
/// before the expiry) in the registered <c>IDistributedCache</c>, or in a small in-process cache when none is registered,
/// so a page that shows the same private image twice gets the same URL and browsers can cache it.</para>
/// <para>Every method is scoped to the tenant of <see cref="IMediaTenantAccessor"/>. The service is scoped.</para>
/// </remarks>
public interface IMediaUrls
{
    /// <summary>Gives the URL of a live asset's original file or of one of its variants.</summary>
    /// <param name="assetId">The asset.</param>
    /// <param name="variant">A variant name, or <see langword="null"/> for the original.</param>
    /// <param name="expiresIn">How long a signed URL stays valid; <see langword="null"/> for
    /// <see cref="MediaUrlSigningOptions.DefaultLifetime"/>. Ignored for public collections.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The URL, or <see langword="null"/> when the asset does not exist in the current tenant, is in the trash, or has no such variant.</returns>
    /// <exception cref="MediaException"><paramref name="expiresIn"/> is not positive or longer than
    /// <see cref="MediaUrlSigningOptions.MaxLifetime"/> (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaUrl?> GetUrlAsync(Guid assetId, string? variant = null, TimeSpan? expiresIn = null, CancellationToken cancellationToken = default);

    /// <summary>Gives the URL of an asset already loaded from <see cref="IMediaStore"/>, without looking it up again (for listings).</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="variant">A variant name, or <see langword="null"/> for the original.</param>
    /// <param name="expiresIn">How long a signed URL stays valid; <see langword="null"/> for <see cref="MediaUrlSigningOptions.DefaultLifetime"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The URL, or <see langword="null"/> when the asset belongs to another tenant, is in the trash, or has no such variant.</returns>
    /// <exception cref="MediaException"><paramref name="expiresIn"/> is out of range (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaUrl?> GetUrlAsync(MediaAsset asset, string? variant = null, TimeSpan? expiresIn = null, CancellationToken cancellationToken = default);
}

/// <summary>A URL at which a file can be fetched.</summary>
/// <param name="Url">The URL: absolute, or a path relative to the app's root (the delivery endpoint).</param>
/// <param name="ExpiresAt">When a signed URL stops working; <see langword="null"/> for a stable public URL.</param>
public sealed record MediaUrl(string Url, DateTimeOffset? ExpiresAt);
