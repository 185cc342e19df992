using System.Net;
using System.Runtime.ExceptionServices;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace MediaKit.Storage.S3.Internal;

internal sealed partial class S3BlobStore
{
    // Serializes the last existence check and the commit of create-only writes under ExistenceCheck, per key, across
    // every store in the process. Striped, so it costs a fixed 64 semaphores and never grows.
    private static readonly SemaphoreSlim[] CommitLocks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<BlobInfo> WriteAsync(string key, Stream content, BlobWriteOptions options, CancellationToken cancellationToken)
    {
        MediaBlobKey.EnsureValid(key);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureBucketAsync(cancellationToken);
        var objectKey = ObjectKey(key);

        // Before reading anything: the caller keeps an unread stream and no bytes are sent for nothing.
        if (!options.Overwrite && await ExistsAsync(objectKey, cancellationToken))
        {
            throw new MediaBlobExistsException(key);
        }

        byte[]? first = _buffers.Rent();
        byte[]? second = null;
        try
        {
            var firstLength = await FillAsync(content, first, cancellationToken);
            if (firstLength == _partSize)
            {
                second = _buffers.Rent();
                var secondLength = await FillAsync(content, second, cancellationToken);
                if (secondLength > 0)
                {
                    // Hands both buffers over: the multipart upload returns them to the pool as their parts finish.
                    var (a, b) = (first, second);
                    (first, second) = (null, null);
                    return await WriteMultipartAsync(key, objectKey, content, options, a, b, secondLength, cancellationToken);
                }
            }

            await PutAsync(key, objectKey, options, first.AsMemory(0, firstLength), cancellationToken);
            return new BlobInfo(key, firstLength, _timeProvider.GetUtcNow());
        }
        catch (Exception ex)
        {
            LogRolledBack(key, ex);
            throw;
        }
        finally
        {
            Return(first);
            Return(second);
        }
    }

    private async Task PutAsync(string key, string objectKey, BlobWriteOptions options, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        using var body = AsStream(bytes);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = objectKey,
            InputStream = body,
            AutoCloseStream = false,
            ContentType = options.ContentType ?? "application/octet-stream",
        };
        ApplyCompatibility(request);

