using System.Text.Json;
using MediaKit.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MediaKit.EndToEndTests;

/// <summary>
/// MediaKit.Ui's components in the sample store, driven like a user would: the picker on a product, the library's search,
/// bulk actions, refusals and CSV, uploads by drag and drop, and seed 003's approval of a chat attachment.
/// </summary>
[RequiresChromium]
[Collection(SampleAppCollection.Name)]
public sealed class ComponentFlowTests(SampleAppFixture app)
{
    private static readonly LocatorAssertionsToBeVisibleOptions s_visible = new() { Timeout = 20_000 };

    [Fact]
    public async Task Dropping_files_on_the_library_uploads_them_over_HTTP_with_progress_and_lists_them()
    {
        await using var session = await app.NewSessionAsync("acme-admin");
        var page = session.Page;
        await page.GotoAsync("/library");
        await WhenInteractiveAsync(page, () => page.GetByLabel("Upload to").SelectOptionAsync("products"));
        var name = $"dropped-{Guid.NewGuid():N}.png";
        var bytes = PngImages.Create(8001, 900, 700);

        // The bytes go to the HTTP upload endpoint (not through the circuit), and the browser reports their progress.
        var upload = page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.Contains("/api/media/upload", StringComparison.Ordinal), new() { Timeout = 20_000 });
        await DropFilesAsync(page.Locator(".mk-upload-zone").First, (name, "image/png", bytes));
        var request = await upload;
        Assert.Contains("collection=products", request.Url, StringComparison.Ordinal);

        var progress = page.GetByRole(AriaRole.Progressbar, new() { Name = $"Upload progress of {name}" });
        await Expect(progress).ToBeVisibleAsync(s_visible);
        await Expect(page.GetByText("Uploaded 1 file").First).ToBeVisibleAsync(s_visible);

