namespace MediaKit;

/// <summary>
/// Makes expiring URLs for files of private collections. The default signs the app's delivery endpoint URL with HMAC-SHA256
/// (keys in <see cref="MediaKitOptions.Signing"/>); the S3 package can replace it with presigned S3 GET URLs.
/// </summary>
/// <remarks>
/// <see cref="IMediaUrls"/> calls the signer only for private collections, after checking the tenant, the trash and the
/// variant, and caches what it returns; an implementation need not cache. Register an implementation as a singleton with
/// <c>services.Replace(...)</c>.
/// </remarks>
public interface IMediaUrlSigner
{
    /// <summary>Makes a URL that lets anyone holding it read one file until <see cref="MediaUrlSigningContext.ExpiresAt"/>.</summary>
    /// <param name="context">The file and the expiry.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The URL and the moment it actually expires (which may be earlier than asked, never later).</returns>
    ValueTask<MediaUrl> SignAsync(MediaUrlSigningContext context, CancellationToken cancellationToken);
}

/// <summary>What <see cref="IMediaUrlSigner"/> signs.</summary>
/// <param name="Asset">The live asset.</param>
/// <param name="Variant">The variant, or <see langword="null"/> for the original.</param>
/// <param name="ExpiresAt">When the URL must stop working, in whole seconds.</param>
public sealed record MediaUrlSigningContext(MediaAsset Asset, MediaVariant? Variant, DateTimeOffset ExpiresAt)
{
    /// <summary>The blob store key of the file: the variant's, or the original's.</summary>
    public string StorageKey => Variant?.StorageKey ?? Asset.StorageKey;

    /// <summary>The content type of the file: the variant's, or the original's.</summary>
    public string ContentType => Variant?.ContentType ?? Asset.ContentType;
}
