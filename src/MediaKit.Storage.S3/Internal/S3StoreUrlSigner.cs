using Microsoft.Extensions.Options;

namespace MediaKit.Storage.S3.Internal;

/// <summary>
/// Presigns URLs for files on S3 stores configured with <see cref="S3StorageOptions.PresignedUrls"/>, and hands every other file
/// (on local disk, or on an S3 store without presigning) to the signer registered before, usually the app's HMAC-signed delivery URL.
/// The store is the one the asset's record names, so an asset keeps a working URL while it is moved between stores.
/// </summary>
internal sealed class S3StoreUrlSigner(IMediaBlobStores stores, IOptionsMonitor<S3StorageOptions> options, IMediaUrlSigner fallback) : IMediaUrlSigner
{
    public ValueTask<MediaUrl> SignAsync(MediaUrlSigningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var storeName = context.Asset.StoreName;
        var optionsName = storeName == MediaStorageOptions.DefaultStoreName ? Options.DefaultName : storeName;
        return stores.Get(storeName) is S3BlobStore store && options.Get(optionsName).PresignedUrls
            ? new S3PresignedUrlSigner(store).SignAsync(context, cancellationToken)
            : fallback.SignAsync(context, cancellationToken);
    }
}
