using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using MediaKit.Catalog;
using MediaKit.Samples.Store.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaKit.AspNetCore.Tests;

/// <summary>
/// The sample store's own entities (products, banners, settings) with declarative usage tracking, edited through its pages;
/// its migrations for SQLite and PostgreSQL; and the sample running on PostgreSQL.
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
    public async Task Removing_an_image_from_a_product_on_its_edit_page_makes_it_an_orphan_and_a_used_image_cannot_be_deleted()
    {
        using var app = new StoreAppFactory();
        using var client = Client(app);
        var (a, b, c) = (await UploadAsync(client, "a.png"), await UploadAsync(client, "b.png"), await UploadAsync(client, "c.png"));

        // Create the product through its page: a main image and a gallery of three, in this order.
        using (var created = await PostFormAsync(client, "/products/new", "product", new()
        {
            ["Form.Name"] = "Linen shirt",
            ["Form.Price"] = "49.90",
            ["Form.MainImageId"] = a.ToString(),
            ["Form.Gallery[0]"] = c.ToString(),
            ["Form.Gallery[1]"] = b.ToString(),
            ["Form.Gallery[2]"] = a.ToString(),
        }))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        var productId = int.Parse(ProductLink().Match(await client.GetStringAsync("/products")).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(["gallery:0:" + c, "gallery:1:" + b, "gallery:2:" + a, "main_image:0:" + a], await UsagesAsync(app, productId));

        // Edit: b leaves the gallery. No usage call anywhere in the page; the interceptor follows the save.
        using (var edited = await PostFormAsync(client, $"/products/{productId}", "product", new()
        {
            ["Form.Name"] = "Linen shirt",
            ["Form.Price"] = "49.90",
            ["Form.MainImageId"] = a.ToString(),
            ["Form.Gallery[0]"] = c.ToString(),
            ["Form.Gallery[1]"] = a.ToString(),
        }))
        {
            Assert.True(edited.IsSuccessStatusCode, await edited.Content.ReadAsStringAsync());
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
    }

    [Fact]
    public async Task Store_settings_record_the_logo_and_favicon_as_usages()
    {
        using var app = new StoreAppFactory();
        using var client = Client(app);
        var (logo, favicon) = (await UploadAsync(client, "logo.png"), await UploadAsync(client, "favicon.png"));

        using var saved = await PostFormAsync(client, "/settings", "settings", new()
        {
            ["Form.StoreName"] = "Atelier Acme",
            ["Form.LogoId"] = logo.ToString(),
            ["Form.FaviconId"] = favicon.ToString(),
        });

        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var usages = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Set<MediaUsage>()
            .Where(u => u.ResourceType == "store_settings" && u.ResourceId == "acme")
            .OrderBy(u => u.Field)
            .Select(u => new { u.Field, u.AssetId })
            .ToListAsync();
        Assert.Equal(["favicon:" + favicon, "logo:" + logo], usages.Select(u => u.Field + ":" + u.AssetId));
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

    private static async Task<Guid> UploadAsync(HttpClient client, string fileName)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(Png(8 + fileName.Length, 8));
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(part, "file", fileName);
        using var response = await client.PostAsync("/api/media/upload?collection=products", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("items")[0].GetProperty("asset").GetProperty("id").GetGuid();
    }

    private static byte[] Png(int width, int height)
    {
        using var image = NetVips.Image.Xyz(width, height)[0].Cast(NetVips.Enums.BandFormat.Uchar);
        return image.PngsaveBuffer(compression: 0);
    }

    /// <summary>Posts a page's form as a browser does: the antiforgery token from the page, the form's handler name, the fields.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, page);
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        fields["_handler"] = formName;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(path, content);
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

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

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
