using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.IntegrationTests;

/// <summary>Replacing an asset's file keeps its id and usages, keeps the old file for a while, and never half-replaces.</summary>
public sealed class ReplaceContentTests
{
    [Fact]
    public async Task Replacing_the_file_keeps_the_id_and_usages_and_keeps_the_old_file_as_a_version()
    {
        await using var host = await MediaKitHost.StartAsync();
        var first = TestFiles.Png(2000);
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "logo.png", new MemoryStream(first)) { AltText = "Atelier logo" }));
        await Usages(host, u => u.SetAsync("settings", "site", "logo", [asset.Id]));
        host.Time.Advance(TimeSpan.FromMinutes(5));

        var second = TestFiles.Jpeg(3000);
        var replaced = await host.WithStoreAsync(s => s.ReplaceContentAsync(asset.Id, new MediaContentReplacement("logo-2026.jpg", new MemoryStream(second))));

        Assert.NotNull(replaced);
        Assert.Equal(asset.Id, replaced.Id);
        Assert.Equal(2, replaced.Version);
        Assert.Equal(MediaContentTypes.Jpeg, replaced.ContentType);
        Assert.Equal("logo-2026.jpg", replaced.FileName);
        Assert.Equal("Atelier logo", replaced.AltText);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(second)), replaced.Sha256);
        await using (var content = await host.WithStoreAsync(s => s.OpenReadAsync(asset.Id)))
        {
            var copy = new MemoryStream();
            await content!.Stream.CopyToAsync(copy);
            Assert.Equal(second, copy.ToArray());
        }

        var stored = await host.WithStoreAsync(s => s.FindAsync(asset.Id));
        var previous = Assert.Single(stored!.PreviousVersions);
        Assert.Equal(1, previous.Version);
        Assert.Equal(asset.StorageKey, previous.StorageKey);
        Assert.Equal(2, host.AllFiles().Count);
        Assert.Equal([asset.Id], (await Usages(host, u => u.GetAsync("settings", "site"))).Select(x => x.AssetId));
    }

    [Fact]
    public async Task A_refused_replacement_leaves_the_asset_and_its_file_as_they_were()
    {
        await using var host = await MediaKitHost.StartAsync();
        var first = TestFiles.Png(2000);
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "logo.png", new MemoryStream(first))));

        await Assert.ThrowsAsync<MediaTypeRejectedException>(() =>
            host.WithStoreAsync(s => s.ReplaceContentAsync(asset.Id, new MediaContentReplacement("logo.jpg", new MemoryStream(TestFiles.Php())))));

        var stored = await host.WithStoreAsync(s => s.FindAsync(asset.Id));
        Assert.Equal(1, stored!.Version);
        Assert.Equal(asset.Sha256, stored.Sha256);
        Assert.Empty(stored.PreviousVersions);
        Assert.Single(host.AllFiles());
    }

    [Fact]
    public async Task A_replacement_interrupted_mid_stream_leaves_the_asset_as_it_was()
    {
        await using var host = await MediaKitHost.StartAsync();
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("videos", "clip.mp4", new GeneratedStream(TestFiles.Mp4Header(), 3_000_000))));

        var error = await Assert.ThrowsAsync<MediaException>(() => host.WithStoreAsync(s =>
            s.ReplaceContentAsync(asset.Id, new MediaContentReplacement("clip.mp4", new GeneratedStream(TestFiles.Mp4Header(), 9_000_000) { FailAfter = 4_000_000 }))));

        Assert.Equal(MediaErrorCodes.UploadIncomplete, error.Code);
        var stored = await host.WithStoreAsync(s => s.FindAsync(asset.Id));
        Assert.Equal(asset.Sha256, stored!.Sha256);
        Assert.Single(host.AllFiles());
    }

    [Fact]
    public async Task A_replacement_whose_database_update_fails_removes_the_new_file_and_saves_nothing_later()
    {
        var database = new FailingUpdateInterceptor();
        await using var host = await MediaKitHost.StartAsync(dbInterceptor: database);
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(TestFiles.Png(2000)))));
        database.Armed = true;

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
            var error = await Assert.ThrowsAsync<MediaException>(() => store.ReplaceContentAsync(asset.Id, new MediaContentReplacement("b.png", new MemoryStream(TestFiles.Png(2100)))));
            Assert.Equal(MediaErrorCodes.CatalogFailed, error.Code);

            // The host's next save on the same scoped context must not carry the half-made replacement.
            database.Armed = false;
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().SaveChangesAsync();
        }

        var stored = await host.WithStoreAsync(s => s.FindAsync(asset.Id));
        Assert.Equal(1, stored!.Version);
        Assert.Equal(asset.Sha256, stored.Sha256);
        Assert.Empty(stored.PreviousVersions);
        Assert.Single(host.AllFiles());
    }

    [Fact]
    public async Task The_old_file_survives_reconciliation_and_is_removed_by_the_cleanup_job_after_its_retention()
    {
        await using var host = await MediaKitHost.StartAsync(configure: o => o.Cleanup.KeepReplacedVersionsFor = TimeSpan.FromDays(30));
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(TestFiles.Png(2000)))));
        await host.WithStoreAsync(s => s.ReplaceContentAsync(asset.Id, new MediaContentReplacement("b.png", new MemoryStream(TestFiles.Png(2100)))));

        host.Time.Advance(TimeSpan.FromDays(2));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<IMediaReconciler>().ReconcileAsync();
            Assert.Equal(0, report.OrphanBlobsRemoved);
        }

        Assert.Equal(2, host.AllFiles().Count);
        Assert.Equal(0, (await CleanupAsync(host)).VersionsRemoved);

        host.Time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(1, (await CleanupAsync(host)).VersionsRemoved);
        var file = Assert.Single(host.AllFiles());
        Assert.Contains("original-v2", file, StringComparison.Ordinal);
        Assert.Empty((await host.WithStoreAsync(s => s.FindAsync(asset.Id)))!.PreviousVersions);
    }

    [Fact]
    public async Task Purging_a_replaced_asset_removes_every_version()
    {
        await using var host = await MediaKitHost.StartAsync();
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(TestFiles.Png(2000)))));
        await host.WithStoreAsync(s => s.ReplaceContentAsync(asset.Id, new MediaContentReplacement("b.png", new MemoryStream(TestFiles.Png(2100)))));
        await host.WithStoreAsync(s => s.ReplaceContentAsync(asset.Id, new MediaContentReplacement("c.png", new MemoryStream(TestFiles.Png(2200)))));
        Assert.Equal(3, host.AllFiles().Count);

        Assert.True(await host.WithStoreAsync(s => s.DeleteAsync(asset.Id, MediaDeleteMode.Purge)));

        await host.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Another_tenant_cannot_replace_an_asset()
    {
        await using var host = await MediaKitHost.StartAsync();
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(TestFiles.Png(2000)))));
        host.Tenant.TenantId = "store-b";

        Assert.Null(await host.WithStoreAsync(s => s.ReplaceContentAsync(asset.Id, new MediaContentReplacement("b.png", new MemoryStream(TestFiles.Png(2100))))));

        Assert.Single(host.AllFiles());
    }

    private sealed class FailingUpdateInterceptor : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public bool Armed { get; set; }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
            => Armed && command.CommandText.Contains("UPDATE \"media_assets\"", StringComparison.Ordinal)
                ? throw new InvalidOperationException("The database went away (simulated).")
                : ValueTask.FromResult(result);
    }

    private static async Task<MediaCleanupReport> CleanupAsync(MediaKitHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediaCleanup>().RunAsync();
    }

    private static async Task<T> Usages<T>(MediaKitHost host, Func<IMediaUsages, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IMediaUsages>());
    }

    private static Task Usages(MediaKitHost host, Func<IMediaUsages, Task> action)
        => Usages(host, async u => { await action(u); return true; });
}
