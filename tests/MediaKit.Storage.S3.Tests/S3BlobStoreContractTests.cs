using MediaKit.Storage.ContractTests;
using MediaKit.Storage.S3.Internal;
using MediaKit.Storage.S3.Tests.TestSupport;

namespace MediaKit.Storage.S3.Tests;

/// <summary>
/// The storage contract, run against a real S3-compatible server (OpenStack Swift with s3api, started by
/// eng/services/swift-start.sh) in compatibility mode, with existence checks for create-only writes.
/// </summary>
[RequiresS3Server]
public sealed class S3BlobStoreContractTests : BlobStoreContractTests, IDisposable
{
    // One prefix per test class run, so the class's blobs never mix with other runs' or other classes'.
    private static readonly string RunPrefix = S3Server.NewPrefix("contract");

    private readonly S3BlobStore _store = S3Server.CreateStore(RunPrefix);

    protected override IMediaBlobStore Store => _store;

    public void Dispose() => _store.Dispose();
}
