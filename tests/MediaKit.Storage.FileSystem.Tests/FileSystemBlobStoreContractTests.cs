using MediaKit.Storage.ContractTests;
using MediaKit.Storage.FileSystem.Tests.TestSupport;

namespace MediaKit.Storage.FileSystem.Tests;

/// <summary>The storage contract, run against the local disk in a fresh folder per test.</summary>
public sealed class FileSystemBlobStoreContractTests : BlobStoreContractTests, IDisposable
{
    private readonly TempFolder _root = new();

    public FileSystemBlobStoreContractTests() => Store = Stores.Create(_root.Path);

    protected override IMediaBlobStore Store { get; }

    public void Dispose() => _root.Dispose();
}
