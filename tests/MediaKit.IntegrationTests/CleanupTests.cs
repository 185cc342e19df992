using MediaKit.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.IntegrationTests;

/// <summary>Orphans, expiry, the trash's retention and the job's database lease, on SQLite and local disk.</summary>
public sealed class CleanupTests
{
    [Fact]
    public async Task Orphans_are_unused_live_assets_older_than_the_grace_period_listed_page_by_page()
    {
        await using var host = await MediaKitHost.StartAsync();
        var used = await UploadAsync(host, 1);
        var orphans = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            orphans.Add(await UploadAsync(host, 10 + i));
            host.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var trashed = await UploadAsync(host, 2);
        await host.WithStoreAsync(s => s.DeleteAsync(trashed));
        await Usages(host, u => u.SetAsync("product", "1", "image", [used]));
        host.Tenant.TenantId = "store-b";
        var otherTenants = await UploadAsync(host, 3);
        host.Tenant.TenantId = "store-a";

        Assert.Empty((await Usages(host, u => u.FindOrphansAsync(TimeSpan.FromHours(1)))).Items);

        host.Time.Advance(TimeSpan.FromHours(2));
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await Usages(host, u => u.FindOrphansAsync(TimeSpan.FromHours(1), cursor, limit: 2));
            seen.AddRange(page.Items.Select(a => a.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(orphans, seen);
        Assert.DoesNotContain(otherTenants, seen);
    }

    [Fact]
    public async Task An_expired_asset_stops_being_served_at_once_and_the_job_moves_it_to_the_trash()
    {
        await using var host = await MediaKitHost.StartAsync();
        var expiring = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "promo.png", new MemoryStream(TestFiles.Png(900)))
        {
            ExpiresAt = host.Time.GetUtcNow().AddDays(1),
        }));
        Assert.NotNull(await host.WithStoreAsync(s => s.FindAsync(expiring.Id)));

        host.Time.Advance(TimeSpan.FromDays(1));

        Assert.Null(await host.WithStoreAsync(s => s.FindAsync(expiring.Id)));
        Assert.Null(await host.WithStoreAsync(s => s.OpenReadAsync(expiring.Id)));
        var report = await RunCleanupAsync(host);
        Assert.Equal(1, report.ExpiredDeleted);
        Assert.Equal(expiring.Id, Assert.Single((await host.WithStoreAsync(s => s.QueryAsync(new MediaQuery { Trash = true }))).Items).Id);
    }

    [Fact]
    public async Task The_job_trashes_old_orphans_keeps_used_assets_and_purges_the_trash_after_retention()
    {
        await using var host = await MediaKitHost.StartAsync(configure: o =>
        {
            o.Cleanup.DeleteOrphansAfter = TimeSpan.FromDays(7);
            o.Cleanup.PurgeDeletedAfter = TimeSpan.FromDays(30);
            o.Cleanup.BatchSize = 2;
        });
        var used = await UploadAsync(host, 1);
        await Usages(host, u => u.SetAsync("course", "c1", "thumbnail", [used]));
        var orphans = new[] { await UploadAsync(host, 2), await UploadAsync(host, 3), await UploadAsync(host, 4) };

        host.Time.Advance(TimeSpan.FromDays(6));
        var early = await RunCleanupAsync(host);
        Assert.Equal(0, early.OrphansDeleted);

        host.Time.Advance(TimeSpan.FromDays(2));
        var trashing = await RunCleanupAsync(host);
        Assert.Equal(3, trashing.OrphansDeleted);
        Assert.Equal(0, trashing.Purged);
        Assert.Equal(4, host.AllFiles().Count);
        Assert.NotNull(await host.WithStoreAsync(s => s.FindAsync(used)));

        host.Time.Advance(TimeSpan.FromDays(31));
        var purging = await RunCleanupAsync(host);
        Assert.Equal(3, purging.Purged);
        var left = Assert.Single(await host.AllRecordsAsync());
        Assert.Equal(used, left.Id);
        Assert.Single(host.AllFiles());
        Assert.All(orphans, id => Assert.DoesNotContain(host.AllFiles(), f => f.Contains(id.ToString("N"), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_run_is_skipped_while_another_instance_holds_the_lease_and_taken_over_when_it_lapses()
    {
        await using var host = await MediaKitHost.StartAsync(configure: o => o.Cleanup.LeaseDuration = TimeSpan.FromMinutes(10));
        var expiring = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", "a.png", new MemoryStream(TestFiles.Png(900)))
        {
            ExpiresAt = host.Time.GetUtcNow().AddMinutes(1),
        }));
        host.Time.Advance(TimeSpan.FromMinutes(2));

        // Another app instance claimed the job and then died without releasing it.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var now = host.Time.GetUtcNow();
            Assert.True(await scope.ServiceProvider.GetRequiredService<IMediaMaintenanceCatalog>().TryAcquireLeaseAsync("media.cleanup", "instance-b", now, now.AddMinutes(10), CancellationToken.None));
        }

        var skipped = await RunCleanupAsync(host);
        Assert.True(skipped.Skipped);
        Assert.Equal(0, skipped.ExpiredDeleted);

        host.Time.Advance(TimeSpan.FromMinutes(11));
        var taken = await RunCleanupAsync(host);
        Assert.False(taken.Skipped);
        Assert.Equal(1, taken.ExpiredDeleted);
        Assert.Null(await host.WithStoreAsync(s => s.FindAsync(expiring.Id)));
    }

    [Fact]
    public async Task Two_instances_running_at_once_purge_each_asset_exactly_once()
    {
        await using var host = await MediaKitHost.StartAsync(configure: o => o.Cleanup.PurgeDeletedAfter = TimeSpan.FromDays(1));
        for (var i = 0; i < 6; i++)
        {
            var id = await UploadAsync(host, i);
            await host.WithStoreAsync(s => s.DeleteAsync(id));
        }

        host.Time.Advance(TimeSpan.FromDays(2));
        var reports = await Task.WhenAll(RunCleanupAsync(host), RunCleanupAsync(host));

        Assert.Equal(6, reports.Sum(r => r.Purged));
        Assert.Contains(reports, r => !r.Skipped);
        await host.AssertNothingLeftAsync();
    }

    private static async Task<MediaCleanupReport> RunCleanupAsync(MediaKitHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediaCleanup>().RunAsync();
    }

    private static async Task<Guid> UploadAsync(MediaKitHost host, int seed)
        => (await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", $"p{seed}.png", new MemoryStream(TestFiles.Png(1000 + seed)))))).Id;

    private static async Task<T> Usages<T>(MediaKitHost host, Func<IMediaUsages, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IMediaUsages>());
    }

    private static Task Usages(MediaKitHost host, Func<IMediaUsages, Task> action)
        => Usages(host, async u => { await action(u); return true; });
}
