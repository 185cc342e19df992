using Microsoft.AspNetCore.Http;

namespace MediaKit.AspNetCore.Internal;

/// <summary>The review queue and decisions (seed 003), behind <see cref="MediaKitPolicies.Approve"/>.</summary>
internal sealed partial class MediaApi
{
    public async Task<IResult> PendingAsync(HttpContext context, IMediaReview review, IMediaUrls urls)
    {
        var q = context.Request.Query;
        try
        {
            var page = await review.ListPendingAsync(Text(q["collection"]), Text(q["cursor"]), ParseInt(q["limit"], "limit") ?? MediaQuery.DefaultLimit, context.RequestAborted);
            var items = new List<MediaAssetResponse>(page.Items.Count);
            foreach (var asset in page.Items)
            {
                items.Add(await ToResponseAsync(context, urls, asset));
            }

            return Results.Ok(new MediaPageResponse(items, page.NextCursor, page.TotalCount) { TotalIsExact = page.TotalIsExact });
        }
        catch (MediaException ex)
        {
            return MediaProblems.From(ex);
        }
    }

    public async Task<IResult> ApproveAsync(Guid id, HttpContext context, IMediaReview review, IMediaUrls urls)
    {
        try
        {
            var body = await ReadReviewAsync(context);
            var asset = await review.ApproveAsync(id, body?.Note, context.RequestAborted);
            return asset is null ? NotFound(id) : Results.Ok(await ToResponseAsync(context, urls, asset));
        }
        catch (MediaException ex)
        {
            return MediaProblems.From(ex);
        }
    }

    public async Task<IResult> RejectAsync(Guid id, HttpContext context, IMediaReview review, IMediaUrls urls)
    {
        try
        {
            var body = await ReadReviewAsync(context);
            var asset = await review.RejectAsync(id, body?.Note ?? "", context.RequestAborted);
            return asset is null ? NotFound(id) : Results.Ok(await ToResponseAsync(context, urls, asset));
        }
        catch (MediaException ex)
        {
            return MediaProblems.From(ex);
        }
    }

    /// <summary>An optional JSON body: an approval may have none, a rejection's missing note is refused by the review service.</summary>
    private static async Task<MediaReviewRequest?> ReadReviewAsync(HttpContext context)
    {
        if (context.Request.ContentLength == 0 || !context.Request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await context.Request.ReadFromJsonAsync<MediaReviewRequest>(context.RequestAborted);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, "The body is not a JSON object with a 'note': " + ex.Message, ex);
        }
    }
}
