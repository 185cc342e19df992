using MediaKit.AspNetCore;
using MediaKit.Samples.Store.Auth;
using Microsoft.EntityFrameworkCore;

namespace MediaKit.Samples.Store.Data;

/// <summary>
/// The demo store of a first run: each demo organization (<c>acme</c>, <c>globex</c>) that has no products yet gets six
/// products with a main image and a gallery, two banners, and its settings with a logo and a favicon. The pictures are drawn
/// on the spot (<see cref="DemoImages"/>); nothing is downloaded. A folder of real pictures wins: when
/// <c>Store:DemoImagesPath</c> (default <c>DemoImages</c> next to the app) holds images, the products and banners use them.
/// <c>Store:SeedDemoData = false</c> turns the seeding off.
/// </summary>
public static partial class DemoCatalog
{
    private static readonly string[] s_imageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"];

    private static readonly DemoStore[] s_stores =
    [
        new("acme", "Acme Atelier", 0,
        [
            new("Linen shirt", "A relaxed shirt in washed European linen that gets softer with every wear.", 49.90m, DemoImages.Shape.Box),
            new("Canvas tote", "Heavy cotton canvas with leather handles; fits a laptop and the day's shopping.", 29.00m, DemoImages.Shape.Arch),
            new("Leather sneaker", "Vegetable-tanned leather on a natural rubber sole, stitched by hand.", 119.00m, DemoImages.Shape.Round),
            new("Wool scarf", "Merino wool, woven loosely for warmth without weight.", 39.50m, DemoImages.Shape.Box),
            new("Ceramic mug", "Thrown on the wheel and glazed in small batches; holds 350 ml.", 18.00m, DemoImages.Shape.Round),
            new("Straw hat", "Wide brim, hand-braided straw, an inner band in cotton.", 45.00m, DemoImages.Shape.Arch),
        ],
        [("Summer linen", "Light layers for long days"), ("Made by hand", "Small batches from our workshop")]),
        new("globex", "Globex Home", 3,
        [
            new("Oak side table", "Solid oak with an oiled finish; the legs unscrew for moving.", 189.00m, DemoImages.Shape.Box),
            new("Desk lamp", "A steel arm, a linen shade and a warm 2700 K bulb.", 79.00m, DemoImages.Shape.Arch),
            new("Stoneware bowl", "Oven and dishwasher safe, speckled glaze, 18 cm across.", 24.00m, DemoImages.Shape.Round),
            new("Wool throw", "Lambswool in a herringbone weave, 130 × 180 cm.", 98.00m, DemoImages.Shape.Box),
            new("Glass carafe", "Mouth-blown glass with a cork stopper; one litre.", 32.00m, DemoImages.Shape.Arch),
            new("Linen cushion", "A stonewashed linen cover with a feather insert, 50 × 50 cm.", 36.00m, DemoImages.Shape.Round),
        ],
        [("Quiet rooms", "Furniture that lasts"), ("Table ready", "Stoneware and glass for every day")]),
    ];

    /// <summary>Seeds each demo organization that has no products yet; returns how many products were created.</summary>
    public static async Task<int> SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (!configuration.GetValue("Store:SeedDemoData", true))
        {
            return 0;
        }

