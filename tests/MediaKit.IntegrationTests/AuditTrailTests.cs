using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.IntegrationTests;

/// <summary>Who did what to which asset, and when: written in the same transaction as the change.</summary>
public sealed class AuditTrailTests
{
    [Fact]
    public async Task Every_change_to_an_asset_writes_who_when_and_what()
    {
        await using var host = await MediaKitHost.StartAsync();
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(TestFiles.Png(2000))) { UploadedBy = "alice" }));
        host.Actor.ActorId = "bob";
        await Step(host, s => s.UpdateAsync(asset.Id, new MediaAssetChanges { Title = "Summer" }));
        await Step(host, s => s.ReplaceContentAsync(asset.Id, new MediaContentReplacement("b.png", new MemoryStream(TestFiles.Png(2100)))));
        host.Actor.ActorId = "carol";
        await Step(host, s => s.DeleteAsync(asset.Id));
        await Step(host, s => s.RestoreAsync(asset.Id));
        await Step(host, s => s.DeleteAsync(asset.Id, MediaDeleteMode.Purge));

        var entries = await ListAsync(host, asset.Id);

        Assert.Equal(
            ["asset.purged carol", "asset.restored carol", "asset.deleted carol", "asset.replaced bob", "asset.updated bob", "asset.uploaded alice"],
            entries.Select(e => $"{e.Action} {e.Actor}"));
        Assert.All(entries, e => Assert.Equal("store-a", e.TenantId));
        Assert.Contains("\"Title\":\"Summer\"", entries[4].Details, StringComparison.Ordinal);
        Assert.True(entries.Zip(entries.Skip(1)).All(p => p.First.At >= p.Second.At));
    }

    [Fact]
    public async Task A_change_that_fails_to_save_leaves_no_entry()
    {
        await using var host = await MediaKitHost.StartAsync();
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(TestFiles.Png(2000)))));
        await Step(host, s => s.UpdateAsync(asset.Id, new MediaAssetChanges { Title = "kept" }));

        // A concurrent edit makes this scope's update fail on the concurrency stamp; its entry must not be saved later.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
            var stale = await store.FindAsync(asset.Id);
            await Step(host, s => s.UpdateAsync(asset.Id, new MediaAssetChanges { Title = "other" }));
            host.Time.Advance(TimeSpan.FromMilliseconds(5));
            stale!.Title = "mine";
            await Assert.ThrowsAnyAsync<Exception>(() => store.UpdateAsync(asset.Id, new MediaAssetChanges { AltText = "lost" }));
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().SaveChangesAsync();
        }

        Assert.Equal(["asset.updated", "asset.updated", "asset.uploaded"], (await ListAsync(host, asset.Id)).Select(e => e.Action));
    }

    [Fact]
    public async Task The_cleanup_job_signs_its_changes_and_other_tenants_see_none()
    {
        await using var host = await MediaKitHost.StartAsync();
        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(TestFiles.Png(2000)))
        {
            ExpiresAt = host.Time.GetUtcNow().AddHours(1),
        }));
        host.Time.Advance(TimeSpan.FromHours(2));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediaCleanup>().RunAsync();
        }

        var newest = (await ListAsync(host, asset.Id))[0];
        Assert.Equal("asset.expired system:cleanup", $"{newest.Action} {newest.Actor}");

        host.Tenant.TenantId = "store-b";
        Assert.Empty(await ListAsync(host, asset.Id));
        Assert.Empty(await ListAsync(host, null));
    }

    // The test clock stands still; entries are ordered by their time-ordered ids, whose order within one millisecond is not defined.
    private static Task Step<T>(MediaKitHost host, Func<IMediaStore, Task<T>> action)
    {
        host.Time.Advance(TimeSpan.FromMilliseconds(5));
        return host.WithStoreAsync(action);
    }

    private static async Task<List<MediaAuditEntry>> ListAsync(MediaKitHost host, Guid? assetId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var trail = scope.ServiceProvider.GetRequiredService<IMediaAuditTrail>();
        var all = new List<MediaAuditEntry>();
        string? cursor = null;
        do
        {
            var page = await trail.ListAsync(assetId, cursor, limit: 2);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return all;
    }
}
