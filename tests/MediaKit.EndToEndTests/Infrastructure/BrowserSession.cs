using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MediaKit.EndToEndTests.Infrastructure;

/// <summary>
/// One browser context of a test (its own cookies) with its first page. Disposing it saves a full-page screenshot of each
/// of its open pages as <c>artifacts/e2e-screenshots/{test}[-n].png</c>, whether the test passed or failed, then closes it.
/// </summary>
internal sealed partial class BrowserSession(IBrowserContext context, IPage page, string testName) : IAsyncDisposable
{
    /// <summary>The browser context.</summary>
    public IBrowserContext Context { get; } = context;

    /// <summary>The first page.</summary>
    public IPage Page { get; } = page;

    /// <summary>The demo account signed in, if any.</summary>
    public string? Account { get; private set; }

    /// <summary>Signs in through the sample's sign-in form (<c>/account/sign-in</c>): picks the account, types the password, submits.</summary>
    public async Task SignInAsync(string account)
    {
        await Page.GotoAsync("/account/sign-in?returnUrl=%2Flibrary");
        await Page.Locator($"input[type=radio][name=account][value='{account}']").CheckAsync();
        await Page.GetByLabel("Password").FillAsync("demo");
        await Page.RunAndWaitForResponseAsync(
            () => Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/account/sign-in", StringComparison.Ordinal));
        await Page.WaitForLoadStateAsync(LoadState.Load);

        // A Floor Staff account is signed in but refused the library, and lands back on the sign-in page: the cookie is the proof.
        var cookies = await Context.CookiesAsync();
        if (!cookies.Any(c => c.Name == "store.auth"))
        {
            throw new InvalidOperationException($"Signing in as '{account}' set no store.auth cookie; the page is {Page.Url}.");
        }

        Account = account;
    }

    /// <summary>
    /// Where the page shows an asset by its file name, however the library renders it: as text, or as the accessible name,
    /// title or alternative text of a card or thumbnail.
    /// </summary>
    public ILocator AssetNamed(string fileName)
        => Page.Locator($"[aria-label='{fileName}'], [title='{fileName}'], img[alt='{fileName}']").Or(Page.GetByText(fileName)).First;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        var folder = RepositoryPaths.Artifacts("e2e-screenshots");
        var name = UnsafeFileCharacters().Replace(testName, "_");
        var index = 0;
        foreach (var open in Context.Pages.Where(p => !p.IsClosed))
        {
            var path = Path.Combine(folder, index == 0 ? $"{name}.png" : $"{name}-{index}.png");
            try
            {
                await open.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = 10_000 });
            }
            catch (PlaywrightException)
            {
                // A page that cannot paint (a crashed renderer, a download) has nothing to show.
            }

            index++;
        }

        await Context.CloseAsync();
    }

    [GeneratedRegex(@"[^A-Za-z0-9_.-]")]
    private static partial Regex UnsafeFileCharacters();
}
