using AngleSharp.Dom;
using MediaKit.AspNetCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.Ui.Tests;

public sealed class LibraryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Lists_the_tenants_files_with_their_total_and_search_narrows_them()
    {
        await using var kit = await LibraryTestKit.CreateAsync();
        await kit.UploadImageAsync("red-shoe.png");
        await kit.UploadImageAsync("blue-hat.png");

        var cut = kit.Context.Render<MediaLibrary>();

        cut.WaitForAssertion(() => Assert.Equal(["blue-hat.png", "red-shoe.png"], CardNames(cut)), Wait);
        Assert.Equal("2 files", cut.Find(".mk-total").TextContent.Trim());
        Assert.NotNull(cut.Find("input[aria-label='Select red-shoe.png']"));

        cut.Find("input[type=search]").Input("shoe");

        cut.WaitForAssertion(() => Assert.Equal(["red-shoe.png"], CardNames(cut)), Wait);
        Assert.Equal("1 file", cut.Find(".mk-total").TextContent.Trim());
    }

    [Fact]
    public async Task The_list_view_is_a_table_with_usage_counts()
    {
        await using var kit = await LibraryTestKit.CreateAsync();
        var used = await kit.UploadImageAsync("used.png");
        await kit.UploadImageAsync("free.png");
        await kit.Usages.SetAsync("product", "12", "gallery", [used.Id]);
        var cut = kit.Context.Render<MediaLibrary>();
        cut.WaitForAssertion(() => Assert.Equal(2, CardNames(cut).Count), Wait);

        Button(cut, "List view").Click();

        Assert.Equal("true", Button(cut, "List view").GetAttribute("aria-pressed"));
        Assert.Equal("false", Button(cut, "Grid view").GetAttribute("aria-pressed"));
        var headers = cut.FindAll("table.mk-table thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Selected", "Name", "Kind", "Collection", "Dimensions", "Size", "Uploaded", "Used by"], headers);
        var usedRow = cut.FindAll("table.mk-table tbody tr").Single(r => r.TextContent.Contains("used.png", StringComparison.Ordinal));
        Assert.Equal("1", usedRow.Children.Last().TextContent.Trim());
        Assert.Equal("products", usedRow.Children[3].TextContent.Trim());
    }

    [Fact]
    public async Task Bulk_delete_deletes_the_unused_file_and_refuses_the_used_one_with_its_usages_until_forced()
    {
        await using var kit = await LibraryTestKit.CreateAsync();
        var free = await kit.UploadImageAsync("free.png");
        var used = await kit.UploadImageAsync("used.png");
        await kit.Usages.SetAsync("product", "12", "gallery", [used.Id]);
        var cut = kit.Context.Render<MediaLibrary>();
        cut.WaitForAssertion(() => Assert.Equal(2, CardNames(cut).Count), Wait);

        cut.Find("input[aria-label='Select free.png']").Change(true);
        cut.Find("input[aria-label='Select used.png']").Change(true);
        Assert.Equal("2 selected", cut.Find(".mk-bulk-count").TextContent.Trim());
        Button(cut, "Delete selected").Click();

        cut.WaitForAssertion(() => Assert.Equal("1 file deleted; 1 refused: used by product 12", Status(cut)), Wait);
        Assert.Null(await kit.Store.FindAsync(free.Id));
        Assert.NotNull(await kit.Store.FindAsync(used.Id));
        Assert.Equal(["used.png"], CardNames(cut));
        var refusal = cut.Find(".mk-refusals");
        Assert.Contains("used.png", refusal.TextContent, StringComparison.Ordinal);
        Assert.Equal("/products/12", refusal.QuerySelector("a")!.GetAttribute("href"));

        Button(cut, "Delete anyway: used.png").Click();

        cut.WaitForAssertion(() => Assert.Equal("1 file deleted", Status(cut)), Wait);
        Assert.Null(await kit.Store.FindAsync(used.Id));
        Assert.Empty(cut.FindAll(".mk-refusals"));
    }

    [Fact]
    public async Task The_trash_lists_deleted_files_and_restore_brings_them_back()
    {
        await using var kit = await LibraryTestKit.CreateAsync();
        var gone = await kit.UploadImageAsync("gone.png");
        await kit.UploadImageAsync("kept.png");
        await kit.Store.DeleteAsync(gone.Id);
        var cut = kit.Context.Render<MediaLibrary>();
        cut.WaitForAssertion(() => Assert.Equal(["kept.png"], CardNames(cut)), Wait);

        Button(cut, "Trash").Click();

        cut.WaitForAssertion(() => Assert.Equal(["gone.png"], CardNames(cut)), Wait);
        Assert.Equal("true", Button(cut, "Trash").GetAttribute("aria-pressed"));
        Assert.Equal("1 file in the trash", cut.Find(".mk-total").TextContent.Trim());
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Delete selected");
        cut.Find("input[aria-label='Select gone.png']").Change(true);
        Button(cut, "Restore selected").Click();

        cut.WaitForAssertion(() => Assert.Equal("1 file restored", Status(cut)), Wait);
        Assert.NotNull(await kit.Store.FindAsync(gone.Id));
        Assert.Empty(CardNames(cut));
    }

    [Fact]
    public async Task The_details_panel_shows_facts_variants_url_and_used_by_links_and_closes_on_escape()
    {
        await using var kit = await LibraryTestKit.CreateAsync();
        var asset = await kit.UploadImageAsync("shoe.png");
        await kit.Usages.SetAsync("product", "12", "gallery", [asset.Id]);
        await kit.Usages.SetAsync("course", "7", "cover", [asset.Id]);
        var cut = kit.Context.Render<MediaLibrary>();
        cut.WaitForAssertion(() => Assert.Single(CardNames(cut)), Wait);

        cut.Find(".mk-card-open").Click();

        var dialog = cut.WaitForElement("[role=dialog]", Wait);
        var title = cut.Find($"#{dialog.GetAttribute("aria-labelledby")}");
        Assert.Equal("Details of shoe.png", title.TextContent.Trim());
        Assert.Contains("image/png", dialog.TextContent, StringComparison.Ordinal);
        Assert.Contains("user-1", dialog.TextContent, StringComparison.Ordinal);
        var uses = dialog.QuerySelectorAll(".mk-used-by li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["product 12 (gallery)", "course 7 (cover)"], uses);
        Assert.Equal("/products/12", dialog.QuerySelector(".mk-used-by a")!.GetAttribute("href"));
        Assert.Single(dialog.QuerySelectorAll(".mk-used-by a")); // no link for courses: UsageLink returned null
        Assert.Contains($"/{asset.Id}/content?v=", dialog.QuerySelector("input[readonly]")!.GetAttribute("value"), StringComparison.Ordinal);

        Button(cut, "Copy URL").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.FindAll("button").SingleOrDefault(b => b.TextContent.Trim() == "Copied")), Wait);
        Assert.Contains(kit.Context.JSInterop.Invocations, i => i.Identifier == "copyText");

        dialog.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[role=dialog]")), Wait);
        Assert.Contains(kit.Context.JSInterop.Invocations, i => i.Identifier == "focusById");
    }

    [Fact]
    public async Task Details_save_edits_and_shows_typed_errors()
    {
        await using var kit = await LibraryTestKit.CreateAsync();
        var asset = await kit.UploadImageAsync("shoe.png");
        var cut = kit.Context.Render<MediaLibrary>();
        cut.WaitForAssertion(() => Assert.Single(CardNames(cut)), Wait);
        cut.Find(".mk-card-open").Click();
        cut.WaitForElement("[role=dialog]", Wait);

        Labelled(cut, "Alt text").Input("A red shoe");
        Labelled(cut, "Tags").Input("red, shoes ,  sale");
        cut.Find(".mk-details-form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Saved shoe.png", Status(cut)), Wait);
        var saved = await kit.Store.FindAsync(asset.Id);
        Assert.Equal("A red shoe", saved!.AltText);
        Assert.Equal(["red", "shoes", "sale"], saved.Tags);

        Labelled(cut, "Title").Input(new string('x', 600));
        cut.Find(".mk-details-form").Submit();

        cut.WaitForAssertion(() => Assert.StartsWith("Not saved:", cut.Find(".mk-details-form [role=alert]").TextContent.Trim(), StringComparison.Ordinal), Wait);
        Assert.Null((await kit.Store.FindAsync(asset.Id))!.Title);
    }

    [Fact]
    public async Task Deleting_from_the_details_panel_shows_the_usages_that_refuse_it()
    {
        await using var kit = await LibraryTestKit.CreateAsync();
        var asset = await kit.UploadImageAsync("shoe.png");
        await kit.Usages.SetAsync("product", "12", "gallery", [asset.Id]);
        var cut = kit.Context.Render<MediaLibrary>();
        cut.WaitForAssertion(() => Assert.Single(CardNames(cut)), Wait);
        cut.Find(".mk-card-open").Click();
        cut.WaitForElement("[role=dialog]", Wait);

        Button(cut, "Delete").Click();

        cut.WaitForAssertion(() => Assert.Contains("Not deleted: used by product 12", cut.Find("[role=dialog] .mk-refusals").TextContent, StringComparison.Ordinal), Wait);
        Assert.NotNull(await kit.Store.FindAsync(asset.Id));
        Button(cut, "Delete anyway: shoe.png").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[role=dialog]")), Wait);
        Assert.Null(await kit.Store.FindAsync(asset.Id));
    }

    [Fact]
    public async Task A_user_without_the_manage_policy_sees_no_delete_or_edit_and_a_forced_delete_is_refused()
    {
        await using var kit = await LibraryTestKit.CreateAsync(LibraryTestKit.Staff);
        var asset = await kit.UploadImageAsync("shoe.png");
        var cut = kit.Context.Render<MediaLibrary>();
        cut.WaitForAssertion(() => Assert.Single(CardNames(cut)), Wait);

        cut.Find("input[aria-label='Select shoe.png']").Change(true);
        Assert.Equal("1 selected", cut.Find(".mk-bulk-count").TextContent.Trim());
        Assert.DoesNotContain(cut.FindAll("button, a"), e => e.TextContent.Contains("Delete", StringComparison.Ordinal) || e.TextContent.Contains("CSV", StringComparison.Ordinal));
        cut.Find(".mk-card-open").Click();
        cut.WaitForElement("[role=dialog]", Wait);
        Assert.Empty(cut.FindAll(".mk-details-form"));
        Assert.Empty(cut.FindAll("[role=dialog] .mk-details-actions"));

        await cut.InvokeAsync(() => cut.Instance.DeleteAsync([asset.Id], force: true));

        Assert.StartsWith("Refused", Status(cut), StringComparison.Ordinal);
        Assert.NotNull(await kit.Store.FindAsync(asset.Id));
    }

    [Fact]
    public async Task The_policy_is_checked_again_when_the_action_runs()
    {
        await using var kit = await LibraryTestKit.CreateAsync(LibraryTestKit.Admin);
        var asset = await kit.UploadImageAsync("shoe.png");
        var cut = kit.Context.Render<MediaLibrary>();
        cut.WaitForAssertion(() => Assert.Single(CardNames(cut)), Wait);
        cut.Find("input[aria-label='Select shoe.png']").Change(true);
        var delete = Button(cut, "Delete selected");

        kit.SignIn("user-1", "store-a", LibraryTestKit.Staff); // the role was taken away while the page was open
        delete.Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Refused", Status(cut), StringComparison.Ordinal), Wait);
        Assert.NotNull(await kit.Store.FindAsync(asset.Id));
    }

    [Fact]
    public async Task A_user_without_the_view_policy_sees_nothing_of_the_library()
    {
        await using var kit = await LibraryTestKit.CreateAsync([]);

        var cut = kit.Context.Render<MediaLibrary>();

        cut.WaitForAssertion(() => Assert.Equal("You do not have access to the media library.", cut.Find("[role=alert]").TextContent.Trim()), Wait);
        Assert.Empty(cut.FindAll("input, button"));
    }

    [Fact]
    public async Task A_reviewer_sees_the_queue_approves_and_rejects_with_a_required_reason()
    {
        await using var kit = await LibraryTestKit.CreateAsync(
            LibraryTestKit.Staff,
            userId: "uploader",
            configureMediaKit: o => o.Collections.Add("moderated", c =>
            {
                c.AcceptImages();
                c.ReviewTypes.Add("image/*");
            }));
        var first = await kit.UploadImageAsync("first.png", "moderated");
        var second = await kit.UploadImageAsync("second.png", "moderated");
        Assert.Equal(MediaAssetStatus.PendingReview, first.Status);

        var staffView = kit.Context.Render<MediaLibrary>();
        staffView.WaitForAssertion(() => Assert.Equal(2, CardNames(staffView).Count), Wait);
        Assert.Empty(staffView.FindAll(".mk-review"));

        kit.SignIn("reviewer", "store-a", LibraryTestKit.Admin);
        var cut = kit.Context.Render<MediaLibrary>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".mk-review-item").Count), Wait);
        Assert.Equal("Review queue 2", cut.Find(".mk-review h2").TextContent.Trim());

        Button(cut, "Approve first.png").Click();

        cut.WaitForAssertion(() => Assert.Equal("Approved first.png", Status(cut)), Wait);
        Assert.Equal(MediaAssetStatus.Ready, (await kit.Store.FindAsync(first.Id))!.Status);
        Assert.Single(cut.FindAll(".mk-review-item"));

        Button(cut, "Reject second.png").Click();
        cut.WaitForAssertion(() => Assert.Equal("Give a reason for rejecting second.png.", cut.Find(".mk-review-item [role=alert]").TextContent.Trim()), Wait);
        var review = kit.Context.Services.GetRequiredService<IMediaReview>();
        Assert.Equal([second.Id], (await review.ListPendingAsync()).Items.Select(a => a.Id));

        Labelled(cut, "Reason for rejecting second.png").Input("Blurry");
        Button(cut, "Reject second.png").Click();

        cut.WaitForAssertion(() => Assert.Equal("Rejected second.png", Status(cut)), Wait);
        Assert.Equal("Nothing is waiting for review.", cut.Find(".mk-review p").TextContent.Trim());
        kit.SignIn("uploader", "store-a", LibraryTestKit.Staff); // a rejected file is shown to its uploader (and reviewers) only
        var rejected = await kit.Store.FindAsync(second.Id);
        Assert.Equal(MediaAssetStatus.Rejected, rejected!.Status);
        Assert.Equal("Blurry", rejected.ReviewNote);
    }

    [Fact]
    public async Task The_csv_link_names_the_selected_ids_under_the_api_path()
    {
        await using var kit = await LibraryTestKit.CreateAsync(configureUi: o => o.ApiPath = "/media-api");
        var a = await kit.UploadImageAsync("a.png");
        var b = await kit.UploadImageAsync("b.png");
        await kit.UploadImageAsync("c.png");
        var cut = kit.Context.Render<MediaLibrary>();
        cut.WaitForAssertion(() => Assert.Equal(3, CardNames(cut).Count), Wait);

        cut.Find("input[aria-label='Select a.png']").Change(true);
        cut.Find("input[aria-label='Select b.png']").Change(true);

        var href = cut.FindAll("a").Single(l => l.TextContent.Trim() == "Download CSV").GetAttribute("href")!;
        Assert.StartsWith("/media-api/export.csv?ids=", href, StringComparison.Ordinal);
        var ids = href["/media-api/export.csv?ids=".Length..].Split(',').Select(Guid.Parse).Order().ToList();
        Assert.Equal(new[] { a.Id, b.Id }.Order(), ids);
    }

    [Fact]
    public async Task Select_all_on_page_selects_every_shown_file_and_csv_links_are_split_at_200_ids()
    {
        await using var kit = await LibraryTestKit.CreateAsync();
        for (var i = 0; i < 3; i++)
        {
            await kit.UploadImageAsync($"file-{i}.png");
        }

        var cut = kit.Context.Render<MediaLibrary>();
        cut.WaitForAssertion(() => Assert.Equal(3, CardNames(cut).Count), Wait);

        Labelled(cut, "Select all on page").Change(true);
        Assert.Equal("3 selected", cut.Find(".mk-bulk-count").TextContent.Trim());
        Labelled(cut, "Select all on page").Change(false);
        Assert.Empty(cut.FindAll(".mk-bulk-count"));
        Assert.Equal(200, MediaLibrary.MaxIdsPerCsvLink);
    }

    [Fact]
    public async Task Paging_loads_more_with_the_cursor()
    {
        await using var kit = await LibraryTestKit.CreateAsync(configureUi: o => o.PageSize = 2);
        for (var i = 0; i < 3; i++)
        {
            await kit.UploadImageAsync($"file-{i}.png");
        }

        var cut = kit.Context.Render<MediaLibrary>();
        cut.WaitForAssertion(() => Assert.Equal(2, CardNames(cut).Count), Wait);
        Assert.Equal("3 files", cut.Find(".mk-total").TextContent.Trim());

        Button(cut, "Load more").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, CardNames(cut).Count), Wait);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Load more");
        Assert.Equal(3, CardNames(cut).Distinct().Count());
    }

    [Fact]
    public async Task Filters_and_sort_change_the_listing()
    {
        await using var kit = await LibraryTestKit.CreateAsync();
        await kit.UploadImageAsync("b-product.png", "products");
        await kit.UploadImageAsync("a-banner.png", "banners");
        var cut = kit.Context.Render<MediaLibrary>(p => p.Add(x => x.Collection, "products"));
        cut.WaitForAssertion(() => Assert.Equal(["b-product.png"], CardNames(cut)), Wait);

        Labelled(cut, "Collection").Change("");
        cut.WaitForAssertion(() => Assert.Equal(2, CardNames(cut).Count), Wait);
        Labelled(cut, "Sort by").Change("name");
        cut.WaitForAssertion(() => Assert.Equal(["a-banner.png", "b-product.png"], CardNames(cut)), Wait);
        Labelled(cut, "Kind").Change("Document");
        cut.WaitForAssertion(() => Assert.Empty(CardNames(cut)), Wait);
        Assert.Equal("No files match.", cut.Find(".mk-empty").TextContent.Trim());
    }

    [Fact]
    public async Task Another_tenants_files_never_appear()
    {
        await using var kit = await LibraryTestKit.CreateAsync(tenant: "store-a");
        var theirs = await kit.UploadImageAsync("theirs.png");
        kit.SignIn("user-2", "store-b", LibraryTestKit.Admin);
        await kit.UploadImageAsync("mine.png");

        var cut = kit.Context.Render<MediaLibrary>();

        cut.WaitForAssertion(() => Assert.Equal(["mine.png"], CardNames(cut)), Wait);
        Button(cut, "Trash").Click();
        cut.WaitForAssertion(() => Assert.Empty(CardNames(cut)), Wait);
        await cut.InvokeAsync(() => cut.Instance.DeleteAsync([theirs.Id], force: true));
        Assert.Contains("not found", Status(cut), StringComparison.Ordinal);
        kit.SignIn("user-1", "store-a", LibraryTestKit.Admin);
        Assert.NotNull(await kit.Store.FindAsync(theirs.Id));
    }

    [Fact]
    public async Task After_an_upload_batch_the_library_offers_the_csv_of_exactly_those_files()
    {
        await using var kit = await LibraryTestKit.CreateAsync();
        var old = await kit.UploadImageAsync("old.png");
        var cut = kit.Context.Render<MediaLibrary>(p => p.Add(x => x.UploadCollections, ["banners"]));
        cut.WaitForAssertion(() => Assert.Single(CardNames(cut)), Wait);
        Assert.Equal(["banners"], Labelled(cut, "Upload to").QuerySelectorAll("option").Select(o => o.TextContent));
        Assert.Equal("banners", cut.FindComponent<MediaUploadZone>().Instance.Collection);

        // What the zone reports after its HTTP upload: here, files stored through the same store.
        var first = await kit.UploadImageAsync("new-1.png", "banners");
        var second = await kit.UploadImageAsync("new-2.png", "banners");
        IReadOnlyList<MediaUploadResult> results =
        [
            new("new-1.png", Response(first), null),
            new("new-2.png", Response(second), null),
            new("evil.svg", null, new MediaErrorResponse(MediaErrorCodes.TypeNotAllowed, "SVG is not accepted.")),
        ];
        await cut.InvokeAsync(() => cut.FindComponent<MediaUploadZone>().Instance.OnUploaded.InvokeAsync(results));

        cut.WaitForAssertion(() => Assert.Equal(3, CardNames(cut).Count), Wait);
        Assert.Equal("Uploaded 2 files, 1 failed", Status(cut));
        Assert.Contains("evil.svg: SVG is not accepted.", cut.Find(".mk-failures").TextContent, StringComparison.Ordinal);
        var href = cut.FindAll("a").Single(l => l.TextContent.Trim() == "Download CSV of URLs").GetAttribute("href")!;
        Assert.Equal($"/api/media/export.csv?ids={first.Id:D},{second.Id:D}", href);
        Assert.DoesNotContain(old.Id.ToString("D"), href, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_form_control_has_a_label()
    {
        await using var kit = await LibraryTestKit.CreateAsync();
        await kit.UploadImageAsync("shoe.png");
        var cut = kit.Context.Render<MediaLibrary>();
        cut.WaitForAssertion(() => Assert.Single(CardNames(cut)), Wait);
        cut.Find(".mk-card-open").Click();
        cut.WaitForElement("[role=dialog]", Wait);

        foreach (var control in cut.FindAll("input, select, textarea"))
        {
            var id = control.GetAttribute("id");
            var labelled = control.HasAttribute("aria-label")
                || (id is not null && cut.FindAll($"label[for='{id}']").Count == 1)
                || control.Closest("label") is not null;
            Assert.True(labelled, $"Unlabelled control: {control.OuterHtml}");
        }

        Assert.Equal("polite", cut.Find("[role=status]").GetAttribute("aria-live"));
    }

    private static MediaAssetResponse Response(MediaAsset a) => new(
        a.Id, a.Collection, a.FileName, a.Title, a.AltText, a.Tags, a.ContentType, a.Kind.ToString().ToLowerInvariant(), a.Length,
        a.Width, a.Height, a.DurationSeconds, "ready", a.CreatedAt, a.UpdatedAt, a.DeletedAt, $"/api/media/{a.Id}/content", []);

    private static List<string> CardNames(IRenderedComponent<MediaLibrary> cut)
        => [.. cut.FindAll(".mk-card-name").Select(e => e.TextContent.Trim())];

    private static string Status(IRenderedComponent<MediaLibrary> cut) => cut.Find("[role=status]").TextContent.Trim();

    /// <summary>The button whose accessible name (its text, hidden parts included) is <paramref name="name"/>.</summary>
    private static IElement Button(IRenderedComponent<MediaLibrary> cut, string name)
        => cut.FindAll("button").Single(b => string.Join(' ', b.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) == name);

    /// <summary>The control whose label reads <paramref name="label"/>.</summary>
    private static IElement Labelled(IRenderedComponent<MediaLibrary> cut, string label)
    {
        var element = cut.FindAll("label").Single(l => string.Join(' ', l.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) == label);
        return element.GetAttribute("for") is { } id ? cut.Find($"#{id}") : element.QuerySelector("input, select, textarea")!;
    }
}
