using System.Text.Json;
using MediaKit.AspNetCore;
using MediaKit.Ui.Internal;

namespace MediaKit.Ui.Tests;

public sealed class UploadBatchTests
{
    private static UploadBatch TwoFiles() => new("b1", [new UploadFileInfo("f1", "red-shoe.png", 1000), new UploadFileInfo("f2", "notes.exe", 500)]);

    private static string SuccessJson(Guid id, string fileName) => $$"""
        {"items":[{"fileName":"{{fileName}}","asset":{"id":"{{id}}","collection":"products","fileName":"{{fileName}}","title":null,"altText":null,
        "tags":[],"contentType":"image/png","kind":"image","length":1000,"width":4,"height":3,"durationSeconds":null,"status":"ready",
        "createdAt":"2026-01-01T00:00:00+00:00","updatedAt":"2026-01-01T00:00:00+00:00","deletedAt":null,"url":"/media/{{id}}/content",
        "variants":[{"name":"thumb-150","contentType":"image/png","length":90,"width":150,"height":113,"url":"/media/{{id}}/thumb-150"}]},"error":null}]}
        """;

    [Fact]
    public void Progress_moves_a_queued_file_to_uploading_and_only_forward()
    {
        var batch = TwoFiles();
        Assert.All(batch.Files, f => Assert.Equal(UploadFileState.Queued, f.State));

        Assert.True(batch.Progress("f1", 250, 1000));
        Assert.Equal(UploadFileState.Uploading, batch.Files[0].State);
        Assert.Equal(250, batch.Files[0].Loaded);
        Assert.Equal(25, batch.Files[0].Percent);

        Assert.False(batch.Progress("f1", 100, 1000));
        Assert.Equal(250, batch.Files[0].Loaded);
        Assert.False(batch.Progress("unknown", 1, 1));
        Assert.False(batch.IsFinished);
    }

    [Fact]
    public void Success_json_finishes_the_file_with_the_asset_and_variants()
    {
        var batch = TwoFiles();
        var id = Guid.CreateVersion7();

        var file = batch.Complete("f1", 200, SuccessJson(id, "red-shoe.png"));

        Assert.NotNull(file);
        Assert.Equal(UploadFileState.Uploaded, file.State);
        Assert.Equal(file.Size, file.Loaded);
        Assert.Equal(id, file.Result!.Asset!.Id);
        Assert.Equal("image", file.Result.Asset.Kind);
        Assert.Equal("thumb-150", Assert.Single(file.Result.Asset.Variants).Name);
        Assert.Null(file.Result.Error);
        Assert.False(batch.IsFinished);
    }

    [Fact]
    public void A_problem_details_answer_keeps_its_code_and_detail()
    {
        var batch = TwoFiles();
        const string problem = """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.16","title":"The file type is not allowed.","status":415,"detail":"'notes.exe' is application/x-msdownload, which collection 'products' does not accept.","code":"media.type_not_allowed"}""";

        var file = batch.Complete("f2", 415, problem);

        Assert.Equal(UploadFileState.Failed, file!.State);
        Assert.Equal(MediaErrorCodes.TypeNotAllowed, file.Result!.Error!.Code);
        Assert.Equal("'notes.exe' is application/x-msdownload, which collection 'products' does not accept.", file.Result.Error.Message);
        Assert.Null(file.Result.Asset);
    }

    [Fact]
    public void A_problem_without_detail_uses_its_title_and_a_non_json_answer_its_status()
    {
        Assert.Equal(new MediaErrorResponse(MediaErrorCodes.AntiforgeryFailed, "Antiforgery failed."), UploadBatch.Parse("a.png", 400, """{"title":"Antiforgery failed.","status":400,"code":"media.antiforgery_failed"}""").Error);
        Assert.Equal(new MediaErrorResponse(MediaErrorCodes.TooLarge, "The upload failed (413)."), UploadBatch.Parse("a.png", 413, "<html>Request Entity Too Large</html>").Error);
        Assert.Equal(MediaErrorCodes.InvalidRequest, UploadBatch.Parse("a.png", 200, "not json").Error!.Code);
    }

    [Fact]
    public void A_failed_connection_is_an_incomplete_upload()
    {
        var batch = TwoFiles();
        batch.Progress("f1", 400, 1000);

        var file = batch.Complete("f1", 0, null);

        Assert.Equal(UploadFileState.Failed, file!.State);
        Assert.Equal(new MediaErrorResponse(MediaErrorCodes.UploadIncomplete, UploadBatch.NetworkErrorMessage), file.Result!.Error);
    }

    [Fact]
    public void Cancel_finishes_the_file_once_and_later_reports_are_ignored()
    {
        var batch = TwoFiles();
        batch.Progress("f1", 400, 1000);

        var file = batch.Cancel("f1");

        Assert.Equal(UploadFileState.Canceled, file!.State);
        Assert.Equal(UploadBatch.CanceledMessage, file.Result!.Error!.Message);
        Assert.Null(batch.Cancel("f1"));
        Assert.Null(batch.Complete("f1", 200, SuccessJson(Guid.NewGuid(), "red-shoe.png")));
        Assert.False(batch.Progress("f1", 900, 1000));
        Assert.Equal(UploadFileState.Canceled, batch.Files[0].State);
    }

    [Fact]
    public void The_batch_finishes_when_every_file_did_and_results_keep_the_chosen_order()
    {
        var batch = TwoFiles();
        var id = Guid.CreateVersion7();

        batch.Complete("f2", 415, """{"title":"Refused","status":415,"code":"media.type_not_allowed"}""");
        Assert.False(batch.IsFinished);
        batch.Complete("f1", 200, SuccessJson(id, "red-shoe.png"));

        Assert.True(batch.IsFinished);
        Assert.Collection(
            batch.Results,
            r => Assert.Equal(("red-shoe.png", id), (r.FileName, r.Asset!.Id)),
            r => Assert.Equal(("notes.exe", MediaErrorCodes.TypeNotAllowed), (r.FileName, r.Error!.Code)));
    }

    [Fact]
    public void The_browser_file_list_deserializes_from_the_json_mediakit_js_sends()
    {
        var files = JsonSerializer.Deserialize<UploadFileInfo[]>("""[{"id":"f1","name":"a.png","size":12}]""", new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Equal(new UploadFileInfo("f1", "a.png", 12), Assert.Single(files!));
    }
}