        var environment = services.GetRequiredService<IHostEnvironment>();
        var folder = Path.Combine(environment.ContentRootPath, configuration["Store:DemoImagesPath"] ?? "DemoImages");
        var photos = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(f => s_imageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).Take(14).ToList()
            : [];

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoCatalog));
        var created = 0;
        foreach (var store in s_stores)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var admin = DemoAccounts.All.First(a => a.Organization == store.Organization && a.Role == DemoAccounts.Admin);
            await using var scope = services.CreateAsyncScope();

            // MediaKit takes the tenant and the actor from the user of the scope (UseTenantClaim reads MediaKitUser); at
            // start-up there is no request, so the seeding acts as the organization's demo admin.
            scope.ServiceProvider.GetRequiredService<MediaKitUser>().SetUser(admin.ToPrincipal("demo-seed"));
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            if (await db.Products.AnyAsync(p => p.TenantId == store.Organization, cancellationToken))
            {
                continue;
            }

            var media = scope.ServiceProvider.GetRequiredService<IMediaStore>();
            var products = new List<Product>();
            for (var i = 0; i < store.Products.Length; i++)
            {
                var item = store.Products[i];
                var main = await UploadAsync(media, "products", photos, 2 * i, $"{Slug(item.Name)}.jpg",
                    () => DemoImages.Product(item.Name, store.Palette + i, item.Shape, detail: false), item.Name, $"{item.Name}, front view", cancellationToken);
                var detail = await UploadAsync(media, "products", photos, (2 * i) + 1, $"{Slug(item.Name)}-detail.jpg",
                    () => DemoImages.Product(item.Name, store.Palette + i, item.Shape, detail: true), $"{item.Name} (detail)", $"{item.Name}, close-up", cancellationToken);
                products.Add(new Product
                {
                    TenantId = store.Organization,
                    Name = item.Name,
                    Description = item.Description,
                    Price = item.Price,
                    MainImageId = main.Id,
                    GalleryImageIds = [main.Id, detail.Id],
                });
            }

            db.Products.AddRange(products);
            for (var i = 0; i < store.Banners.Length; i++)
            {
                var (title, subtitle) = store.Banners[i];
                var image = await UploadAsync(media, "banners", photos, 12 + i, $"banner-{Slug(title)}.jpg",
                    () => DemoImages.Banner(title, subtitle, store.Palette + i), title, $"{title}: {subtitle}", cancellationToken);
                db.Banners.Add(new Banner { TenantId = store.Organization, Title = title, LinkUrl = "/products", ImageId = image.Id });
            }

            var logo = await UploadAsync(media, "branding", [], 0, "logo.png",
                () => DemoImages.Logo(store.StoreName, store.Palette), $"{store.StoreName} logo", store.StoreName, cancellationToken);
            var favicon = await UploadAsync(media, "branding", [], 0, "favicon.png",
                () => DemoImages.Favicon(store.StoreName, store.Palette), $"{store.StoreName} favicon", null, cancellationToken);
            db.Settings.Add(new StoreSettings { TenantId = store.Organization, StoreName = store.StoreName, LogoId = logo.Id, FaviconId = favicon.Id });

            // One save: the products, banners and settings, and (through the interceptor) every usage of their images.
            await db.SaveChangesAsync(cancellationToken);
            created += products.Count;
            Log.Seeded(logger, store.Organization, products.Count, photos.Count > 0 ? folder : "generated images", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return created;
    }

    /// <summary>Uploads the real picture at <paramref name="index"/> of <paramref name="photos"/> when there is one, else a drawn one.</summary>
    private static async Task<MediaAsset> UploadAsync(
        IMediaStore media, string collection, List<string> photos, int index, string fileName, Func<byte[]> draw, string title, string? altText, CancellationToken cancellationToken)
    {
        if (photos.Count > 0)
        {
            var path = photos[index % photos.Count];
            await using var file = File.OpenRead(path);
            return await media.UploadAsync(new MediaUploadRequest(collection, Path.GetFileName(path), file) { Title = title, AltText = altText }, cancellationToken);
        }

        using var drawn = new MemoryStream(draw(), writable: false);
        return await media.UploadAsync(new MediaUploadRequest(collection, fileName, drawn) { Title = title, AltText = altText }, cancellationToken);
    }

    private static string Slug(string name) => string.Join('-', name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Seeded the demo store of {Organization}: {Products} products from {Source} in {ElapsedMs:0} ms.")]
        public static partial void Seeded(ILogger logger, string organization, int products, string source, double elapsedMs);
    }

    private sealed record DemoProduct(string Name, string Description, decimal Price, DemoImages.Shape Shape);

    private sealed record DemoStore(string Organization, string StoreName, int Palette, DemoProduct[] Products, (string Title, string Subtitle)[] Banners);
}
