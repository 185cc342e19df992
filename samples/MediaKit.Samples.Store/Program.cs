using MediaKit;
using MediaKit.Samples.Store.Components;
using MediaKit.Samples.Store.Data;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);

// Embedded defaults: a SQLite file and a media folder under App_Data, created on first run.
var dataRoot = Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["Store:DataPath"] ?? "App_Data");
Directory.CreateDirectory(dataRoot);
var connectionString = builder.Configuration.GetConnectionString("Store") ?? $"Data Source={Path.Combine(dataRoot, "store.db")}";

builder.Services.AddDbContext<StoreDbContext>(o => o.UseSqlite(connectionString));
builder.Services
    .AddMediaKit(o =>
    {
        o.Collections.Add("products", c => c.AcceptImages());
        o.Collections.Add("banners", c => c.AcceptImages());
        o.Collections.Add("branding", c => c.AcceptImages().Accept(MediaContentTypes.Svg));
        // Invoices and contracts: served only through signed, expiring URLs.
        o.Collections.Add("documents", c => c.AcceptDocuments().Private());

        // Signing keys come from configuration (MediaKit:Signing:Keys:<id> = base64 of 32+ random bytes, and
        // MediaKit:Signing:CurrentKeyId). Without one, `dotnet run` (Development) uses a temporary in-memory key.
        builder.Configuration.GetSection("MediaKit:Signing").Bind(o.Signing);
        o.Collections.Add("lessons", c => c.AcceptVideos().AcceptImages());
    })
    .UseEntityFrameworkCore<StoreDbContext>()
    .UseFileSystemStorage(o => o.RootPath = Path.Combine(dataRoot, "media"))
    .UseVipsImaging();

builder.Services.AddRazorComponents();

var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    // The sample creates its schema on first run; a production app applies EF Core migrations instead.
    await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Database.EnsureCreatedAsync();
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseStatusCodePages();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapMediaKit("/api/media");
app.MapRazorComponents<App>();

await app.RunAsync();

/// <summary>The sample's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
