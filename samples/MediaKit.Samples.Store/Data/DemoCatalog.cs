using MediaKit.Samples.Store.Auth;
using Microsoft.EntityFrameworkCore;

namespace MediaKit.Samples.Store.Data;

/// <summary>
/// Demo products for a first run: when the folder <c>Store:DemoImagesPath</c> (default <c>DemoImages</c> next to the app)
/// holds images and an organization has no products yet, the images are uploaded to its library and a few products use
/// them. Nothing is downloaded; without demo images nothing is seeded.
/// </summary>
public static class DemoCatalog
{
    private static readonly string[] s_imageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"];

    private static readonly string[] s_names = ["Linen shirt", "Canvas tote", "Leather sneaker", "Wool scarf", "Ceramic mug", "Straw hat"];

    /// <summary>Seeds each demo organization that has no products yet; returns how many products were created.</summary>
    public static async Task<int> SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var environment = services.GetRequiredService<IHostEnvironment>();
        var folder = Path.Combine(environment.ContentRootPath, configuration["Store:DemoImagesPath"] ?? "DemoImages");
        var images = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(f => s_imageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).Take(12).ToList()
            : [];
        if (images.Count == 0)
        {
            return 0;
        }

        var created = 0;
        foreach (var organization in DemoAccounts.All.Where(a => a.Role == DemoAccounts.Admin))
        {
            await using var scope = services.CreateAsyncScope();

            // MediaKit takes the tenant and the actor from the signed-in user (UseTenantClaim); at start-up the seeding acts as
            // the organization's demo admin.
            var http = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
            http.HttpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = organization.ToPrincipal("demo-seed") };
            try
            {
                var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
                if (await db.Products.AnyAsync(p => p.TenantId == organization.Organization, cancellationToken))
                {
                    continue;
                }

                var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
                var ids = new List<Guid>();
                foreach (var image in images)
                {
                    await using var stream = File.OpenRead(image);
                    var asset = await store.UploadAsync(new MediaUploadRequest("products", Path.GetFileName(image), stream), cancellationToken);
                    ids.Add(asset.Id);
                }

                for (var i = 0; i < Math.Min(s_names.Length, ids.Count); i++)
                {
                    db.Products.Add(new Product
                    {
                        TenantId = organization.Organization,
                        Name = s_names[i],
                        Price = 19 + (i * 10),
                        MainImageId = ids[i],
                        GalleryImageIds = [.. ids.Skip(i).Take(3)],
                    });
                    created++;
                }

                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                http.HttpContext = null;
            }
        }

        return created;
    }
}
