using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.IntegrationTests;

/// <summary>"Where is this file used?" and the protection it gives, on SQLite and local disk.</summary>
public sealed class UsageTests
{
    [Fact]
    public async Task A_field_keeps_the_assets_in_the_order_they_were_set()
    {
        await using var host = await MediaKitHost.StartAsync();
        var (a, b, c) = (await UploadAsync(host, 1), await UploadAsync(host, 2), await UploadAsync(host, 3));

        await WithUsagesAsync(host, u => u.SetAsync("product", "42", "gallery", [c, a, b]));
        Assert.Equal([c, a, b], await FieldAsync(host, "product", "42", "gallery"));

        await WithUsagesAsync(host, u => u.SetAsync("product", "42", "gallery", [b, c]));
        Assert.Equal([b, c], await FieldAsync(host, "product", "42", "gallery"));

        await WithUsagesAsync(host, u => u.AddAsync("product", "42", "gallery", a));
        await WithUsagesAsync(host, u => u.AddAsync("product", "42", "gallery", a));
        Assert.Equal([b, c, a], await FieldAsync(host, "product", "42", "gallery"));

        Assert.True(await WithUsagesAsync(host, u => u.RemoveAsync("product", "42", "gallery", c)));
        var remaining = await WithUsagesAsync(host, u => u.GetAsync("product", "42", "gallery"));
        Assert.Equal([b, a], remaining.Select(x => x.AssetId));
        Assert.Equal([0, 1], remaining.Select(x => x.Position));
    }

    [Fact]
    public async Task Setting_a_field_refuses_a_repeated_asset()
    {
        await using var host = await MediaKitHost.StartAsync();
        var a = await UploadAsync(host, 1);

        var error = await Assert.ThrowsAsync<MediaException>(() => WithUsagesAsync(host, u => u.SetAsync("product", "1", "gallery", [a, a])));

        Assert.Equal(MediaErrorCodes.InvalidRequest, error.Code);
        Assert.Empty(await FieldAsync(host, "product", "1", "gallery"));
    }

    [Fact]
    public async Task Another_tenants_asset_cannot_be_referenced_and_its_usages_are_invisible()
    {
        await using var host = await MediaKitHost.StartAsync();
        var theirs = await UploadAsync(host, 1);
        await WithUsagesAsync(host, u => u.SetAsync("product", "7", "image", [theirs]));

        host.Tenant.TenantId = "store-b";

        var error = await Assert.ThrowsAsync<MediaNotFoundException>(() => WithUsagesAsync(host, u => u.SetAsync("product", "8", "image", [theirs])));
        Assert.Equal(theirs, error.AssetId);
        Assert.Empty((await WithUsagesAsync(host, u => u.FindUsesAsync(theirs))).Items);
        Assert.Empty(await WithUsagesAsync(host, u => u.CountAsync([theirs])));
        Assert.Empty(await FieldAsync(host, "product", "7", "image"));
        Assert.Equal(0, await WithUsagesAsync(host, u => u.RemoveResourceAsync("product", "7")));

        host.Tenant.TenantId = "store-a";
        Assert.Equal([theirs], await FieldAsync(host, "product", "7", "image"));
    }

    [Fact]
    public async Task An_asset_in_the_trash_cannot_be_referenced()
    {
        await using var host = await MediaKitHost.StartAsync();
        var a = await UploadAsync(host, 1);
        await host.WithStoreAsync(s => s.DeleteAsync(a));

        await Assert.ThrowsAsync<MediaNotFoundException>(() => WithUsagesAsync(host, u => u.AddAsync("banner", "home", "image", a)));
    }

