using MediaKit.AspNetCore;
using MediaKit.Ui.Internal;
using Microsoft.JSInterop;

namespace MediaKit.Ui.Tests;

public sealed class UploadZoneTests
{
    private const string Module = "./_content/MediaKit.Ui/mediakit.js";

    [Fact]
    public async Task The_zone_wires_the_input_and_the_drop_area_to_the_upload_endpoint_of_its_collection()
    {
        await using var kit = await UiTestKit.CreateAsync(o => o.ApiPath = "/admin/media");
        var module = kit.Context.JSInterop.SetupModule(Module);
        module.Mode = JSRuntimeMode.Loose;

        var cut = kit.Context.Render<MediaUploadZone>(p => p.Add(x => x.Collection, "banners").Add(x => x.Multiple, false).Add(x => x.Accept, "image/*"));

        var input = cut.Find("input[type=file]");
        Assert.Equal("Choose files", input.ParentElement!.TextContent.Trim());
        Assert.Equal("LABEL", input.ParentElement.TagName);
        Assert.Equal("image/*", input.GetAttribute("accept"));
        Assert.False(input.HasAttribute("multiple"));
        var init = Assert.Single(module.Invocations, i => i.Identifier == "initUploadZone");
        var options = init.Arguments[3]!;
        Assert.Equal("http://localhost/admin/media/upload?collection=banners", options.GetType().GetProperty("url")!.GetValue(options));
        Assert.Equal(false, options.GetType().GetProperty("multiple")!.GetValue(options));
    }

    [Fact]
    public async Task Progress_and_outcomes_are_shown_per_file_and_OnUploaded_fires_once_per_batch()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var module = kit.Context.JSInterop.SetupModule(Module);
        module.Mode = JSRuntimeMode.Loose;
        var raised = new List<IReadOnlyList<MediaUploadResult>>();
        var cut = kit.Context.Render<MediaUploadZone>(p => p.Add(x => x.Collection, "products").Add(x => x.OnUploaded, (IReadOnlyList<MediaUploadResult> r) => raised.Add(r)));
        var callbacks = ((DotNetObjectReference<UploadCallbacks>)module.Invocations.Single(i => i.Identifier == "initUploadZone").Arguments[2]!).Value;
        var asset = await kit.UploadImageAsync("cat.png");

        await cut.InvokeAsync(() => callbacks.Started("b1", [new UploadFileInfo("f1", "cat.png", 1000), new UploadFileInfo("f2", "big.png", 5000)]));
        Assert.Equal("Waiting", cut.FindAll(".mk-upload-status")[1].TextContent);
        await cut.InvokeAsync(() => callbacks.Progress("b1", "f1", 500, 1000));

        var progress = cut.Find("progress[aria-label='Upload progress of cat.png']");
        Assert.Equal(("1000", "500"), (progress.GetAttribute("max"), progress.GetAttribute("value")));
        Assert.Equal("50 %", cut.FindAll(".mk-upload-status")[0].TextContent);
        Assert.NotNull(cut.Find("button[aria-label='Stop uploading cat.png']"));

        await cut.InvokeAsync(() => callbacks.Completed("b1", "f1", 200, $$"""{"items":[{"fileName":"cat.png","asset":{"id":"{{asset.Id}}","collection":"products","fileName":"cat.png","tags":[],"contentType":"image/png","kind":"image","length":1000,"status":"ready","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","url":"/x","variants":[]},"error":null}]}"""));
        Assert.Equal("Uploaded", cut.FindAll(".mk-upload-status")[0].TextContent);
        Assert.Empty(raised);

        await cut.InvokeAsync(() => callbacks.Completed("b1", "f2", 413, """{"title":"Too large","status":413,"detail":"big.png is larger than 1 MB.","code":"media.too_large"}"""));

        Assert.Equal("big.png is larger than 1 MB. (media.too_large)", cut.FindAll(".mk-upload-status")[1].TextContent);
        var results = Assert.Single(raised);
        Assert.Equal(asset.Id, results[0].Asset!.Id);
        Assert.Equal(MediaErrorCodes.TooLarge, results[1].Error!.Code);
        Assert.Contains("1 uploaded, 1 failed", cut.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("button[aria-label^='Stop uploading']"));
    }

    [Fact]
    public async Task Stop_asks_the_browser_to_abort_and_its_report_finishes_the_file()
    {
        await using var kit = await UiTestKit.CreateAsync();
        var module = kit.Context.JSInterop.SetupModule(Module);
        var handle = module.SetupModule("initUploadZone", _ => true);
        handle.Mode = JSRuntimeMode.Loose;
        module.Mode = JSRuntimeMode.Loose;
        IReadOnlyList<MediaUploadResult>? raised = null;
        var cut = kit.Context.Render<MediaUploadZone>(p => p.Add(x => x.Collection, "products").Add(x => x.OnUploaded, (IReadOnlyList<MediaUploadResult> r) => raised = r));
        var callbacks = ((DotNetObjectReference<UploadCallbacks>)module.Invocations.Single(i => i.Identifier == "initUploadZone").Arguments[2]!).Value;
        await cut.InvokeAsync(() => callbacks.Started("b1", [new UploadFileInfo("f1", "movie.mp4", 100_000_000)]));
        await cut.InvokeAsync(() => callbacks.Progress("b1", "f1", 10_000_000, 100_000_000));

        cut.Find("button[aria-label='Stop uploading movie.mp4']").Click();

        var cancel = Assert.Single(handle.Invocations, i => i.Identifier == "cancel");
        Assert.Equal("f1", cancel.Arguments[0]);
        await cut.InvokeAsync(() => callbacks.Canceled("b1", "f1"));
        Assert.Equal("Canceled", cut.Find(".mk-upload-status").TextContent);
        Assert.Equal(UploadBatch.CanceledMessage, Assert.Single(raised!).Error!.Message);
    }
}
