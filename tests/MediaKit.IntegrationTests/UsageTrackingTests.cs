using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.IntegrationTests;

/// <summary>
/// Declarative usage tracking: the host marks its own properties as media references and saves its entities;
/// the usage table follows in the same transaction, with no usage calls in host code.
/// </summary>
public sealed class UsageTrackingTests
{
    [Fact]
    public async Task Saving_a_product_records_its_main_image_and_ordered_gallery()
    {
        await using var host = await MediaKitHost.StartAsync();
        var (a, b, c) = (await UploadAsync(host, 1), await UploadAsync(host, 2), await UploadAsync(host, 3));

        var productId = await host.WithDbAsync(async db =>
        {
            var product = new Product { Name = "Sneaker", MainImageId = a, GalleryIds = [c, b] };
            db.Products.Add(product);
            await db.SaveChangesAsync();
            return product.Id;
        });

        var usages = await UsagesAsync(host, "product", productId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["gallery:0:" + c, "gallery:1:" + b, "main_image:0:" + a], usages);
    }

    [Fact]
    public async Task An_edit_that_removes_one_image_makes_that_image_an_orphan()
    {
        await using var host = await MediaKitHost.StartAsync();
        var (a, b, c) = (await UploadAsync(host, 1), await UploadAsync(host, 2), await UploadAsync(host, 3));
        var productId = await host.WithDbAsync(async db =>
        {
            var product = new Product { Name = "Sneaker", GalleryIds = [a, b, c] };
            db.Products.Add(product);
            await db.SaveChangesAsync();
            return product.Id;
        });

        await host.WithDbAsync(async db =>
        {
            var product = await db.Products.SingleAsync(p => p.Id == productId);
            product.GalleryIds = [c, a];
            return await db.SaveChangesAsync();
        });

        var counts = await WithUsagesAsync(host, u => u.CountAsync([a, b, c]));
        Assert.False(counts.ContainsKey(b));
        Assert.Equal(1, counts[a]);
        Assert.Equal(["gallery:0:" + c, "gallery:1:" + a], await UsagesAsync(host, "product", productId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(await host.WithStoreAsync(s => s.DeleteAsync(b)));
        await Assert.ThrowsAsync<MediaInUseException>(() => host.WithStoreAsync(s => s.DeleteAsync(a)));
    }

    [Fact]
    public async Task Deleting_the_entity_removes_its_usages()
    {
        await using var host = await MediaKitHost.StartAsync();
        var a = await UploadAsync(host, 1);
        var banner = new Banner { ImageId = a };
        await host.WithDbAsync(async db => { db.Banners.Add(banner); return await db.SaveChangesAsync(); });
        Assert.Equal(["image_id:0:" + a], await UsagesAsync(host, "home_banner", banner.Id.ToString()));

        await host.WithDbAsync(async db =>
        {
            db.Banners.Remove(await db.Banners.SingleAsync(x => x.Id == banner.Id));
            return await db.SaveChangesAsync();
        });

        Assert.Empty(await UsagesAsync(host, "home_banner", banner.Id.ToString()));
        Assert.True(await host.WithStoreAsync(s => s.DeleteAsync(a)));
    }

    [Fact]
    public async Task A_reference_to_another_tenants_asset_fails_the_whole_save()
    {
        await using var host = await MediaKitHost.StartAsync();
        var theirs = await UploadAsync(host, 1);
        host.Tenant.TenantId = "store-b";

        var error = await Assert.ThrowsAsync<MediaNotFoundException>(() => host.WithDbAsync(async db =>
        {
            db.Products.Add(new Product { Name = "Stolen", MainImageId = theirs });
            return await db.SaveChangesAsync();
        }));

        Assert.Equal(theirs, error.AssetId);
        Assert.Equal(0, await host.WithDbAsync(db => db.Products.CountAsync()));
        host.Tenant.TenantId = "store-a";
        Assert.Empty(await WithUsagesAsync(host, u => u.CountAsync([theirs])));
    }

    [Fact]
    public async Task A_failed_host_save_leaves_no_usages_behind()
    {
        await using var host = await MediaKitHost.StartAsync();
        var a = await UploadAsync(host, 1);
        var existing = new Banner { ImageId = a };
        await host.WithDbAsync(async db => { db.Banners.Add(existing); return await db.SaveChangesAsync(); });

        // A product (generated key: usages written after its insert) and a duplicate banner key in one save: the insert fails.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => host.WithDbAsync(async db =>
        {
            db.Products.Add(new Product { Name = "Sneaker", MainImageId = a });
            db.Banners.Add(new Banner { Id = existing.Id, ImageId = a });
            return await db.SaveChangesAsync();
        }));

        Assert.Equal(0, await host.WithDbAsync(db => db.Products.CountAsync()));
        Assert.Equal(1, (await WithUsagesAsync(host, u => u.CountAsync([a])))[a]);
    }

    [Fact]
    public async Task A_save_that_changes_no_reference_leaves_usages_alone()
    {
        await using var host = await MediaKitHost.StartAsync();
        var a = await UploadAsync(host, 1);
        var productId = await host.WithDbAsync(async db =>
        {
            var product = new Product { Name = "Sneaker", GalleryIds = [a] };
            db.Products.Add(product);
            await db.SaveChangesAsync();
            return product.Id;
        });
        var before = await WithUsagesAsync(host, u => u.GetAsync("product", productId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        await host.WithDbAsync(async db =>
        {
            (await db.Products.SingleAsync()).Name = "Runner";
            return await db.SaveChangesAsync();
        });

        var after = await WithUsagesAsync(host, u => u.GetAsync("product", productId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(before.Select(u => u.Id), after.Select(u => u.Id));
    }

    private static async Task<Guid> UploadAsync(MediaKitHost host, int seed)
        => (await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", $"p{seed}.png", new MemoryStream(TestFiles.Png(1000 + seed)))))).Id;

    private static async Task<List<string>> UsagesAsync(MediaKitHost host, string type, string id)
        => [.. (await WithUsagesAsync(host, u => u.GetAsync(type, id))).Select(u => $"{u.Field}:{u.Position}:{u.AssetId}")];

    private static async Task<T> WithUsagesAsync<T>(MediaKitHost host, Func<IMediaUsages, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IMediaUsages>());
    }
}
