namespace MediaKit.Storage.S3;

/// <summary>The options of the S3 blob store, validated when the app starts.</summary>
/// <remarks>
/// When the host registers its own <c>Amazon.S3.IAmazonS3</c> in the service collection, that client is used and
/// <see cref="Region"/>, <see cref="ServiceUrl"/>, <see cref="ForcePathStyle"/>, <see cref="AccessKey"/> and
/// <see cref="SecretKey"/> are ignored (they only build the client MediaKit creates otherwise); the per-request parts of
/// <see cref="CompatibilityMode"/> still apply.
/// </remarks>
public sealed class S3StorageOptions
{
    /// <summary>The smallest part S3 accepts in a multipart upload (except the last part): 5 MiB.</summary>
    public const int MinPartSize = 5 * 1024 * 1024;

    /// <summary>The largest <see cref="PartSize"/> MediaKit allows: 512 MiB, so part buffers stay a sane amount of memory.</summary>
    public const int MaxPartSize = 512 * 1024 * 1024;

    /// <summary>The most parts <see cref="MaxConcurrentParts"/> allows in flight at once.</summary>
    public const int MaxConcurrentPartsLimit = 16;

    /// <summary>The bucket that holds the blobs. Required; there is no default.</summary>
    public string BucketName { get; set; } = "";

    /// <summary>
    /// A prefix put before every key, such as <c>media</c> or <c>shop-a/media</c>, so several apps can share a bucket.
    /// Optional; a trailing <c>/</c> is implied. Listings return keys relative to it, and
    /// <see cref="IMediaBlobStoreMaintenance.RemoveAbandonedWritesAsync"/> only touches uploads under it.
    /// </summary>
    public string? KeyPrefix { get; set; }

    /// <summary>
    /// The AWS region system name, such as <c>eu-west-1</c>. Optional: without it the standard AWS region chain applies
    /// (environment, profile, instance metadata). With <see cref="ServiceUrl"/> it is the region requests are signed for.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// The endpoint of an S3-compatible store, such as <c>https://minio.internal:9000</c>. Optional: without it the AWS
    /// endpoint of <see cref="Region"/> is used.
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// Whether the bucket is addressed in the path (<c>https://host/bucket/key</c>) rather than in the host name
    /// (<c>https://bucket.host/key</c>). Default <see langword="false"/>. Most self-hosted stores (MinIO, Ceph, Swift) need
    /// <see langword="true"/>.
    /// </summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>
    /// The access key id. Optional: set it together with <see cref="SecretKey"/>, or leave both empty to use the standard
    /// AWS credential chain (environment, profile, web identity, instance or container role).
    /// </summary>
    public string? AccessKey { get; set; }

    /// <summary>The secret access key that goes with <see cref="AccessKey"/>.</summary>
    public string? SecretKey { get; set; }

    /// <summary>
    /// Turns off the newer AWS SDK defaults that many S3-compatible stores (OpenStack Swift, older Ceph and MinIO, some
    /// appliances) reject: payloads are sent whole with their SHA-256 in the signature instead of as <c>aws-chunked</c>
    /// streams with trailing checksums, and checksums are computed and validated only when an operation requires them
    /// (<c>RequestChecksumCalculation</c> and <c>ResponseChecksumValidation</c> set to <c>WHEN_REQUIRED</c>).
    /// Default <see langword="false"/>, the SDK's defaults, right for AWS S3.
    /// </summary>
    public bool CompatibilityMode { get; set; }

    /// <summary>
    /// The size, in bytes, of each part of a multipart upload and of the pooled buffers a write reads into. Default 8 MiB;
    /// allowed 5 MiB (<see cref="MinPartSize"/>) to 512 MiB (<see cref="MaxPartSize"/>). A blob smaller than one part is
    /// sent with one PUT. S3 allows at most 10,000 parts, so the largest blob is 10,000 times this size (about 78 GiB at
    /// the default).
    /// </summary>
    public int PartSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// How many parts of one write are uploaded at the same time. Default 2; allowed 1 to 16. A write holds at most this
    /// many part buffers plus one, so its memory is <c>(MaxConcurrentParts + 1) × PartSize</c> however large the blob is.
    /// </summary>
    public int MaxConcurrentParts { get; set; } = 2;

    /// <summary>How create-only writes (<see cref="BlobWriteOptions.Overwrite"/> off) keep an existing blob. Default <see cref="S3CreateOnlyStrategy.IfNoneMatch"/>.</summary>
    public S3CreateOnlyStrategy CreateOnly { get; set; } = S3CreateOnlyStrategy.IfNoneMatch;

    /// <summary>
    /// Whether the bucket is created on first use when it does not exist. Default <see langword="false"/>; meant for
    /// development and tests, where a fresh store starts empty. In production create the bucket, with its policies,
    /// beforehand.
    /// </summary>
    public bool CreateBucketIfMissing { get; set; }

    /// <summary>
    /// Whether files of private collections get presigned S3 GET URLs (served by the bucket, with the content type and, for
    /// active content such as SVG or HTML, <c>Content-Disposition: attachment</c> fixed by the signature) instead of the
    /// app's HMAC-signed delivery URLs. Default <see langword="false"/>: the app's delivery endpoint serves them. The bucket
    /// must be reachable by the clients at <see cref="ServiceUrl"/> (or the AWS endpoint), and a presigned URL lives at most
    /// seven days.
    /// </summary>
    public bool PresignedUrls { get; set; }
}

/// <summary>How the S3 blob store makes a write create-only.</summary>
/// <remarks>
/// With either strategy a write first checks whether the key exists (HEAD) and throws
/// <see cref="MediaBlobExistsException"/> before reading any of the content when it does. The strategies differ in how
/// the final commit (the PUT or the completion of a multipart upload) is kept from replacing a blob that another writer
/// stored meanwhile.
/// </remarks>
public enum S3CreateOnlyStrategy
{
    /// <summary>
    /// The commit carries <c>If-None-Match: *</c>, so the store itself refuses it (412) when the key exists, atomically,
    /// across every app instance. Supported by AWS S3 (since August 2024), MinIO, Cloudflare R2 and recent Ceph. A store
    /// that refuses conditional writes with 501 Not Implemented (OpenStack Swift's s3api) is detected on the first
    /// create-only write, logged as a warning, and handled as <see cref="ExistenceCheck"/> from then on. A store that
    /// silently ignores the header would let a racing writer replace the blob: use <see cref="ExistenceCheck"/> there.
    /// </summary>
    IfNoneMatch = 0,

    /// <summary>
    /// For stores without conditional writes: the key is checked again (HEAD) right before the commit, and the check and
    /// commit of one key are serialized within this process. Writers in this process therefore have exactly one winner,
    /// but two app instances writing the same key at the same moment can both pass the check and the later commit
    /// replaces the earlier. MediaKit generates unique keys, so this race needs two instances writing one key at once.
    /// </summary>
    ExistenceCheck = 1,
}
