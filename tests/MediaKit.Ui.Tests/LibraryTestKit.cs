using System.Security.Claims;
using Bunit.TestDoubles;
using MediaKit.AspNetCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.Ui.Tests;

/// <summary>
/// Like <see cref="UiTestKit"/> (real store on SQLite and a temporary folder, tenant from the user's <c>tenant</c> claim),
/// but the signed-in user's MediaKit policies can be chosen and changed after services are in use: bUnit refuses a second
/// <c>AddAuthorization()</c> once the provider has been used, so this kit keeps the one authorization context it made.
/// </summary>
internal sealed class LibraryTestKit : IAsyncDisposable
{
    /// <summary>Every MediaKit policy: an Admin of seed 004.</summary>
    public static readonly string[] Admin = [.. MediaKitPolicies.All];

    /// <summary>May view and upload, but not manage or approve: floor staff that was let in.</summary>
    public static readonly string[] Staff = [MediaKitPolicies.View, MediaKitPolicies.Upload];

    private readonly BunitAuthorizationContext _auth;

    private LibraryTestKit(string root, BunitContext context, BunitAuthorizationContext auth)
    {
        Root = root;
        Context = context;
        _auth = auth;
    }

    public string Root { get; }

    public BunitContext Context { get; }

    public IMediaStore Store => Context.Services.GetRequiredService<IMediaStore>();

    public IMediaUsages Usages => Context.Services.GetRequiredService<IMediaUsages>();

    /// <summary>Builds the context and signs in <paramref name="userId"/> of <paramref name="tenant"/> with <paramref name="policies"/>.</summary>
    public static async Task<LibraryTestKit> CreateAsync(
        string[]? policies = null,
        string tenant = "store-a",
        string userId = "user-1",
        Action<MediaKitUiOptions>? configureUi = null,
        Action<MediaKitOptions>? configureMediaKit = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "mediakit-lib-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var services = context.Services;
        services.AddDbContext<UiTestDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(root, "catalog.db")};Pooling=False"));
        services
            .AddMediaKit(o =>
            {
                o.Collections.Add("products", c => c.AcceptImages());
                o.Collections.Add("banners", c => c.AcceptImages());
                o.Collections.Add("documents", c => c.AcceptDocuments());
                configureMediaKit?.Invoke(o);
            })
            .UseEntityFrameworkCore<UiTestDbContext>()
            .UseFileSystemStorage(o => o.RootPath = Path.Combine(root, "media"))
            .UseTenantClaim();
        services.AddMediaKitUi(o =>
        {
            o.UsageLink = u => u.ResourceType == "product" ? $"/products/{u.ResourceId}" : null;
            configureUi?.Invoke(o);
        });
        var auth = context.AddAuthorization();
        var kit = new LibraryTestKit(root, context, auth);
        // The components run as they do in a circuit (interactive server); set once every service is registered.
        context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        kit.SignIn(userId, tenant, policies ?? Admin);
        await context.Services.GetRequiredService<UiTestDbContext>().Database.EnsureCreatedAsync();
        return kit;
    }

    /// <summary>Signs in a user: the authentication state components see, their policies, and the user MediaKit acts for.</summary>
    public void SignIn(string userId, string tenant, params string[] policies)
    {
        _auth.SetAuthorized(userId);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId), new Claim("tenant", tenant));
        _auth.SetPolicies(policies);
        Context.Services.GetRequiredService<MediaKitUser>().SetUser(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userId), new Claim(ClaimTypes.NameIdentifier, userId), new Claim("tenant", tenant)],
            "Test")));
    }

    /// <summary>Uploads a small generated PNG through the real store, as the signed-in user.</summary>
    public async Task<MediaAsset> UploadImageAsync(string fileName, string collection = "products")
    {
        using var stream = new MemoryStream(UiTestKit.Png(fileName));
        return await Store.UploadAsync(new MediaUploadRequest(collection, fileName, stream) { UploadedBy = CurrentUser });
    }

    private string? CurrentUser => Context.Services.GetRequiredService<MediaKitUser>().Principal?.FindFirstValue(ClaimTypes.NameIdentifier);

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS; the temp folder is cleaned up by the system.
        }
    }
}
