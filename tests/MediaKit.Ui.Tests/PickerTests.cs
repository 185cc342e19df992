using AngleSharp.Dom;
using MediaKit.AspNetCore;
using MediaKit.Ui.Internal;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace MediaKit.Ui.Tests;

public sealed class PickerTests
{
    private const string Module = "./_content/MediaKit.Ui/mediakit.js";

    [Fact]
    public async Task Opens_as_a_labelled_modal_dialog_and_moves_focus_into_it()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var module = kit.Context.JSInterop.SetupModule(Module);
        module.Mode = JSRuntimeMode.Loose;
        var cut = Render(kit, multiple: true, label: "Gallery");

        Assert.Equal("Gallery", cut.Find(".mk-picker[role=group]").GetAttribute("aria-label"));
        PickerDom.Button(cut, "Select or upload").Click();

        var dialog = cut.Find("[role=dialog]");
        Assert.Equal("true", dialog.GetAttribute("aria-modal"));
        Assert.Equal("Choose media", cut.Find("#" + dialog.GetAttribute("aria-labelledby")).TextContent);
        var trap = Assert.Single(module.Invocations, i => i.Identifier == "trapFocus");
        Assert.Equal(dialog.GetAttribute("blazor:elementReference"), ((ElementReference)trap.Arguments[0]!).Id);
        var initial = (ElementReference)trap.Arguments[1]!;
        Assert.Equal("Library", cut.Find($"[blazor\\:elementReference='{initial.Id}']").TextContent);
        Assert.Equal(["Upload", "Library"], cut.FindAll("[role=tablist] [role=tab]").Select(t => t.TextContent));
        Assert.Equal("true", cut.Find("[role=listbox]").GetAttribute("aria-multiselectable"));
    }

    [Fact]
    public async Task Escape_closes_without_changing_the_value_and_returns_focus_to_the_button()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var a = await kit.UploadImageAsync("a.png");
        var b = await kit.UploadImageAsync("b.png");
        var changes = 0;
        var cut = Render(kit, multiple: true, value: [a.Id], changed: _ => changes++);

        PickerDom.Button(cut, "Select or upload").Click();
        PickerDom.Option(cut, "b.png").Click();
        Assert.Equal("true", PickerDom.Option(cut, "b.png").GetAttribute("aria-selected"));
        cut.Find("[role=dialog]").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.Empty(cut.FindAll("[role=dialog]"));
        Assert.Equal(0, changes);
        Assert.Equal([a.Id], cut.Instance.Value);
        var last = kit.Context.JSInterop.Invocations.Last();
        Assert.Equal("Blazor._internal.domWrapper.focus", last.Identifier);
        Assert.NotEqual(default, (ElementReference)last.Arguments[0]!);

        // Opening again starts from the value, not from the canceled choice.
        PickerDom.Button(cut, "Select or upload").Click();
        Assert.Equal("false", PickerDom.Option(cut, "b.png").GetAttribute("aria-selected"));
        Assert.Equal("true", PickerDom.Option(cut, "a.png").GetAttribute("aria-selected"));
        PickerDom.Button(cut, "Cancel").Click();
        Assert.Empty(cut.FindAll("[role=dialog]"));
        Assert.Equal(0, changes);
        _ = b;
    }

    [Fact]
    public async Task Selecting_two_files_then_confirming_sets_the_value_in_the_order_chosen()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var first = await kit.UploadImageAsync("first.png");
        var second = await kit.UploadImageAsync("second.png");
        await kit.UploadImageAsync("third.png");
        IReadOnlyList<Guid>? changed = null;
        var cut = Render(kit, multiple: true, changed: v => changed = v);

        PickerDom.Button(cut, "Select or upload").Click();
        PickerDom.Option(cut, "second.png").Click();
        PickerDom.Option(cut, "first.png").Click();

        Assert.Equal("1", PickerDom.Option(cut, "second.png").QuerySelector(".mk-card-order")!.TextContent);
        Assert.Equal("2", PickerDom.Option(cut, "first.png").QuerySelector(".mk-card-order")!.TextContent);
        Assert.Null(PickerDom.Option(cut, "third.png").QuerySelector(".mk-card-order"));
        PickerDom.Button(cut, "Use selected (2)").Click();

        Assert.Equal([second.Id, first.Id], changed);
        Assert.Empty(cut.FindAll("[role=dialog]"));
        Assert.Equal(["second.png", "first.png"], cut.FindAll(".mk-picker-chip-name").Select(e => e.TextContent));
    }

    [Fact]
    public async Task Clicking_a_selected_file_again_deselects_it_in_multiple_mode()
    {
        await using var kit = await UiTestKit.CreateAsync();
        await kit.UploadImageAsync("a.png");
        var b = await kit.UploadImageAsync("b.png");
        IReadOnlyList<Guid>? changed = null;
        var cut = Render(kit, multiple: true, changed: v => changed = v);

        PickerDom.Button(cut, "Select or upload").Click();
        PickerDom.Option(cut, "a.png").Click();
        PickerDom.Option(cut, "b.png").Click();
        PickerDom.Option(cut, "a.png").Click();
        PickerDom.Button(cut, "Use selected (1)").Click();

        Assert.Equal([b.Id], changed);
    }

    [Fact]
    public async Task The_selection_order_can_be_changed_in_the_dialog()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var a = await kit.UploadImageAsync("a.png");
        var b = await kit.UploadImageAsync("b.png");
        var c = await kit.UploadImageAsync("c.png");
        IReadOnlyList<Guid>? changed = null;
        var cut = Render(kit, multiple: true, changed: v => changed = v);

        PickerDom.Button(cut, "Select or upload").Click();
        PickerDom.Option(cut, "a.png").Click();
        PickerDom.Option(cut, "b.png").Click();
        PickerDom.Option(cut, "c.png").Click();
        PickerDom.Button(cut, "Move c.png earlier").Click();
        PickerDom.Button(cut, "Move a.png later").Click();

        Assert.Equal(["c.png", "a.png", "b.png"], cut.FindAll(".mk-selected-name").Select(e => e.TextContent));
        Assert.Equal("2", PickerDom.Option(cut, "a.png").QuerySelector(".mk-card-order")!.TextContent);
        Assert.True(PickerDom.Button(cut, "Move c.png earlier").HasAttribute("disabled"));
        Assert.True(PickerDom.Button(cut, "Move b.png later").HasAttribute("disabled"));
        PickerDom.Button(cut, "Deselect b.png").Click();
        PickerDom.Button(cut, "Use selected (2)").Click();

        Assert.Equal([c.Id, a.Id], changed);
        _ = b;
    }

    [Fact]
    public async Task Single_mode_replaces_the_selection_and_has_no_order_controls()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var a = await kit.UploadImageAsync("a.png");
        var b = await kit.UploadImageAsync("b.png");
        IReadOnlyList<Guid>? changed = null;
        var cut = Render(kit, multiple: false, value: [a.Id], changed: v => changed = v);

        PickerDom.Button(cut, "Select or upload").Click();
        Assert.Equal("false", cut.Find("[role=listbox]").GetAttribute("aria-multiselectable"));
        PickerDom.Option(cut, "b.png").Click();

        Assert.Equal("false", PickerDom.Option(cut, "a.png").GetAttribute("aria-selected"));
        Assert.Equal("true", PickerDom.Option(cut, "b.png").GetAttribute("aria-selected"));
        Assert.DoesNotContain(cut.FindAll("button"), e => e.GetAttribute("aria-label")?.StartsWith("Move", StringComparison.Ordinal) == true);
        PickerDom.Button(cut, "Use selected (1)").Click();

        Assert.Equal([b.Id], changed);
    }

    [Fact]
    public async Task Search_filters_through_the_store_after_typing_stops()
    {
        await using var kit = await UiTestKit.CreateAsync();
        await kit.UploadImageAsync("red-shoe.png");
        await kit.UploadImageAsync("blue-hat.png");
        var cut = Render(kit, multiple: true);

        PickerDom.Button(cut, "Select or upload").Click();
        Assert.Equal(2, cut.FindAll("[role=option]").Count);
        cut.Find($"#{cut.FindAll("label").Single(l => l.TextContent == "Search media").GetAttribute("for")}").Input("shoe");

        cut.WaitForAssertion(() => Assert.Equal(["red-shoe.png"], cut.FindAll("[role=option]").Select(o => o.GetAttribute("aria-label"))), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_collection_filter_starts_at_the_collection_and_can_show_all()
    {
        await using var kit = await UiTestKit.CreateAsync();
        await kit.UploadImageAsync("product.png", "products");
        await kit.UploadImageAsync("banner.png", "banners");
        var cut = Render(kit, multiple: true);

        PickerDom.Button(cut, "Select or upload").Click();
        var select = PickerDom.Labelled(cut, "Collection");
        Assert.Equal("products", select.GetAttribute("value"));
        Assert.Equal(["product.png"], cut.FindAll("[role=option]").Select(o => o.GetAttribute("aria-label")));

        select.Change("");
        Assert.Equal(["banner.png", "product.png"], cut.FindAll("[role=option]").Select(o => o.GetAttribute("aria-label")));
        Assert.Equal("All collections", select.QuerySelector("option[value='']")!.TextContent);

        PickerDom.Labelled(cut, "Kind").Change(nameof(MediaKind.Document));
        Assert.Empty(cut.FindAll("[role=option]"));
    }

    [Fact]
    public async Task Load_more_continues_with_the_cursor_until_the_last_page()
    {
        await using var kit = await UiTestKit.CreateAsync(o => o.PageSize = 2);
        foreach (var name in new[] { "1.png", "2.png", "3.png", "4.png", "5.png" })
        {
            await kit.UploadImageAsync(name);
        }

        var cut = Render(kit, multiple: true);
        PickerDom.Button(cut, "Select or upload").Click();
        Assert.Equal(2, cut.FindAll("[role=option]").Count);

        PickerDom.Button(cut, "Load more").Click();
        Assert.Equal(4, cut.FindAll("[role=option]").Count);
        PickerDom.Button(cut, "Load more").Click();

        Assert.Equal(["5.png", "4.png", "3.png", "2.png", "1.png"], cut.FindAll("[role=option]").Select(o => o.GetAttribute("aria-label")));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent == "Load more");
    }

    [Fact]
    public async Task The_end_of_the_grid_scrolling_into_view_loads_the_next_page()
    {
        await using var kit = await UiTestKit.CreateAsync(o => o.PageSize = 2);
        foreach (var name in new[] { "1.png", "2.png", "3.png" })
        {
            await kit.UploadImageAsync(name);
        }

        var module = kit.Context.JSInterop.SetupModule(Module);
        module.Mode = JSRuntimeMode.Loose;
        var cut = Render(kit, multiple: true);
        PickerDom.Button(cut, "Select or upload").Click();
        var observe = Assert.Single(module.Invocations, i => i.Identifier == "observeEnd");
        var callbacks = (DotNetObjectReference<PickerCallbacks>)observe.Arguments[2]!;
        Assert.Equal(nameof(PickerCallbacks.LoadMore), observe.Arguments[3]);

        await cut.InvokeAsync(callbacks.Value.LoadMore);

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[role=option]").Count));
    }

    [Fact]
    public async Task Thumbnails_of_the_first_screen_are_eager_the_rest_lazy_with_their_size_and_the_preview_shows_the_facts()
    {
        await using var kit = await UiTestKit.CreateAsync();
        await kit.UploadImageAsync("red-shoe.png");
        for (var i = 0; i < 24; i++)
        {
            await kit.UploadImageAsync($"filler-{i:00}.png");
        }

        var cut = Render(kit, multiple: true);

        PickerDom.Button(cut, "Select or upload").Click();

        // Newest first: the 24 fillers fill the first screen (fetched at once); the oldest file loads as it scrolls in.
        var images = cut.FindAll("[role=listbox] [role=option] img");
        Assert.Equal(25, images.Count);
        Assert.All(images.Take(24), i => Assert.Equal("eager", i.GetAttribute("loading")));
        var option = PickerDom.Option(cut, "red-shoe.png");
        var img = option.QuerySelector("img")!;
        Assert.Equal("lazy", img.GetAttribute("loading"));
        // The core pipeline without an imaging package does not measure PNGs: the box is square then.
        Assert.Equal("150", img.GetAttribute("width"));
        Assert.Equal("150", img.GetAttribute("height"));
        Assert.False(string.IsNullOrEmpty(img.GetAttribute("src")));

        option.Click();
        var facts = cut.Find(".mk-preview-facts").TextContent;
        Assert.Contains("red-shoe.png", facts, StringComparison.Ordinal);
        Assert.Contains("image/png", facts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_thumbnail_is_the_smallest_webp_variant_sized_to_its_box_without_a_lookup()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var id = Guid.CreateVersion7();
        var asset = new MediaAsset
        {
            Id = id, TenantId = "store-a", Collection = "products", FileName = "wide.jpg", ContentType = "image/jpeg", Kind = MediaKind.Image,
            Width = 1600, Height = 1200, Length = 300_000,
            Variants =
            [
                new MediaVariant { AssetId = id, Name = "thumb-150", ContentType = "image/jpeg", Width = 150, Height = 113 },
                new MediaVariant { AssetId = id, Name = "thumb-150-webp", ContentType = "image/webp", Width = 150, Height = 113 },
                new MediaVariant { AssetId = id, Name = "thumb-800-webp", ContentType = "image/webp", Width = 800, Height = 600 },
            ],
        };

        var item = await PickerItem.FromAsync(asset, kit.Context.Services.GetRequiredService<IMediaUrls>(), CancellationToken.None);

        Assert.Equal((150, 113), (item.ThumbnailWidth, item.ThumbnailHeight));
        Assert.Equal((await kit.Context.Services.GetRequiredService<IMediaUrls>().GetUrlAsync(asset, "thumb-150-webp"))!.Url, item.ThumbnailUrl);
        Assert.Equal((await kit.Context.Services.GetRequiredService<IMediaUrls>().GetUrlAsync(asset, "thumb-800-webp"))!.Url, item.PreviewUrl);
        Assert.NotEqual(item.ThumbnailUrl, item.PreviewUrl);
        Assert.Equal("293 KB", item.SizeText);
    }

    [Fact]
    public async Task The_field_lists_the_value_and_removes_or_moves_a_file()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var a = await kit.UploadImageAsync("a.png");
        var b = await kit.UploadImageAsync("b.png");
        var c = await kit.UploadImageAsync("c.png");
        IReadOnlyList<Guid>? changed = null;
        var cut = Render(kit, multiple: true, value: [a.Id, b.Id, c.Id], changed: v => changed = v);

        Assert.Equal(["a.png", "b.png", "c.png"], cut.FindAll(".mk-picker-chip-name").Select(e => e.TextContent));
        Assert.True(PickerDom.Button(cut, "Move a.png up").HasAttribute("disabled"));
        PickerDom.Button(cut, "Move c.png up").Click();
        Assert.Equal([a.Id, c.Id, b.Id], changed);

        PickerDom.Button(cut, "Remove a.png").Click();
        Assert.Equal([c.Id, b.Id], changed);
        Assert.Equal(["c.png", "b.png"], cut.FindAll(".mk-picker-chip-name").Select(e => e.TextContent));

        PickerDom.Button(cut, "Move c.png down").Click();
        Assert.Equal([b.Id, c.Id], changed);
    }

    [Fact]
    public async Task Files_of_another_tenant_are_neither_listed_nor_shown_in_the_field()
    {
        await using var kit = await UiTestKit.CreateAsync(tenant: "store-b", userId: "bob");
        var foreign = await kit.UploadImageAsync("secret.png");
        kit.SignIn("alice", "store-a");
        var own = await kit.UploadImageAsync("mine.png");
        var cut = Render(kit, multiple: true, value: [foreign.Id]);

        Assert.Equal(["Unavailable file"], cut.FindAll(".mk-picker-chip-name").Select(e => e.TextContent));
        Assert.DoesNotContain("secret.png", cut.Markup, StringComparison.Ordinal);
        PickerDom.Button(cut, "Select or upload").Click();
        PickerDom.Labelled(cut, "Collection").Change("");

        Assert.Equal(["mine.png"], cut.FindAll("[role=option]").Select(o => o.GetAttribute("aria-label")));
        _ = own;
    }

    [Fact]
    public async Task Uploaded_files_join_the_selection_and_the_library_refreshes()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var existing = await kit.UploadImageAsync("existing.png");
        var module = kit.Context.JSInterop.SetupModule(Module);
        module.Mode = JSRuntimeMode.Loose;
        IReadOnlyList<Guid>? changed = null;
        var cut = Render(kit, multiple: true, value: [existing.Id], changed: v => changed = v);
        PickerDom.Button(cut, "Select or upload").Click();
        PickerDom.Button(cut, "Upload").Click();
        Assert.Equal("true", PickerDom.Button(cut, "Upload").GetAttribute("aria-selected"));
        cut.WaitForState(() => module.Invocations.Any(i => i.Identifier == "initUploadZone"));
        var init = module.Invocations.First(i => i.Identifier == "initUploadZone");
        Assert.EndsWith("/api/media/upload?collection=products", (string)init.Arguments[3]!.GetType().GetProperty("url")!.GetValue(init.Arguments[3])!, StringComparison.Ordinal);
        var callbacks = ((DotNetObjectReference<UploadCallbacks>)init.Arguments[2]!).Value;

        // What the browser's requests did: the server stored one file (simulated by a real upload) and refused the other.
        var uploaded = await kit.UploadImageAsync("new-shoe.png");
        await cut.InvokeAsync(() => callbacks.Started("b1", [new UploadFileInfo("f1", "new-shoe.png", 200), new UploadFileInfo("f2", "virus.exe", 10)]));
        await cut.InvokeAsync(() => callbacks.Progress("b1", "f1", 100, 200));
        Assert.Equal("100", cut.Find("progress[aria-label='Upload progress of new-shoe.png']").GetAttribute("value"));
        await cut.InvokeAsync(() => callbacks.Completed("b1", "f1", 200, UploadJson(uploaded)));
        Assert.DoesNotContain(uploaded.Id, cut.Instance.Selection);
        await cut.InvokeAsync(() => callbacks.Completed("b1", "f2", 415, """{"title":"Refused","detail":"Not accepted.","status":415,"code":"media.type_not_allowed"}"""));

        Assert.Equal([existing.Id, uploaded.Id], cut.Instance.Selection);
        Assert.Contains("Not accepted. (media.type_not_allowed)", cut.Markup, StringComparison.Ordinal);
        PickerDom.Button(cut, "Library").Click();
        Assert.Equal("true", PickerDom.Option(cut, "new-shoe.png").GetAttribute("aria-selected"));
        PickerDom.Button(cut, "Use selected (2)").Click();
        Assert.Equal([existing.Id, uploaded.Id], changed);
    }

    [Fact]
    public async Task Arrow_keys_switch_tabs()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var cut = Render(kit, multiple: false);
        PickerDom.Button(cut, "Select or upload").Click();

        PickerDom.Button(cut, "Library").KeyDown(new KeyboardEventArgs { Key = "ArrowLeft" });

        Assert.Equal("true", PickerDom.Button(cut, "Upload").GetAttribute("aria-selected"));
        Assert.True(cut.Find("#" + PickerDom.Button(cut, "Library").GetAttribute("aria-controls")).HasAttribute("hidden"));
        Assert.False(cut.Find("#" + PickerDom.Button(cut, "Upload").GetAttribute("aria-controls")).HasAttribute("hidden"));
    }

    private static string UploadJson(MediaAsset asset) => $$"""
        {"items":[{"fileName":"{{asset.FileName}}","asset":{"id":"{{asset.Id}}","collection":"{{asset.Collection}}","fileName":"{{asset.FileName}}",
        "title":null,"altText":null,"tags":[],"contentType":"image/png","kind":"image","length":{{asset.Length}},"width":4,"height":3,
        "durationSeconds":null,"status":"ready","createdAt":"2026-01-01T00:00:00+00:00","updatedAt":"2026-01-01T00:00:00+00:00",
        "deletedAt":null,"url":"/media/{{asset.Id}}/content","variants":[]},"error":null}]}
        """;

    private static IRenderedComponent<MediaPicker> Render(UiTestKit kit, bool multiple, IReadOnlyList<Guid>? value = null, Action<IReadOnlyList<Guid>>? changed = null, string? label = null)
        => kit.Context.Render<MediaPicker>(p =>
        {
            p.Add(x => x.Collection, "products").Add(x => x.Multiple, multiple).Add(x => x.Value, value ?? []);
            p.Add(x => x.ValueChanged, (IReadOnlyList<Guid> v) => changed?.Invoke(v));
            if (label is not null)
            {
                p.Add(x => x.Label, label);
            }
        });
}

/// <summary>Finds elements the way a person using a screen reader names them.</summary>
internal static class PickerDom
{
    public static IElement Button<T>(IRenderedComponent<T> cut, string name) where T : IComponent
        => cut.FindAll("button").Single(b => (b.GetAttribute("aria-label") ?? b.TextContent.Trim()) == name);

    public static IElement Option<T>(IRenderedComponent<T> cut, string name) where T : IComponent
        => cut.FindAll("[role=option]").Single(o => o.GetAttribute("aria-label") == name);

    public static IElement Labelled<T>(IRenderedComponent<T> cut, string label) where T : IComponent
        => cut.Find("#" + cut.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for"));
}
