using MediaKit.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MediaKit.EndToEndTests;

/// <summary>
/// The sample as a newcomer first sees it (the demo store drawn on first run): the library, the open picker and a product
/// page render their demo content, and their screenshots are written to <c>artifacts/docs-screenshots/</c>. Run alone
/// (<c>--filter DocsScreenshotTests</c>, a fresh app with demo data only) to refresh the pictures in <c>docs/screenshots/</c>.
/// </summary>
[RequiresChromium]
[Collection(SampleAppCollection.Name)]
public sealed class DocsScreenshotTests(SampleAppFixture app)
{
    [Fact]
    public async Task The_library_the_open_picker_and_a_product_page_show_the_demo_store()
    {
        var folder = RepositoryPaths.Artifacts("docs-screenshots");
        await using var session = await app.NewSessionAsync("acme-admin");
        var page = session.Page;

        await page.GotoAsync("/library");
        var files = page.GetByRole(AriaRole.List, new() { Name = "Files" });
        await Expect(files.GetByRole(AriaRole.Button, new() { Name = "canvas-tote.jpg", Exact = true })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await ComponentFlowTests.WhenInteractiveAsync(page, () => page.WaitForLoadStateAsync(LoadState.NetworkIdle));
        await WaitForImagesAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "library.png"), FullPage = true });

        await page.GotoAsync("/products/1/edit");
        var gallery = page.GetByRole(AriaRole.Group, new() { Name = "Gallery" });
        await Expect(gallery.Locator("li").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "product-editor.png") });
        await ComponentFlowTests.WhenInteractiveAsync(page, () => gallery.GetByRole(AriaRole.Button, new() { Name = "Select or upload" }).ClickAsync());
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose media" });
        var options = dialog.GetByRole(AriaRole.Listbox, new() { Name = "Media files" }).GetByRole(AriaRole.Option);
        await Expect(options.First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.True(await options.CountAsync() >= 12);
        await WaitForImagesAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "picker.png") });

        await page.GotoAsync("/products/1");
        await Expect(page.Locator("main img").First).ToHaveJSPropertyAsync("complete", true, new() { Timeout = 20_000 });
        await WaitForImagesAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "product-page.png") });
    }

    private static Task WaitForImagesAsync(IPage page)
        => page.WaitForFunctionAsync(
            "() => [...document.images].filter(i => i.getBoundingClientRect().top < innerHeight).every(i => i.complete)",
            null,
            new() { Timeout = 20_000 });
}
