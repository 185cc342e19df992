using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using MediaKit.Catalog;
using MediaKit.Samples.Store.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaKit.AspNetCore.Tests;

/// <summary>
/// The sample store's own entities (products, banners, settings) with declarative usage tracking, saved the way its
/// interactive pages save them (a scope per operation acting for the circuit's user); its pages and navigation per role; the
/// demo store of a first run; its migrations for SQLite and PostgreSQL; and the sample running on PostgreSQL.
/// </summary>
public sealed partial class StoreSampleTests
{
    private const string Admin = "demo:acme-admin";

    [Fact]
    public void The_migrations_of_both_providers_match_the_model()
    {
        using var sqlite = new SqliteStoreDbContext(new DbContextOptionsBuilder<SqliteStoreDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgreSqlStoreDbContext(new DbContextOptionsBuilder<PostgreSqlStoreDbContext>().UseNpgsql("Host=127.0.0.1;Port=1").Options);

        Assert.NotEmpty(sqlite.Database.GetMigrations());
        Assert.NotEmpty(postgres.Database.GetMigrations());
        Assert.False(sqlite.Database.HasPendingModelChanges(), "The SQLite migrations lag the model: regenerate them (docs/decisions.md 25).");
        Assert.False(postgres.Database.HasPendingModelChanges(), "The PostgreSQL migrations lag the model: regenerate them (docs/decisions.md 25).");
    }

    [Fact]
    public async Task A_product_saved_with_images_records_usages_removing_one_makes_it_an_orphan_and_a_used_image_cannot_be_deleted()
    {
        using var app = new StoreAppFactory();
        using var client = Client(app);
        var (a, b, c) = (await UploadAsync(client, "a.png"), await UploadAsync(client, "b.png"), await UploadAsync(client, "c.png"));

        // Create the product the way its edit page does: a DbContext of its own scope, acting for the signed-in user, and one
        // save. A main image and a gallery of three, in this order; no usage call anywhere.
        int productId;
        await using (var circuit = CircuitOf(app, "acme-admin"))
        await using (var scope = circuit.ServiceProvider.GetRequiredService<StoreDbScopes>().Open())
        {
            var product = new Product { TenantId = scope.TenantId, Name = "Linen shirt", Price = 49.90m, MainImageId = a, GalleryImageIds = [c, b, a] };
            scope.Db.Products.Add(product);
            await scope.Db.SaveChangesAsync();
            productId = product.Id;
        }

        Assert.Equal(["gallery:0:" + c, "gallery:1:" + b, "gallery:2:" + a, "main_image:0:" + a], await UsagesAsync(app, productId));

        // Edit: b leaves the gallery. The interceptor follows the save.
        await using (var circuit = CircuitOf(app, "acme-admin"))
        await using (var scope = circuit.ServiceProvider.GetRequiredService<StoreDbScopes>().Open())
        {
            var product = await scope.Db.Products.SingleAsync(p => p.Id == productId);
            product.GalleryImageIds = [c, a];
            await scope.Db.SaveChangesAsync();
        }

        Assert.Equal(["gallery:0:" + c, "gallery:1:" + a, "main_image:0:" + a], await UsagesAsync(app, productId));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var orphans = await scope.ServiceProvider.GetRequiredService<IMediaMaintenanceCatalog>()
                .FindOrphanIdsAsync("acme", DateTimeOffset.UtcNow.AddDays(1), null, 100, CancellationToken.None);
            Assert.Equal([b], orphans);
        }

        // Deleting an image the product still uses fails and says where it is used; the orphan goes.
        using var refused = await client.DeleteAsync($"/api/media/{c}");
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("media.in_use", problem.GetProperty("code").GetString());
        var usage = Assert.Single(problem.GetProperty("usages").EnumerateArray());
        Assert.Equal(("product", productId.ToString(CultureInfo.InvariantCulture), "gallery"),
            (usage.GetProperty("resourceType").GetString(), usage.GetProperty("resourceId").GetString(), usage.GetProperty("field").GetString()));
        using var deleted = await client.DeleteAsync($"/api/media/{b}");
        Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());

