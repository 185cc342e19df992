using MediaKit.Storage.S3.Tests.TestSupport;

namespace MediaKit.Storage.S3.Tests;

/// <summary>The store's health probe (a HeadBucket) against the real S3-compatible server.</summary>
[RequiresS3Server]
public sealed class S3BlobStoreHealthTests
{
    [Fact]
    public async Task The_health_probe_succeeds_on_a_reachable_bucket()
    {
        using var store = S3Server.CreateStore(S3Server.NewPrefix("health"));

        await store.CheckHealthAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_health_probe_fails_with_storage_failed_when_the_bucket_does_not_exist()
    {
        using var store = S3Server.CreateStore(S3Server.NewPrefix("health"), o =>
        {
            o.BucketName = "mediakit-missing-" + Guid.NewGuid().ToString("N")[..12];
            o.CreateBucketIfMissing = false;
        });

        var error = await Assert.ThrowsAsync<MediaException>(() => store.CheckHealthAsync(CancellationToken.None));

        Assert.Equal(MediaErrorCodes.StorageFailed, error.Code);
    }

    [Fact]
    public async Task The_health_probe_fails_when_the_credentials_are_refused()
    {
        using var store = S3Server.CreateStore(S3Server.NewPrefix("health"), o => o.SecretKey = "not-the-secret");

        var error = await Assert.ThrowsAsync<MediaException>(() => store.CheckHealthAsync(CancellationToken.None));

        Assert.Equal(MediaErrorCodes.StorageFailed, error.Code);
    }
}