        await CommitAsync(key, objectKey, options, conditional => request.IfNoneMatch = conditional, () => _client.PutObjectAsync(request, cancellationToken), cancellationToken);
    }

    private async Task<BlobInfo> WriteMultipartAsync(
        string key, string objectKey, Stream content, BlobWriteOptions options, byte[] first, byte[] second, int secondLength, CancellationToken cancellationToken)
    {
        // Cancelled when a part fails, so reading the source and the other parts stop at once.
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var uploads = new List<Task<PartETag>>(_maxConcurrentParts);
        var parts = new List<PartETag>();
        string? uploadId = null;
        byte[]? pending = first;
        byte[]? reading = second;
        long length = 0;
        try
        {
            var initiate = await _client.InitiateMultipartUploadAsync(
                new InitiateMultipartUploadRequest { BucketName = _bucket, Key = objectKey, ContentType = options.ContentType ?? "application/octet-stream" },
                cancellationToken);
            uploadId = initiate.UploadId;

            var partNumber = 1;
            StartPart(pending, _partSize);
            pending = null;
            var readLength = secondLength;
            while (true)
            {
                if (uploads.Count >= _maxConcurrentParts)
                {
                    await CollectOneAsync();
                }

                var last = readLength < _partSize;
                StartPart(reading, readLength);
                reading = null;
                if (last)
                {
                    break;
                }

                reading = _buffers.Rent();
                readLength = await FillAsync(content, reading, failFast.Token);
                if (readLength == 0)
                {
                    break;
                }
            }

            while (uploads.Count > 0)
            {
                await CollectOneAsync();
            }

            parts.Sort(static (x, y) => x.PartNumber.GetValueOrDefault().CompareTo(y.PartNumber.GetValueOrDefault()));
            var complete = new CompleteMultipartUploadRequest { BucketName = _bucket, Key = objectKey, UploadId = uploadId, PartETags = parts };
            await CommitAsync(key, objectKey, options, conditional => complete.IfNoneMatch = conditional, () => _client.CompleteMultipartUploadAsync(complete, cancellationToken), cancellationToken);
            return new BlobInfo(key, length, _timeProvider.GetUtcNow());

            void StartPart(byte[] buffer, int count)
            {
                length += count;
                uploads.Add(UploadPartAsync(objectKey, uploadId, partNumber++, buffer, count, failFast));
            }
        }
        catch (Exception ex)
        {
            await failFast.CancelAsync();

            // The parts still in flight use pooled buffers: they must finish before the buffers go back to the pool.
            await Task.WhenAll(uploads).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

            // A read stopped by a failing part reports the part's failure, not the cancellation it caused.
            var primary = ex is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? uploads.FirstOrDefault(u => u.IsFaulted)?.Exception?.InnerException ?? ex
                : ex;
            if (uploadId is not null)
            {
                await AbortAsync(key, objectKey, uploadId);
            }

            ExceptionDispatchInfo.Throw(primary);
            throw;
        }
        finally
        {
            Return(pending);
            Return(reading);
        }

        async Task CollectOneAsync()
        {
            var done = await Task.WhenAny(uploads);
            uploads.Remove(done);
            parts.Add(await done);
        }
    }

    private async Task<PartETag> UploadPartAsync(string objectKey, string uploadId, int partNumber, byte[] buffer, int count, CancellationTokenSource failFast)
    {
        try
        {
            // Let the caller go on reading the next part while this one is sent.
            await Task.Yield();
            using var body = AsStream(buffer.AsMemory(0, count));
            var request = new UploadPartRequest
            {
                BucketName = _bucket,
                Key = objectKey,
                UploadId = uploadId,
                PartNumber = partNumber,
                InputStream = body,
                PartSize = count,
            };
            if (_compatibilityMode)
            {
                request.UseChunkEncoding = false;
            }

            var response = await _client.UploadPartAsync(request, failFast.Token);
            return new PartETag(response);
        }
        catch
        {
            await failFast.CancelAsync();
            throw;
        }
        finally
        {
            _buffers.Return(buffer);
        }
    }

    /// <summary>Runs the request that makes the blob visible (a PUT or the completion of a multipart upload) create-only when asked.</summary>
    private async Task CommitAsync(string key, string objectKey, BlobWriteOptions options, Action<string?> setIfNoneMatch, Func<Task> commit, CancellationToken cancellationToken)
    {
        if (options.Overwrite)
        {
            await commit();
            return;
        }

        if (_createOnly == S3CreateOnlyStrategy.IfNoneMatch && !_conditionalWritesUnsupported)
        {
            setIfNoneMatch("*");
            try
            {
                await commit();
                return;
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed
                || (ex.StatusCode == HttpStatusCode.Conflict && ex.ErrorCode == "ConditionalRequestConflict"))
            {
                // 412: the key exists. 409: another conditional write of the key is being committed right now.
                throw new MediaBlobExistsException(key);
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotImplemented)
            {
                // The store refuses conditional writes (OpenStack Swift: "Conditional object PUTs are not supported").
                // Nothing was stored, and a refused completion leaves the multipart upload open: commit again below.
                _conditionalWritesUnsupported = true;
                Log.ConditionalWritesUnsupported(_logger, _bucket, ex);
                setIfNoneMatch(null);
            }
        }

        // ExistenceCheck: no other writer in this process can commit the key between the check and the commit; writers
        // in other processes still can (see S3CreateOnlyStrategy.ExistenceCheck).
        var gate = CommitLocks[(uint)StringComparer.Ordinal.GetHashCode(objectKey) % (uint)CommitLocks.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await ExistsAsync(objectKey, cancellationToken))
            {
                throw new MediaBlobExistsException(key);
            }

            await commit();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task AbortAsync(string key, string objectKey, string uploadId)
    {
        try
        {
            // Not the caller's token: a cancelled write must still leave no parts behind.
            await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = objectKey, UploadId = uploadId }, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Best effort: the write's own failure is what the caller must see, and the upload stays listed for maintenance.
            Log.AbortFailed(_logger, key, uploadId, ex);
        }
    }

    private void ApplyCompatibility(PutObjectRequest request)
    {
        if (_compatibilityMode)
        {
            // The body is sent whole, its SHA-256 in the signature: no aws-chunked encoding, no trailing checksum.
            request.UseChunkEncoding = false;
        }
    }

    private void LogRolledBack(string key, Exception ex)
    {
        // Cancellations, rejected uploads and lost races are outcomes the caller handles; only the rest is worth a warning.
        var level = ex is OperationCanceledException or MediaException ? LogLevel.Debug : LogLevel.Warning;
        Log.WriteRolledBack(_logger, level, key, ex);
    }

    /// <summary>Reads until <see cref="_partSize"/> bytes are in <paramref name="buffer"/> or the source ends.</summary>
    private async ValueTask<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < _partSize)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, _partSize - filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes)
        => System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    private void Return(byte[]? buffer) => _buffers.Return(buffer);
}