        // The product page shows the main image and the gallery; the edit page (prerendered) has the product's fields.
        var page = await client.GetStringAsync($"/products/{productId}");
        Assert.Contains("<h1>Linen shirt</h1>", page, StringComparison.Ordinal);
        Assert.Contains($"/api/media/{a}/content", page, StringComparison.Ordinal);
        Assert.Contains($"/api/media/{c}/content", page, StringComparison.Ordinal);
        var edit = await client.GetStringAsync($"/products/{productId}/edit");
        Assert.Contains("value=\"Linen shirt\"", edit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_a_product_with_an_image_of_another_organization_fails_and_saves_nothing()
    {
        using var app = new StoreAppFactory();
        using var globex = app.CreateClientAs("globex-admin");
        var theirs = await UploadAsync(globex, "theirs.png");

        await using var circuit = CircuitOf(app, "acme-admin");
        await using var scope = circuit.ServiceProvider.GetRequiredService<StoreDbScopes>().Open();
        scope.Db.Products.Add(new Product { TenantId = scope.TenantId, Name = "Borrowed", MainImageId = theirs });

        // The edit page catches this and shows an error message.
        var error = await Assert.ThrowsAsync<MediaNotFoundException>(() => scope.Db.SaveChangesAsync());
        Assert.Equal(theirs, error.AssetId);
        await using var check = app.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<StoreDbContext>().Products.AnyAsync());
    }

    [Fact]
    public async Task Store_settings_record_the_logo_and_favicon_as_usages()
    {
        using var app = new StoreAppFactory();
        using var client = Client(app);
        var (logo, favicon) = (await UploadAsync(client, "logo.png", "branding"), await UploadAsync(client, "favicon.png", "branding"));

        await using (var circuit = CircuitOf(app, "acme-admin"))
        await using (var scope = circuit.ServiceProvider.GetRequiredService<StoreDbScopes>().Open())
        {
            scope.Db.Settings.Add(new StoreSettings { TenantId = scope.TenantId, StoreName = "Atelier Acme", LogoId = logo, FaviconId = favicon });
            await scope.Db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var usages = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Set<MediaUsage>()
                .Where(u => u.ResourceType == "store_settings" && u.ResourceId == "acme")
                .OrderBy(u => u.Field)
                .Select(u => new { u.Field, u.AssetId })
                .ToListAsync();
            Assert.Equal(["favicon:" + favicon, "logo:" + logo], usages.Select(u => u.Field + ":" + u.AssetId));
        }

        // The layout shows the store's name and logo, and links the favicon, on every page.
        var page = await client.GetStringAsync("/products");
        Assert.Contains($"/api/media/{logo}/content", page, StringComparison.Ordinal);
        Assert.Matches($"<link rel=\"icon\" href=\"[^\"]*{favicon}", page);
    }

