using Amazon.S3;
using Amazon.S3.Model;
using System.Net.Http.Headers;

namespace MediaKit.Storage.S3.Internal;

/// <summary>
/// Presigned S3 GET URLs for private files, so the bytes go from the bucket to the browser without passing through the
/// app. The response's content type is fixed by the signature, and active content (SVG, HTML, unknown types) is sent as
/// an attachment, as the app's delivery endpoint does.
/// </summary>
internal sealed class S3PresignedUrlSigner(S3BlobStore store) : IMediaUrlSigner
{
    public async ValueTask<MediaUrl> SignAsync(MediaUrlSigningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        MediaBlobKey.EnsureValid(context.StorageKey);
        var disposition = new ContentDispositionHeaderValue(MediaContentTypes.IsActive(context.ContentType) ? "attachment" : "inline")
        {
            FileNameStar = context.Asset.FileName,
        };
        var request = new GetPreSignedUrlRequest
        {
            BucketName = store.BucketName,
            Key = store.ObjectKeyOf(context.StorageKey),
            Verb = HttpVerb.GET,
            Expires = context.ExpiresAt.UtcDateTime,

            // The SDK signs for HTTPS unless told otherwise; an http service URL (a local store) needs http links.
            Protocol = store.Client.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
        };
        request.ResponseHeaderOverrides.ContentType = context.ContentType;
        request.ResponseHeaderOverrides.ContentDisposition = disposition.ToString();
        var url = await store.Client.GetPreSignedURLAsync(request);
        return new MediaUrl(url, context.ExpiresAt);
    }
}
