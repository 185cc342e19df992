using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Claims;
using Bunit.TestDoubles;
using MediaKit.AspNetCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.Ui.Tests;

/// <summary>The host app's DbContext with MediaKit's tables, as a real app has it.</summary>
public sealed class UiTestDbContext(DbContextOptions<UiTestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMediaKit();
}

/// <summary>
/// A bUnit context over a real MediaKit setup: SQLite file and local disk in a fresh temporary folder, the tenant taken from
/// the signed-in user's <c>tenant</c> claim (<c>UseTenantClaim</c>), a signed-in user through bUnit's authorization test
/// double, and <c>AddMediaKitUi</c>. JS interop is loose: calls that are not set up return default values.
/// </summary>
/// <remarks>Collections: <c>products</c> and <c>banners</c> (images), <c>documents</c> (PDF and office documents).</remarks>
internal sealed class UiTestKit : IAsyncDisposable
{
    private UiTestKit(string root, BunitContext context, BunitAuthorizationContext authorization)
    {
        Root = root;
        Context = context;
        Authorization = authorization;
    }

    /// <summary>bUnit's authorization test double (roles, policies, claims of the signed-in user).</summary>
    public BunitAuthorizationContext Authorization { get; }

    /// <summary>The signed-in user's id (the uploader of <see cref="UploadAsync"/>).</summary>
    public string UserId { get; private set; } = "";

    /// <summary>The signed-in user's tenant.</summary>
    public string Tenant { get; private set; } = "";

    /// <summary>The temporary folder (catalog database and media files).</summary>
    public string Root { get; }

    /// <summary>The bUnit context: render components with <c>Context.Render&lt;T&gt;(...)</c>.</summary>
    public BunitContext Context { get; }

    /// <summary>The store of the context's scope, acting for the current user.</summary>
    public IMediaStore Store => Context.Services.GetRequiredService<IMediaStore>();

    /// <summary>Builds the context and signs in <paramref name="userId"/> of <paramref name="tenant"/>.</summary>
    /// <param name="configureUi">Changes the UI options (such as the page size).</param>
    /// <param name="tenant">The signed-in user's tenant.</param>
    /// <param name="userId">The signed-in user's id (and name).</param>
    /// <param name="configureMediaKit">Adds collections or changes MediaKit's options.</param>
    public static async Task<UiTestKit> CreateAsync(
        Action<MediaKitUiOptions>? configureUi = null,
        string tenant = "store-a",
        string userId = "user-1",
        Action<MediaKitOptions>? configureMediaKit = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "mediakit-ui-" + Guid.NewGuid().ToString("N"));
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
        services.AddMediaKitUi(configureUi);
        var kit = new UiTestKit(root, context, context.AddAuthorization());
        // The components run as they do in a circuit (interactive server); set once every service is registered.
        context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        kit.SignIn(userId, tenant);
        await context.Services.GetRequiredService<UiTestDbContext>().Database.EnsureCreatedAsync();
        return kit;
    }

    /// <summary>
    /// Signs in another user (the authentication state components see, and the user MediaKit acts for, as the circuit
    /// handler would set it).
    /// </summary>
    /// <param name="userId">The user's id (and name).</param>
    /// <param name="tenant">The user's tenant.</param>
    /// <param name="policies">The authorization policies the user holds, such as <c>MediaKitPolicies.Manage</c>.</param>
    public void SignIn(string userId, string tenant, params string[] policies)
    {
        UserId = userId;
        Tenant = tenant;
        Authorization.SetAuthorized(userId);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId), new Claim("tenant", tenant));
        Authorization.SetPolicies(policies);
        Context.Services.GetRequiredService<MediaKitUser>().SetUser(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userId), new Claim(ClaimTypes.NameIdentifier, userId), new Claim("tenant", tenant)],
            "Test")));
    }

    /// <summary>Uploads a small generated PNG (distinct pixels per file name) through the real store.</summary>
    public Task<MediaAsset> UploadImageAsync(string fileName, string collection = "products")
        => UploadAsync(fileName, Png(fileName), collection);

    /// <summary>Uploads <paramref name="bytes"/> through the real store as the signed-in user.</summary>
    public async Task<MediaAsset> UploadAsync(string fileName, byte[] bytes, string collection = "products")
    {
        using var stream = new MemoryStream(bytes);
        return await Store.UploadAsync(new MediaUploadRequest(collection, fileName, stream) { UploadedBy = UserId });
    }

    /// <summary>A valid 4x3 RGB PNG whose color is derived from <paramref name="seed"/>.</summary>
    public static byte[] Png(string seed, int width = 4, int height = 3)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(seed))
        {
            hash = (hash ^ b) * 16777619u;
        }

        var raw = new byte[height * (1 + (width * 3))];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + (width * 3));
            for (var x = 0; x < width; x++)
            {
                raw[row + 1 + (x * 3)] = (byte)(hash >> 16);
                raw[row + 2 + (x * 3)] = (byte)(hash >> 8);
                raw[row + 3 + (x * 3)] = (byte)(hash + x + y);
            }
        }

        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(output, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            Chunk(output, "IDAT", compressed.ToArray());
        }

        Chunk(output, "IEND", []);
        return output.ToArray();
    }

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

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeAndData = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        output.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, System.IO.Hashing.Crc32.HashToUInt32(typeAndData));
        output.Write(crc);
    }

}
