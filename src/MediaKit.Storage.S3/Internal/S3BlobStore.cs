using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MediaKit.Storage.S3.Internal;

/// <summary>
/// Blobs as objects in one S3 bucket, under an optional key prefix. Small blobs are sent with one PUT, larger ones as
/// a multipart upload that is aborted whenever the write fails, so a key only ever shows complete bytes.
/// </summary>
internal sealed partial class S3BlobStore : IMediaBlobStore, IMediaBlobStoreMaintenance, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;
    private readonly string _bucket;

    // Empty, or the configured prefix with exactly one trailing '/'.
    private readonly string _prefix;
    private readonly int _partSize;
    private readonly int _maxConcurrentParts;

    // The reading part plus the parts in flight: one multipart upload's worth, kept between writes.
    private readonly PartBufferPool _buffers;
    private readonly bool _compatibilityMode;
    private readonly S3CreateOnlyStrategy _createOnly;
    private readonly bool _createBucketIfMissing;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private volatile bool _bucketReady;

    // Set when the store answered a conditional write with 501 Not Implemented; from then on ExistenceCheck applies.
    private volatile bool _conditionalWritesUnsupported;

    public S3BlobStore(IOptions<S3StorageOptions> options, ILogger<S3BlobStore>? logger = null, IAmazonS3? client = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _bucket = value.BucketName;
        _prefix = NormalizePrefix(value.KeyPrefix);
        _partSize = value.PartSize;
        _maxConcurrentParts = value.MaxConcurrentParts;
        _buffers = new PartBufferPool(_partSize, _maxConcurrentParts + 1);
        _compatibilityMode = value.CompatibilityMode;
        _createOnly = value.CreateOnly;
        _createBucketIfMissing = value.CreateBucketIfMissing;
        _timeProvider = timeProvider ?? TimeProvider.System;

        // Logging is optional, as in Core: a host without AddLogging still gets a working store.
        _logger = logger ?? NullLogger<S3BlobStore>.Instance;
        if (client is not null)
        {
            _client = client;
            Log.UsingHostClient(_logger, _bucket);
        }
        else
        {
            _client = CreateClient(value);
            _ownsClient = true;
        }
    }

    /// <summary>The prefix put before every key: empty, or ending with <c>/</c>.</summary>
    internal string Prefix => _prefix;

    /// <summary>The client the store talks through.</summary>
    internal IAmazonS3 Client => _client;

    /// <summary>The bucket that holds the blobs.</summary>
    internal string BucketName => _bucket;

    /// <summary>The object key of a blob key: the prefix and the key.</summary>
    internal string ObjectKeyOf(string key) => ObjectKey(key);

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    internal static AmazonS3Client CreateClient(S3StorageOptions options)
    {
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        if (options.CompatibilityMode)
        {
            // The SDK's defaults since 2025 add CRC checksums to every upload, sent as aws-chunked trailers, and expect
            // them on downloads; stores that predate them refuse the uploads or fail the downloads.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        if (!string.IsNullOrEmpty(options.ServiceUrl))
        {
            // A service URL and a region endpoint exclude each other in the SDK: with a URL the region only signs.
            config.ServiceURL = options.ServiceUrl;
            if (!string.IsNullOrEmpty(options.Region))
            {
                config.AuthenticationRegion = options.Region;
            }
        }
        else if (!string.IsNullOrEmpty(options.Region))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    private static string NormalizePrefix(string? prefix)
    {
        var trimmed = prefix?.Trim('/') ?? "";
        return trimmed.Length == 0 ? "" : trimmed + "/";
    }

    private string ObjectKey(string key) => _prefix + key;

    /// <summary>Creates the bucket once, when configured to; a failure is retried by the next call.</summary>
    private async ValueTask EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (!_createBucketIfMissing || _bucketReady)
        {
            return;
        }

        try
        {
            await _client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket, UseClientRegion = true }, cancellationToken);
            Log.BucketCreated(_logger, _bucket);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.Conflict && ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Another instance, or an earlier run, created it; if someone else owns it, the first real request says so.
        }

        _bucketReady = true;
    }

    /// <summary>Whether an S3 error means "no such object". A missing bucket is a configuration error, never "not found".</summary>
    private static bool IsNotFound(AmazonS3Exception ex)
        => ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode is not "NoSuchBucket" and not "NoSuchUpload";

    private static DateTimeOffset ToOffset(DateTime? value, DateTimeOffset fallback) => value switch
    {
        null => fallback,
        { Kind: DateTimeKind.Unspecified } v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)),
        { } v => new DateTimeOffset(v.ToUniversalTime()),
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Message = "Writing blob {Key} failed; the write was rolled back and nothing was stored under the key")]
        public static partial void WriteRolledBack(ILogger logger, LogLevel level, string key, Exception exception);

        [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Could not abort multipart upload {UploadId} of blob {Key}; RemoveAbandonedWritesAsync will remove it")]
        public static partial void AbortFailed(ILogger logger, string key, string uploadId, Exception exception);

        [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Aborted {Count} abandoned multipart uploads started before {StartedBefore}")]
        public static partial void AbandonedWritesRemoved(ILogger logger, int count, DateTimeOffset startedBefore);

        [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Created the S3 bucket {Bucket}")]
        public static partial void BucketCreated(ILogger logger, string bucket);

        [LoggerMessage(EventId = 2105, Level = LogLevel.Debug, Message = "Using the IAmazonS3 client registered by the host for bucket {Bucket}; the client options of MediaKit's S3 storage are ignored")]
        public static partial void UsingHostClient(ILogger logger, string bucket);

        [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "The S3 store of bucket {Bucket} does not support conditional writes (If-None-Match); create-only writes fall back to an existence check, which cannot exclude a race between app instances. Set CreateOnly = ExistenceCheck to say so explicitly")]
        public static partial void ConditionalWritesUnsupported(ILogger logger, string bucket, Exception exception);
    }
}
