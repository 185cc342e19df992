using Deque.AxeCore.Playwright;
using MediaKit.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MediaKit.EndToEndTests;

/// <summary>axe-core on the sample's pages: no violation of impact serious or critical.</summary>
[RequiresChromium]
[Collection(SampleAppCollection.Name)]
public sealed class AccessibilityTests(SampleAppFixture app, ITestOutputHelper output)
{
    private static readonly string[] s_blocking = ["serious", "critical"];

    [Fact]
    public async Task The_library_page_with_files_has_no_serious_or_critical_axe_violations()
    {
        var name = $"axe-{Guid.NewGuid():N}.png";
        using (var admin = app.Api("acme-admin"))
        {
            await admin.UploadAsync("products", [(name, PngImages.Create(7001)), ($"axe-second-{Guid.NewGuid():N}.png", PngImages.Create(7002))]);
        }

        await using var session = await app.NewSessionAsync("acme-admin");
        var page = session.Page;
        await page.GotoAsync("/library");
        await Expect(session.AssetNamed(name)).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await AssertNoBlockingViolationsAsync(page, "library");
    }

    [Fact]
    public async Task The_open_picker_has_no_serious_or_critical_axe_violations_and_keeps_focus_inside()
    {
        using (var admin = app.Api("acme-admin"))
        {
            await admin.UploadAsync("products", [($"axe-picker-{Guid.NewGuid():N}.png", PngImages.Create(7101))]);
        }

        await using var session = await app.NewSessionAsync("acme-admin");
        var page = session.Page;
        await page.GotoAsync("/products/new");
        var gallery = page.GetByRole(AriaRole.Group, new() { Name = "Gallery" });
        await ComponentFlowTests.WhenInteractiveAsync(page, () => gallery.GetByRole(AriaRole.Button, new() { Name = "Select or upload" }).ClickAsync());
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose media" });
        await Expect(dialog.GetByRole(AriaRole.Listbox, new() { Name = "Media files" }).GetByRole(AriaRole.Option).First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await AssertNoBlockingViolationsAsync(page, "picker");

        // Keyboard: Tab never leaves the modal, Escape closes it and gives focus back to the button that opened it.
        for (var i = 0; i < 25; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.True(await page.EvaluateAsync<bool>("() => !!document.activeElement.closest('[role=dialog]')"), $"Focus left the dialog after {i + 1} Tab presses.");
        }

        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(gallery.GetByRole(AriaRole.Button, new() { Name = "Select or upload" })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task The_sign_in_page_has_no_serious_or_critical_axe_violations()
    {
        await using var session = await app.NewSessionAsync(account: null);
        await session.Page.GotoAsync("/account/sign-in");
        await AssertNoBlockingViolationsAsync(session.Page, "sign-in");
    }

    /// <summary>Runs axe-core, keeps every finding (of any impact) in <c>artifacts/e2e-logs/axe-{name}.txt</c>, and fails on serious or critical ones.</summary>
    private async Task AssertNoBlockingViolationsAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var report = result.Violations
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} node(s): {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))})")
            .DefaultIfEmpty("no violations")
            .ToList();
        await File.WriteAllLinesAsync(Path.Combine(RepositoryPaths.Artifacts("e2e-logs"), $"axe-{name}.txt"), [$"axe-core on {page.Url}", .. report]);
        foreach (var line in report)
        {
            output.WriteLine(line);
        }

        var blocking = result.Violations.Where(v => s_blocking.Contains(v.Impact, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.True(blocking.Count == 0,
            $"axe-core found {blocking.Count} serious or critical violation(s) on {page.Url}:{Environment.NewLine}" + string.Join(Environment.NewLine, blocking.Select(v =>
                $"- {v.Impact} {v.Id}: {v.Help} — {string.Join("; ", v.Nodes.Take(5).Select(n => $"{n.Target} {n.Html}"))}")));
    }
}
