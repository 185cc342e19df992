using MediaKit;
using MediaKit.Samples.Store.Auth;
using MediaKit.Samples.Store.Components;
using MediaKit.Samples.Store.Data;
using MediaKit.Samples.Store.Data.Scenarios;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);

// Embedded defaults: a SQLite file and a media folder under App_Data, created on first run.
var dataRoot = Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["Store:DataPath"] ?? "App_Data");
Directory.CreateDirectory(dataRoot);

// SQLite under App_Data by default; PostgreSQL with Store:Provider=PostgreSql and ConnectionStrings:Store (Data/StoreDatabase.cs).
builder.Services.AddStoreDatabase(builder.Configuration, dataRoot);
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
        // Chat attachments (seed 003): documents wait for a reviewer, each member may store 500 MB, files are private.
        o.Collections.Add("chat", c => { c.Accept("image/*", "application/pdf"); c.RequireApproval("application/*"); c.QuotaPerOwner = 500_000_000; c.Private(); });

        // The scenario pages' collections (Data/Scenarios).
        ScenarioSetup.AddCollections(o);
    })
    .UseEntityFrameworkCore<StoreDbContext>()
    .UseFileSystemStorage(o => o.RootPath = Path.Combine(dataRoot, "media"))
    .UseVipsImaging()
    // The tenant is the signed-in user's organization (Auth/DemoAccounts.cs).
    .UseTenantClaim(o => o.ClaimType = DemoAccounts.OrganizationClaim)
    // Duration, size and codecs of the lessons' videos, and their posters; without ffmpeg installed they are left out.
    .UseFFmpeg();
builder.Services.AddScenarios();

// Malware scanning when a clamd is configured (MediaKit:ClamAV:Host and Port, or UnixSocketPath); the sample runs without it.
if (builder.Configuration.GetSection("MediaKit:ClamAV") is { } clamAv && clamAv.Exists())
{
    builder.Services.AddMediaKit().UseClamAvScanning(o => clamAv.Bind(o));
}

// Cookie sign-in with demo accounts, seed 004's roles mapped to MediaKit's policies, and a rate limit on uploads.
builder.Services.AddStoreAuthentication(builder.Environment, builder.Configuration);
builder.Services.AddMediaKitRateLimiting(o => builder.Configuration.GetSection("MediaKit:UploadRateLimit").Bind(o));

// An interactive server app: the library, the product editor, banners and settings run in a circuit; the catalog and
// product pages render on the server without one. MediaKit.Ui's components give MediaKit the circuit's user (tenant,
// actor, review rights), and the library's "used by" list links each usage to the page that edits it.
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddMediaKitUi(o => o.UsageLink = usage => usage.ResourceType switch
{
    "product" => $"/products/{usage.ResourceId}",
    "banner" => "/banners",
    "store_settings" => "/settings",
    "course" => $"/courses/{usage.ResourceId}",
    "lesson" => $"/lessons/{usage.ResourceId}",
    "user_profile" => "/profile",
    "message" => "/conversations",
    _ => null,
});
builder.Services.AddHealthChecks().AddMediaKit();   // the catalog and the store, tagged "ready"

var app = builder.Build();

// The schema comes from the provider's EF Core migrations (Data/Migrations/Sqlite or PostgreSql), applied at start-up.
await app.Services.MigrateStoreDatabaseAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();
app.MapStaticAssets();
app.MapDemoSignIn();
app.MapMediaKit("/api/media", o => o.UploaderMayDelete = true);
app.MapHealthChecks("/health");
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>The sample's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