    [Fact]
    public async Task The_scopes_of_interactive_pages_act_for_the_calling_scopes_user_and_refuse_to_run_without_one()
    {
        using var app = new StoreAppFactory();

        await using (var circuit = CircuitOf(app, "globex-admin"))
        await using (var scope = circuit.ServiceProvider.GetRequiredService<StoreDbScopes>().Open())
        {
            Assert.Equal("globex", scope.TenantId);
            Assert.Equal("globex-admin", scope.Services.GetRequiredService<MediaKitUser>().Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
        }

        // A circuit's scope has no request; without the user set by MediaKit.Ui's circuit handler there is nobody to act for.
        await using var anonymous = app.Services.CreateAsyncScope();
        Assert.Throws<InvalidOperationException>(() => anonymous.ServiceProvider.GetRequiredService<StoreDbScopes>().Open());
    }

    [Fact]
    public async Task Pages_and_navigation_follow_the_users_role()
    {
        using var app = new StoreAppFactory();
        using var admin = app.CreateClientAs("acme-admin");
        using var staff = app.CreateClientAs("acme-staff");
        using var member = app.CreateClientAs("acme-member");

        foreach (var path in new[] { "/", "/library", "/products", "/products/new", "/banners", "/settings" })
        {
            using var response = await admin.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        }

        var adminNav = await admin.GetStringAsync("/products");
        Assert.All(new[] { "/library", "/products", "/banners", "/settings", "/review" }, link => Assert.Contains($"href=\"{link}\"", adminNav, StringComparison.Ordinal));
        Assert.Contains("Alan (Acme, Admin)", adminNav, StringComparison.Ordinal);

        // Seed 004: Floor Staff has no library, and only managers edit the catalog, banners and settings.
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/library")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/products/new")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/settings")).StatusCode);
        var staffNav = await staff.GetStringAsync("/products");
        Assert.DoesNotContain("href=\"/library\"", staffNav, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/settings\"", staffNav, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/products/new\"", staffNav, StringComparison.Ordinal);

        // A visitor is sent to the sign-in page, coming back afterwards.
        using var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        visitor.DefaultRequestHeaders.Authorization = null;
        using var redirect = await visitor.GetAsync("/library");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/account/sign-in", redirect.Headers.Location?.PathAndQuery, StringComparison.Ordinal);

        // A product that does not exist (or belongs to another organization) is a "not found" page.
        Assert.Contains("Product not found", await admin.GetStringAsync("/products/424242"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_run_seeds_each_organization_with_products_banners_and_settings_using_generated_images()
    {
        using var app = new StoreAppFactory(seedDemoData: true);
        using var acme = app.CreateClientAs("acme-admin");
        using var globex = app.CreateClientAs("globex-admin");

        var acmePhotos = await ListAsync(acme, "products");
        var globexPhotos = await ListAsync(globex, "products");

        // Twelve product photos per organization, drawn on the spot: 1200 × 900 JPEGs with a title and alt text.
        foreach (var photos in new[] { acmePhotos, globexPhotos })
        {
            Assert.Equal(12, photos.Count);
            Assert.All(photos, p =>
            {
                Assert.Equal(("image/jpeg", 1200, 900), (p.GetProperty("contentType").GetString(), p.GetProperty("width").GetInt32(), p.GetProperty("height").GetInt32()));
                Assert.False(string.IsNullOrEmpty(p.GetProperty("title").GetString()));
                Assert.False(string.IsNullOrEmpty(p.GetProperty("altText").GetString()));
            });
        }

        var acmeIds = acmePhotos.Select(p => p.GetProperty("id").GetGuid()).ToHashSet();
        var globexIds = globexPhotos.Select(p => p.GetProperty("id").GetGuid()).ToHashSet();
        Assert.Empty(acmeIds.Intersect(globexIds));
        Assert.Equal(2, (await ListAsync(acme, "banners")).Count);
        Assert.Equal(2, (await ListAsync(globex, "branding")).Count);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            foreach (var (organization, ids) in new[] { ("acme", acmeIds), ("globex", globexIds) })
            {
                var products = await db.Products.Where(p => p.TenantId == organization).ToListAsync();
                Assert.Equal(6, products.Count);
                Assert.All(products, p =>
                {
                    Assert.Contains(p.MainImageId!.Value, ids);
                    Assert.Equal(2, p.GalleryImageIds.Count);
                    Assert.All(p.GalleryImageIds, g => Assert.Contains(g, ids));
                    Assert.False(string.IsNullOrEmpty(p.Description));
                });

                var settings = await db.Settings.SingleAsync(s => s.TenantId == organization);
                Assert.NotNull(settings.LogoId);
                Assert.NotNull(settings.FaviconId);
                Assert.Equal(2, await db.Banners.CountAsync(b => b.TenantId == organization));

                // Every seeded image is in use (the seeding saved through the interceptor): no orphans to clean up.
                string[] storeTypes = ["product", "banner", "store_settings"];
                var used = await db.Set<MediaUsage>().Where(u => u.TenantId == organization && storeTypes.Contains(u.ResourceType)).Select(u => u.AssetId).Distinct().CountAsync();
                Assert.Equal(12 + 2 + 2, used);
            }
        }

        // Each organization sees only its own catalog.
        var acmeCatalog = await acme.GetStringAsync("/products");
        var globexCatalog = await globex.GetStringAsync("/products");
        Assert.Contains("Linen shirt", acmeCatalog, StringComparison.Ordinal);
        Assert.DoesNotContain("Oak side table", acmeCatalog, StringComparison.Ordinal);
        Assert.Contains("Oak side table", globexCatalog, StringComparison.Ordinal);
        Assert.DoesNotContain("Linen shirt", globexCatalog, StringComparison.Ordinal);
        var acmeProduct = int.Parse(ProductLink().Match(acmeCatalog).Groups[1].Value, CultureInfo.InvariantCulture);
        var acmeProductPage = await acme.GetStringAsync($"/products/{acmeProduct}");
        var seenByGlobex = await globex.GetStringAsync($"/products/{acmeProduct}");
        Assert.Contains("Product not found", seenByGlobex, StringComparison.Ordinal);
        Assert.DoesNotContain("Product not found", acmeProductPage, StringComparison.Ordinal);

        // The generated bytes are served: a real JPEG.
        using var content = await acme.GetAsync($"/api/media/{acmeIds.First()}/content");
        var bytes = await content.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, bytes[..3]);

        // A second start over the same data seeds nothing more.
        using var again = new StoreAppFactory(app.DataPath, seedDemoData: true);
        using var acmeAgain = again.CreateClientAs("acme-admin");
        Assert.Equal(12, (await ListAsync(acmeAgain, "products")).Count);
    }

    [PostgreSqlFact]
    public async Task The_sample_migrates_starts_and_uploads_on_PostgreSQL()
    {
        var server = PostgreSqlFactAttribute.ServerConnectionString
            ?? throw new InvalidOperationException("CI=true but MEDIAKIT_POSTGRES is not set: eng/test.sh starts PostgreSQL and exports it.");
        var name = $"mediakit_sample_{Environment.ProcessId}";
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE); CREATE DATABASE {name}");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            using var sqliteApp = new StoreAppFactory();
            using var app = sqliteApp.WithWebHostBuilder(b => b
                .UseSetting("Store:Provider", StoreDatabase.PostgreSql)
                .UseSetting("ConnectionStrings:Store", connectionString));
            using var client = Client(app);

            var id = await UploadAsync(client, "harbor-at-dusk.png");
            using var list = await client.GetAsync("/api/media?search=harbor-at");
            var body = await list.Content.ReadAsStringAsync();

            Assert.True(list.IsSuccessStatusCode, body);
            Assert.Contains(id.ToString(), body, StringComparison.OrdinalIgnoreCase);
            await using var scope = app.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            Assert.IsType<PostgreSqlStoreDbContext>(context);
            Assert.True(context.Database.IsNpgsql());
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
            Assert.NotEmpty(await context.Database.GetAppliedMigrationsAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static HttpClient Client(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Admin);
        return client;
    }

    /// <summary>
    /// A scope standing in for a Blazor circuit of <paramref name="account"/>: MediaKit.Ui's circuit handler sets
    /// <see cref="MediaKitUser"/> the same way from the circuit's authentication state.
    /// </summary>
    private static AsyncServiceScope CircuitOf(StoreAppFactory app, string account)
    {
        var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MediaKitUser>().SetUser(MediaKit.Samples.Store.Auth.DemoAccounts.Find(account)!.ToPrincipal("circuit"));
        return scope;
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string collection)
    {
        using var response = await client.GetAsync($"/api/media?collection={collection}&limit=100");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray()];
    }

