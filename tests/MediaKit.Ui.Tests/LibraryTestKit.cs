using MediaKit.AspNetCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.Ui.Tests;

/// <summary>
/// <see cref="UiTestKit"/> for the library's tests: "used by" links to products, and the signed-in user's MediaKit
/// policies chosen at sign-in (Admin by default).
/// </summary>
internal sealed class LibraryTestKit : IAsyncDisposable
{
    /// <summary>Every MediaKit policy: an Admin of seed 004.</summary>
    public static readonly string[] Admin = [.. MediaKitPolicies.All];

    /// <summary>May view and upload, but not manage or approve: floor staff that was let in.</summary>
    public static readonly string[] Staff = [MediaKitPolicies.View, MediaKitPolicies.Upload];

    private readonly UiTestKit _kit;

    private LibraryTestKit(UiTestKit kit) => _kit = kit;

    public string Root => _kit.Root;

    public BunitContext Context => _kit.Context;

    public IMediaStore Store => _kit.Store;

    public IMediaUsages Usages => Context.Services.GetRequiredService<IMediaUsages>();

    /// <summary>Builds the context (<see cref="UiTestKit"/>, "used by" linking products) and signs in <paramref name="userId"/> of <paramref name="tenant"/> with <paramref name="policies"/>.</summary>
    public static async Task<LibraryTestKit> CreateAsync(
        string[]? policies = null,
        string tenant = "store-a",
        string userId = "user-1",
        Action<MediaKitUiOptions>? configureUi = null,
        Action<MediaKitOptions>? configureMediaKit = null)
    {
        var kit = await UiTestKit.CreateAsync(
            o =>
            {
                o.UsageLink = u => u.ResourceType == "product" ? $"/products/{u.ResourceId}" : null;
                configureUi?.Invoke(o);
            },
            tenant,
            userId,
            configureMediaKit);
        var library = new LibraryTestKit(kit);
        library.SignIn(userId, tenant, policies ?? Admin);
        return library;
    }

    /// <summary>Signs in a user: the authentication state components see, their policies, and the user MediaKit acts for.</summary>
    public void SignIn(string userId, string tenant, params string[] policies) => _kit.SignIn(userId, tenant, policies);

    /// <summary>Uploads a small generated PNG through the real store, as the signed-in user.</summary>
    public Task<MediaAsset> UploadImageAsync(string fileName, string collection = "products") => _kit.UploadImageAsync(fileName, collection);

    public ValueTask DisposeAsync() => _kit.DisposeAsync();
}
