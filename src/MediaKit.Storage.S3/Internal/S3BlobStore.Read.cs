using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace MediaKit.Storage.S3.Internal;

internal sealed partial class S3BlobStore
{
    public async Task<Stream?> OpenReadAsync(string key, BlobRange? range, CancellationToken cancellationToken)
    {
        MediaBlobKey.EnsureValid(key);
        if (range is { } requested)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(requested.Offset, nameof(range));
            if (requested.Length is < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(range), requested.Length, "The length of a range must not be negative.");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        await EnsureBucketAsync(cancellationToken);
        var objectKey = ObjectKey(key);

        // HTTP cannot ask for zero bytes: an empty range only needs the blob to exist and the offset to be inside it.
        if (range is { Length: 0 } empty)
        {
            return await EmptyRangeAsync(key, empty.Offset, cancellationToken);
        }

        var request = new GetObjectRequest { BucketName = _bucket, Key = objectKey };
        if (range is { } r)
        {
            request.ByteRange = r.Length is { } length
                ? new ByteRange(r.Offset, checked(r.Offset + length - 1))
                : new ByteRange($"bytes={r.Offset}-");
        }

        try
        {
            var response = await _client.GetObjectAsync(request, cancellationToken);
            return new S3ReadStream(response);
        }
        catch (AmazonS3Exception ex) when (IsNotFound(ex))
        {
            return null;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && range is { } unsatisfiable)
        {
            // The offset is at or past the end (or the blob is empty): at the end reads nothing, past it is an error.
            return await EmptyRangeAsync(key, unsatisfiable.Offset, cancellationToken);
        }
    }

    public async Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        MediaBlobKey.EnsureValid(key);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureBucketAsync(cancellationToken);
        var metadata = await HeadAsync(ObjectKey(key), cancellationToken);
        return metadata is null ? null : new BlobInfo(key, metadata.ContentLength, ToOffset(metadata.LastModified, _timeProvider.GetUtcNow()));
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureBucketAsync(cancellationToken);
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix + prefix };
        do
        {
            var page = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                cancellationToken.ThrowIfCancellationRequested();
                var key = item.Key.StartsWith(_prefix, StringComparison.Ordinal) ? item.Key[_prefix.Length..] : null;

                // Objects nobody wrote through this store (folder markers, files uploaded by hand) are not blobs.
                if (MediaBlobKey.IsValid(key))
                {
                    yield return new BlobInfo(key!, item.Size.GetValueOrDefault(), ToOffset(item.LastModified, DateTimeOffset.MinValue));
                }
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (!string.IsNullOrEmpty(request.ContinuationToken));
    }

    /// <summary>The object's metadata, or null on 404 (HEAD has no body, so a missing bucket also reads as 404 here).</summary>
    private async Task<GetObjectMetadataResponse?> HeadAsync(string objectKey, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = objectKey }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (IsNotFound(ex))
        {
            return null;
        }
    }

    private async Task<bool> ExistsAsync(string objectKey, CancellationToken cancellationToken)
        => await HeadAsync(objectKey, cancellationToken) is not null;

    private async Task<Stream?> EmptyRangeAsync(string key, long offset, CancellationToken cancellationToken)
    {
        var metadata = await HeadAsync(ObjectKey(key), cancellationToken);
        if (metadata is null)
        {
            return null;
        }

        if (offset > metadata.ContentLength)
        {
            throw new ArgumentOutOfRangeException("range", offset, $"The range starts at byte {offset}, past the end of blob '{key}' ({metadata.ContentLength} bytes).");
        }

        return new MemoryStream([], writable: false);
    }
}
