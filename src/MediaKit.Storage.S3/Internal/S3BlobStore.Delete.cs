using Amazon.S3;
using Amazon.S3.Model;

namespace MediaKit.Storage.S3.Internal;

internal sealed partial class S3BlobStore
{
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        MediaBlobKey.EnsureValid(key);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureBucketAsync(cancellationToken);
        var objectKey = ObjectKey(key);

        // S3 answers a DELETE of a missing key with 204 as well, so only a HEAD tells whether there was a blob.
        if (!await ExistsAsync(objectKey, cancellationToken))
        {
            return false;
        }

        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = objectKey }, cancellationToken);
        return true;
    }

    public async Task<int> RemoveAbandonedWritesAsync(DateTimeOffset startedBefore, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        var cutoff = startedBefore.ToUniversalTime();
        var request = new ListMultipartUploadsRequest { BucketName = _bucket, Prefix = _prefix.Length == 0 ? null : _prefix };
        var removed = 0;
        while (true)
        {
            var page = await _client.ListMultipartUploadsAsync(request, cancellationToken);
            foreach (var upload in page.MultipartUploads ?? [])
            {
                cancellationToken.ThrowIfCancellationRequested();

                // An upload in progress is younger than the cutoff; one without a start time is left alone.
                if (upload.Initiated is null || ToOffset(upload.Initiated, DateTimeOffset.MaxValue) >= cutoff)
                {
                    continue;
                }

                try
                {
                    await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = upload.Key, UploadId = upload.UploadId }, cancellationToken);
                    removed++;
                }
                catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchUpload")
                {
                    // Completed, or aborted by another instance, since the listing.
                }
            }

            if (page.IsTruncated != true)
            {
                break;
            }

            request.KeyMarker = page.NextKeyMarker;
            request.UploadIdMarker = page.NextUploadIdMarker;
        }

        if (removed > 0)
        {
            Log.AbandonedWritesRemoved(_logger, removed, startedBefore);
        }

        return removed;
    }
}
