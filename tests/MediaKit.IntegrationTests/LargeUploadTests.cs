namespace MediaKit.IntegrationTests;

[CollectionDefinition(nameof(LargeUploads), DisableParallelization = true)]
public sealed class LargeUploads;

/// <summary>Runs alone, so the allocation count it reads belongs to the upload.</summary>
[Collection(nameof(LargeUploads))]
public sealed class LargeUploadTests
{
    [Fact]
    public async Task A_2_GB_upload_from_a_non_seekable_stream_succeeds_without_buffering_it()
    {
        const long size = 2L << 30;
        await using var host = await MediaKitHost.StartAsync();
        var source = new GeneratedStream(TestFiles.Mp4Header(), size);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("videos", "keynote.mp4", source)));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.Equal(size, asset.Length);
        Assert.Equal(MediaContentTypes.Mp4, asset.ContentType);
        Assert.Equal(source.Sha256Hex(), asset.Sha256);
        Assert.Equal(size, new FileInfo(Assert.Single(host.AllFiles())).Length);

        // Buffering the file would allocate at least its 2 GiB; streaming allocates a few buffers.
        Assert.True(allocated < 64L << 20, $"The upload allocated {allocated:N0} bytes for a {size:N0}-byte file.");
    }
}