        // The bar measured the request's bytes (the file and its multipart envelope) and ended full.
        var max = long.Parse(await progress.GetAttributeAsync("max") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(max, bytes.Length, bytes.Length + 4096);
        Assert.Equal(max.ToString(System.Globalization.CultureInfo.InvariantCulture), await progress.GetAttributeAsync("value"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download CSV of URLs" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToBeVisibleAsync(s_visible);
    }

    [Fact]
    public async Task A_product_gets_images_picked_from_the_library_in_the_order_chosen_and_one_removed_becomes_an_orphan()
    {
        var prefix = $"pick-{Guid.NewGuid():N}"[..13];
        var (first, second) = await UploadPairAsync(prefix, 8101);

        await using var session = await app.NewSessionAsync("acme-admin");
        var page = session.Page;
        await page.GotoAsync("/products/new");
        await WhenInteractiveAsync(page, () => page.GetByLabel("Name").FillAsync($"Product {prefix}"));
        await page.GetByLabel("Price (€)").FillAsync("49");

        // Pick both into the gallery, first then second, then reverse them on the field.
        var gallery = page.GetByRole(AriaRole.Group, new() { Name = "Gallery" });
        await gallery.GetByRole(AriaRole.Button, new() { Name = "Select or upload" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose media" });
        await dialog.GetByLabel("Search media").FillAsync(prefix);
        await Expect(dialog.GetByRole(AriaRole.Listbox, new() { Name = "Media files" }).GetByRole(AriaRole.Option)).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await dialog.GetByRole(AriaRole.Listbox, new() { Name = "Media files" }).GetByRole(AriaRole.Option, new() { Name = first.FileName }).ClickAsync();
        await dialog.GetByRole(AriaRole.Listbox, new() { Name = "Media files" }).GetByRole(AriaRole.Option, new() { Name = second.FileName }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use selected (2)" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(gallery.Locator("li")).ToHaveCountAsync(2);
        await Expect(gallery.Locator("li").First).ToContainTextAsync(first.FileName);
        await gallery.GetByRole(AriaRole.Button, new() { Name = $"Move {second.FileName} up" }).ClickAsync();
        await Expect(gallery.Locator("li").First).ToContainTextAsync(second.FileName);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save product" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/products/\d+$"), new() { Timeout = 20_000 });
        var productId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        // Both are used by the product, in the chosen order.
        using var api = app.Api("acme-admin");
        var usedFirst = await UsedByAsync(api, first.Id);
        var usedSecond = await UsedByAsync(api, second.Id);
        Assert.Contains(usedSecond, u => u.ResourceType == "product" && u.ResourceId == productId && u.Field == "gallery" && u.Position == 0);
        Assert.Contains(usedFirst, u => u.ResourceType == "product" && u.ResourceId == productId && u.Field == "gallery" && u.Position == 1);

        // Remove the first from the gallery: nothing uses it any more.
        await page.GotoAsync($"/products/{productId}/edit");
        var editGallery = page.GetByRole(AriaRole.Group, new() { Name = "Gallery" });
        await Expect(editGallery.Locator("li")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await WhenInteractiveAsync(page, () => editGallery.GetByRole(AriaRole.Button, new() { Name = $"Remove {first.FileName}" }).ClickAsync());
        await Expect(editGallery.Locator("li")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save product" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($@"/products/{productId}$"), new() { Timeout = 20_000 });

        Assert.Empty(await UsedByAsync(api, first.Id));
        Assert.NotEmpty(await UsedByAsync(api, second.Id));
    }

    [Fact]
    public async Task Deleting_an_image_in_use_from_the_library_is_refused_and_says_where_it_is_used()
    {
        var prefix = $"used-{Guid.NewGuid():N}"[..13];
        var (used, _) = await UploadPairAsync(prefix, 8201);
        await using var session = await app.NewSessionAsync("acme-admin");
        var page = session.Page;

        // Use it on a product through the picker first.
        await page.GotoAsync("/products/new");
        await WhenInteractiveAsync(page, () => page.GetByLabel("Name").FillAsync($"Product {prefix}"));
        var main = page.GetByRole(AriaRole.Group, new() { Name = "Main image" });
        await main.GetByRole(AriaRole.Button, new() { Name = "Select or upload" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose media" });
        await dialog.GetByLabel("Search media").FillAsync(used.FileName);
        await dialog.GetByRole(AriaRole.Listbox, new() { Name = "Media files" }).GetByRole(AriaRole.Option, new() { Name = used.FileName }).ClickAsync(new() { Timeout = 20_000 });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use selected (1)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save product" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/products/\d+$"), new() { Timeout = 20_000 });

        await page.GotoAsync("/library");
        await WhenInteractiveAsync(page, () => page.GetByLabel("Search media").FillAsync(prefix));
        await page.GetByLabel($"Select {used.FileName}").CheckAsync(new() { Timeout = 20_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete selected" }).ClickAsync();

        var refusal = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "in use" });
        await Expect(refusal).ToBeVisibleAsync(s_visible);
        await Expect(refusal).ToContainTextAsync("product");
        await Expect(refusal.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"/products/\d+"));

        // Still there, not in the trash.
        using var check = app.Api("acme-admin");
        using var details = await check.Http.GetAsync($"api/media/{used.Id}");
        Assert.True(details.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Search_narrows_the_library_and_bulk_delete_restore_and_CSV_work_on_the_selection()
    {
        var prefix = $"bulk-{Guid.NewGuid():N}"[..13];
        var (first, second) = await UploadPairAsync(prefix, 8301);

        await using var session = await app.NewSessionAsync("acme-admin");
        var page = session.Page;
        await page.GotoAsync("/library");
        await WhenInteractiveAsync(page, () => page.GetByLabel("Search media").FillAsync(prefix));
        var files = page.GetByRole(AriaRole.List, new() { Name = "Files" });
        await Expect(files.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(2, new() { Timeout = 20_000 });

        // The CSV of the selection, downloaded from the bulk bar.
        await page.GetByLabel("Select all on page").CheckAsync();
        await Expect(page.GetByText("2 selected")).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).First.ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("id,", csv, StringComparison.Ordinal);
        Assert.Contains(first.FileName, csv, StringComparison.Ordinal);
        Assert.Contains(second.FileName, csv, StringComparison.Ordinal);

        // Delete both; the trash has them; restore brings them back.
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete selected" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "2 files deleted" })).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Expect(files.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        using var api = app.Api("acme-admin");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await api.Http.GetAsync($"api/media/{first.Id}")).StatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "Trash" }).ClickAsync();
        await Expect(files.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await page.GetByLabel("Select all on page").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore selected" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "2 files restored" })).ToHaveCountAsync(1, new() { Timeout = 20_000 });

        await page.GetByRole(AriaRole.Button, new() { Name = "Trash" }).ClickAsync();
        await Expect(files.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        Assert.True((await api.Http.GetAsync($"api/media/{first.Id}")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task A_members_PDF_attachment_waits_for_review_and_its_approval_reaches_the_open_conversation_live()
    {
        var fileName = $"brief-{Guid.NewGuid():N}"[..14] + ".pdf";
        await using var member = await app.NewSessionAsync("acme-member");
        var page = member.Page;
        await page.GotoAsync("/conversations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Autumn window display" }).ClickAsync(new() { Timeout = 20_000 });
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/conversations/\d+$"));

        // Attach the PDF through the upload zone's file input, then send the message.
        await WhenInteractiveAsync(page, () => page.Locator(".mk-upload-input").First.SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = Pdf() }));
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = $"Upload progress of {fileName}" })).ToBeVisibleAsync(s_visible);
        await Expect(page.GetByText("1 uploaded").First).ToBeVisibleAsync(s_visible);
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("The supplier's brief, for review.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var waiting = page.GetByText("Waiting for review").Last;
        await Expect(waiting).ToBeVisibleAsync(s_visible);

        // Another member does not see it at all.
        await using (var other = await app.NewSessionAsync("acme-staff"))
        {
            using var api = app.Api("acme-staff");
            using var list = await api.Http.GetAsync($"api/media?search={Uri.EscapeDataString(fileName)}");
            Assert.DoesNotContain(fileName, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // An admin approves it in the review queue; the member's open page updates without a reload.
        await using var admin = await app.NewSessionAsync("acme-admin");
        await admin.Page.GotoAsync("/review");
        await WhenInteractiveAsync(admin.Page, () => admin.Page.GetByRole(AriaRole.Button, new() { Name = $"Approve {fileName}" }).ClickAsync(new() { Timeout = 20_000 }));
        await Expect(admin.Page.GetByText($"Approved {fileName}").First).ToBeVisibleAsync(s_visible);

        await Expect(page.GetByText($"{fileName} was approved.").First).ToBeAttachedAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Download {fileName}" })).ToBeVisibleAsync(s_visible);
    }

    [Fact]
    public async Task A_product_page_shows_its_images_responsively_with_their_size_set_and_the_right_variant_loaded()
    {
        await using var session = await app.NewSessionAsync("acme-member");
        var page = session.Page;
        await page.GotoAsync("/products");
        await page.GetByRole(AriaRole.List, new() { Name = "Products" }).GetByRole(AriaRole.Link).First.ClickAsync(new() { Timeout = 20_000 });
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/products/\d+$"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // The main image: eager, its width and height set (no layout shift), a srcset of the variants, a ThumbHash placeholder.
        var main = page.Locator("main img").First;
        Assert.Equal("eager", await main.GetAttributeAsync("loading"));
        Assert.NotNull(await main.GetAttributeAsync("width"));
        Assert.NotNull(await main.GetAttributeAsync("height"));
        Assert.Matches(@"\b\d+w\b", await main.GetAttributeAsync("srcset") ?? "");
        Assert.Contains("data:image/png;base64,", await main.GetAttributeAsync("style") ?? "", StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(await main.GetAttributeAsync("alt")));

        // The browser picked a variant, not the original, and it loaded.
        var loaded = await main.EvaluateAsync<string>("img => img.complete && img.naturalWidth > 0 ? img.currentSrc : ''");
        Assert.Contains("variant=", loaded, StringComparison.Ordinal);

        // The gallery strip's images are lazy and sized for 120 px: the browser takes a small variant.
        var strip = page.GetByRole(AriaRole.List, new() { Name = "Gallery" }).Locator("img");
        Assert.True(await strip.CountAsync() > 0);
        Assert.Equal("lazy", await strip.First.GetAttributeAsync("loading"));
        await Expect(strip.First).ToHaveJSPropertyAsync("complete", true, new() { Timeout = 20_000 });
        Assert.Matches("thumb-(150|300)", await strip.First.EvaluateAsync<string>("img => img.currentSrc"));
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the page's Blazor circuit is connected, so its events reach the server (a click
    /// on a prerendered but not yet interactive page would be lost).
    /// </summary>
    internal static async Task WhenInteractiveAsync(IPage page, Func<Task> action)
    {
        // MediaKit's components (and the review page) render data-mk-interactive="true" only once they run in the circuit.
        await page.WaitForFunctionAsync(
            "() => document.querySelector('[data-mk-interactive]') !== null && document.querySelector('[data-mk-interactive=false]') === null",
            null,
            new() { Timeout = 30_000, PollingInterval = 100 });
        await action();
    }

    private static async Task DropFilesAsync(ILocator zone, params (string Name, string Type, byte[] Bytes)[] files)
    {
        var transfer = await zone.Page.EvaluateHandleAsync(
            """
            (files) => {
              const dt = new DataTransfer();
              for (const f of files) {
                const bytes = Uint8Array.from(atob(f.data), c => c.charCodeAt(0));
                dt.items.add(new File([bytes], f.name, { type: f.type }));
              }
              return dt;
            }
            """,
            files.Select(f => new { name = f.Name, type = f.Type, data = Convert.ToBase64String(f.Bytes) }).ToArray());
        await zone.DispatchEventAsync("dragenter", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await zone.DispatchEventAsync("dragover", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await zone.DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = transfer });
    }

    private async Task<(MediaApiClient.UploadedAsset First, MediaApiClient.UploadedAsset Second)> UploadPairAsync(string prefix, int seed)
    {
        using var api = app.Api("acme-admin");
        var uploaded = await api.UploadAsync("products", [($"{prefix}-a.png", PngImages.Create(seed)), ($"{prefix}-b.png", PngImages.Create(seed + 1))]);
        return (uploaded[0], uploaded[1]);
    }

    private static async Task<IReadOnlyList<Usage>> UsedByAsync(MediaApiClient api, Guid id)
    {
        using var response = await api.Http.GetAsync($"api/media/{id}");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("usedBy", out var usedBy) && usedBy.ValueKind == JsonValueKind.Array
            ? [.. usedBy.EnumerateArray().Select(u => new Usage(u.GetProperty("resourceType").GetString()!, u.GetProperty("resourceId").GetString()!, u.GetProperty("field").GetString()!, u.GetProperty("position").GetInt32()))]
            : [];
    }

    private static byte[] Pdf()
        => "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private sealed record Usage(string ResourceType, string ResourceId, string Field, int Position);
}