    private static async Task<Guid> UploadAsync(HttpClient client, string fileName, string collection = "products")
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(Png(8 + fileName.Length, 8));
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(part, "file", fileName);
        using var response = await client.PostAsync($"/api/media/upload?collection={collection}", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("items")[0].GetProperty("asset").GetProperty("id").GetGuid();
    }

    private static byte[] Png(int width, int height)
    {
        using var image = NetVips.Image.Xyz(width, height)[0].Cast(NetVips.Enums.BandFormat.Uchar);
        return image.PngsaveBuffer(compression: 0);
    }

    private static async Task<List<string>> UsagesAsync(StoreAppFactory app, int productId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var resourceId = productId.ToString(CultureInfo.InvariantCulture);
        var usages = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Set<MediaUsage>()
            .Where(u => u.TenantId == "acme" && u.ResourceType == "product" && u.ResourceId == resourceId)
            .OrderBy(u => u.Field).ThenBy(u => u.Position)
            .ToListAsync();
        return [.. usages.Select(u => $"{u.Field}:{u.Position}:{u.AssetId}")];
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("href=\"/products/(\\d+)\"")]
    private static partial Regex ProductLink();
}

/// <summary>
/// A fact that needs the PostgreSQL server of <c>eng/services/postgres-start.sh</c> (<c>MEDIAKIT_POSTGRES</c>): skipped with the
/// reason when it is not configured, except when <c>CI=true</c>, where the test runs and fails without it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (ServerConnectionString is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "Needs MEDIAKIT_POSTGRES; run eng/services/postgres-start.sh and source artifacts/services/postgres.env, or run eng/test.sh.";
        }
    }

    /// <summary>The server's connection string, or <see langword="null"/>.</summary>
    public static string? ServerConnectionString => Environment.GetEnvironmentVariable("MEDIAKIT_POSTGRES") is { Length: > 0 } value ? value : null;
}