    [Fact]
    public async Task Deleting_an_asset_in_use_fails_and_says_where_it_is_used()
    {
        await using var host = await MediaKitHost.StartAsync();
        var a = await UploadAsync(host, 1);
        await WithUsagesAsync(host, u => u.SetAsync("product", "42", "gallery", [a]));
        host.Time.Advance(TimeSpan.FromSeconds(1)); // usages are listed oldest first; within one millisecond their order is not defined
        await WithUsagesAsync(host, u => u.SetAsync("banner", "home", "image", [a]));

        var soft = await Assert.ThrowsAsync<MediaInUseException>(() => host.WithStoreAsync(s => s.DeleteAsync(a)));
        var purge = await Assert.ThrowsAsync<MediaInUseException>(() => host.WithStoreAsync(s => s.DeleteAsync(a, MediaDeleteMode.Purge)));

        Assert.Equal(MediaErrorCodes.InUse, soft.Code);
        Assert.Equal(2, soft.TotalUsages);
        Assert.Equal(["product 42 gallery", "banner home image"], soft.Usages.Select(u => $"{u.ResourceType} {u.ResourceId} {u.Field}"));
        Assert.Equal(2, purge.TotalUsages);
        Assert.NotNull(await host.WithStoreAsync(s => s.FindAsync(a)));
        Assert.Single(host.AllFiles());
    }

    [Fact]
    public async Task A_forced_purge_removes_the_asset_its_bytes_and_its_usages()
    {
        await using var host = await MediaKitHost.StartAsync();
        var a = await UploadAsync(host, 1);
        await WithUsagesAsync(host, u => u.SetAsync("product", "42", "gallery", [a]));

        Assert.True(await host.WithStoreAsync(s => s.DeleteAsync(a, MediaDeleteMode.Purge, force: true)));

        Assert.Empty(await FieldAsync(host, "product", "42", "gallery"));
        await host.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task An_asset_is_deletable_again_once_its_last_reference_is_gone()
    {
        await using var host = await MediaKitHost.StartAsync();
        var a = await UploadAsync(host, 1);
        await WithUsagesAsync(host, u => u.SetAsync("course", "c1", "thumbnail", [a]));
        await WithUsagesAsync(host, u => u.SetAsync("user", "u1", "avatar", [a]));

        await WithUsagesAsync(host, u => u.SetAsync("course", "c1", "thumbnail", []));
        Assert.Equal(1, await WithUsagesAsync(host, u => u.RemoveResourceAsync("user", "u1")));

        Assert.True(await host.WithStoreAsync(s => s.DeleteAsync(a)));
    }

    [Fact]
    public async Task Where_used_pages_through_every_reference_once_and_counts_match()
    {
        await using var host = await MediaKitHost.StartAsync();
        var a = await UploadAsync(host, 1);
        var b = await UploadAsync(host, 2);
        for (var i = 0; i < 5; i++)
        {
            await WithUsagesAsync(host, u => u.AddAsync("product", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "gallery", a));
            host.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await WithUsagesAsync(host, u => u.AddAsync("product", "0", "gallery", b));

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await WithUsagesAsync(host, u => u.FindUsesAsync(a, cursor, limit: 2));
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(x => x.ResourceId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(["0", "1", "2", "3", "4"], seen);
        var counts = await WithUsagesAsync(host, u => u.CountAsync([a, b, Guid.CreateVersion7()]));
        Assert.Equal(5, counts[a]);
        Assert.Equal(1, counts[b]);
        Assert.Equal(2, counts.Count);
        await Assert.ThrowsAsync<MediaException>(() => WithUsagesAsync(host, u => u.FindUsesAsync(a, "not-a-cursor")));
    }

    private static async Task<Guid> UploadAsync(MediaKitHost host, int seed)
        => (await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", $"p{seed}.png", new MemoryStream(TestFiles.Png(1000 + seed)))))).Id;

    private static async Task<List<Guid>> FieldAsync(MediaKitHost host, string type, string id, string field)
        => [.. (await WithUsagesAsync(host, u => u.GetAsync(type, id, field))).Select(u => u.AssetId)];

    private static async Task<T> WithUsagesAsync<T>(MediaKitHost host, Func<IMediaUsages, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IMediaUsages>());
    }

    private static Task WithUsagesAsync(MediaKitHost host, Func<IMediaUsages, Task> action)
        => WithUsagesAsync(host, async u => { await action(u); return true; });
}
