using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace MediaKit.Storage.S3.Internal;

internal sealed partial class S3BlobStore : IMediaBlobStoreHealth
{
    /// <summary>Sends a HeadBucket: it answers 200 only when the endpoint is reachable, the credentials are accepted and the bucket exists.</summary>
    public async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureBucketAsync(cancellationToken);
            await _client.HeadBucketAsync(new HeadBucketRequest { BucketName = _bucket }, cancellationToken);
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException)
        {
            throw new MediaException(MediaErrorCodes.StorageFailed, $"The S3 bucket '{_bucket}' cannot be reached: {ex.Message}", ex);
        }
    }
}
