using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace MediaKit.EndToEndTests.Infrastructure;

/// <summary>
/// One sample app (a child process with a fresh data folder) and one headless Chromium, shared by every browser test of
/// the <see cref="SampleAppCollection"/>. Each test opens its own <see cref="BrowserSession"/> (a browser context, so its
/// own cookies) and its own assets, so tests do not see each other's state beyond the shared catalog.
/// </summary>
public sealed class SampleAppFixture : IAsyncLifetime
{
    private SampleAppProcess? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the app answers.</summary>
    internal Uri BaseAddress => App.BaseAddress;

    /// <summary>The running app.</summary>
    internal SampleAppProcess App => _app ?? throw new InvalidOperationException("The sample app is not started.");

    /// <summary>The shared browser.</summary>
    internal IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            // Only reached on CI (elsewhere the tests are skipped at discovery): fail with the way to fix it.
            throw new InvalidOperationException(Chromium.SkipReason);
        }

        _app = await SampleAppProcess.StartAsync();
        _playwright = await Chromium.CreatePlaywrightAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            // The app's log is kept next to the screenshots, whatever the outcome: the server side of a failed test.
            _app.SaveOutput("sample-app");
            await _app.DisposeAsync();
        }
    }

    /// <summary>A client of the HTTP API as <paramref name="account"/>, with its demo bearer token.</summary>
    internal MediaApiClient Api(string account) => new(BaseAddress, account);

    /// <summary>
    /// A new browser context (no cookies), signed in as <paramref name="account"/> through the sign-in form when one is
    /// given. Its pages are screenshot into <c>artifacts/e2e-screenshots/</c> when it is disposed, pass or fail.
    /// </summary>
    internal async Task<BrowserSession> NewSessionAsync(string? account, [CallerFilePath] string testFile = "", [CallerMemberName] string testName = "")
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString().TrimEnd('/'),
            AcceptDownloads = true,
            ViewportSize = new() { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        var session = new BrowserSession(context, await context.NewPageAsync(), $"{Path.GetFileNameWithoutExtension(testFile)}.{testName}");
        if (account is not null)
        {
            await session.SignInAsync(account);
        }

        return session;
    }
}

/// <summary>The browser tests that share one <see cref="SampleAppFixture"/>; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class SampleAppCollection : ICollectionFixture<SampleAppFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Sample app in Chromium";
}
