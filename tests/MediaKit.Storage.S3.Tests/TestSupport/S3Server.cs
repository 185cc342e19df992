using Amazon.S3;
using MediaKit.Storage.S3.Internal;
using Microsoft.Extensions.Options;

namespace MediaKit.Storage.S3.Tests.TestSupport;

/// <summary>
/// The S3-compatible server the tests run against, from the settings eng/services/swift-start.sh writes to
/// artifacts/services/s3.env (eng/test.sh exports them).
/// </summary>
internal static class S3Server
{
    public const string ServiceUrlVariable = "MEDIAKIT_S3_SERVICE_URL";

    /// <summary>One bucket for the whole run; every test class writes under its own key prefix.</summary>
    public const string Bucket = "mediakit-tests";

    public static string? ServiceUrl => Environment.GetEnvironmentVariable(ServiceUrlVariable) is { Length: > 0 } url ? url : null;

    public static bool IsConfigured => ServiceUrl is not null;

    public static string SkipReason =>
        $"{ServiceUrlVariable} is not set: start an S3-compatible server with eng/services/swift-start.sh and export artifacts/services/s3.env (eng/test.sh does both).";

    public static S3StorageOptions Options(string keyPrefix, Action<S3StorageOptions>? configure = null)
    {
        var url = ServiceUrl ?? throw new InvalidOperationException(SkipReason);
        var options = new S3StorageOptions
        {
            BucketName = Bucket,
            KeyPrefix = keyPrefix,
            ServiceUrl = url,
            Region = Environment.GetEnvironmentVariable("MEDIAKIT_S3_REGION") ?? "us-east-1",
            AccessKey = Environment.GetEnvironmentVariable("MEDIAKIT_S3_ACCESS_KEY"),
            SecretKey = Environment.GetEnvironmentVariable("MEDIAKIT_S3_SECRET_KEY"),
            ForcePathStyle = true,
            // Swift's s3api takes neither aws-chunked payloads nor conditional writes.
            CompatibilityMode = true,
            CreateOnly = S3CreateOnlyStrategy.ExistenceCheck,
            CreateBucketIfMissing = true,
        };
        configure?.Invoke(options);
        var failure = new S3StorageOptionsValidator().Validate(null, options);
        Assert.True(failure.Succeeded, failure.FailureMessage);
        return options;
    }

    public static S3BlobStore CreateStore(string keyPrefix, Action<S3StorageOptions>? configure = null, IAmazonS3? client = null)
        => new(Microsoft.Extensions.Options.Options.Create(Options(keyPrefix, configure)), client: client);

    /// <summary>A key prefix no other test uses.</summary>
    public static string NewPrefix(string name) => $"tests/{name}-{Guid.NewGuid():N}";
}
