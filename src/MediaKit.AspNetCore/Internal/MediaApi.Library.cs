using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MediaKit.AspNetCore.Internal;

/// <summary>Replace, bulk delete, orphans, CSV export, and the shared request limits.</summary>
internal sealed partial class MediaApi
{
    public async Task<IResult> ReplaceContentAsync(Guid id, HttpContext context, IMediaStore store, IMediaUrls urls, IOptions<MediaKitOptions> mediaOptions)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return MediaProblems.Problem(MediaErrorCodes.InvalidRequest, "Send the new file as multipart/form-data in a field named 'file'.");
        }

        // Look the asset up before reading a byte: an id of another tenant answers 404 without the body being consumed.
        var ct = context.RequestAborted;
        var current = await store.FindAsync(id, ct);
        if (current is null)
        {
            return NotFound(id);
        }

        if (LimitRequestBody(context, mediaOptions.Value, current.Collection, files: 1) is { } tooLarge)
        {
            return tooLarge;
        }

        try
        {
            var reader = new MultipartReader(boundary, request.Body, MultipartBufferSize) { BodyLengthLimit = null };
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition()
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not ("file" or "files"))
                {
                    continue;
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                var asset = await store.ReplaceContentAsync(id, new MediaContentReplacement(fileName, section.Body) { DeclaredContentType = section.ContentType }, ct);
                return asset is null ? NotFound(id) : Results.Ok(await ToResponseAsync(context, urls, asset));
            }
        }
        catch (MediaException ex)
        {
            return MediaProblems.From(ex);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !ct.IsCancellationRequested)
        {
            return MediaProblems.Problem(MediaErrorCodes.TooLarge, "The request body is larger than this collection allows: " + ex.Message);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException && !ct.IsCancellationRequested)
        {
            return MediaProblems.Problem(MediaErrorCodes.UploadIncomplete, "The multipart body is malformed or ended early: " + ex.Message);
        }

        return MediaProblems.Problem(MediaErrorCodes.InvalidRequest, "The request carries no file: send a field named 'file'.");
    }

    public async Task<IResult> BulkDeleteAsync(MediaBulkDeleteRequest? body, HttpContext context, IMediaStore store, IAuthorizationService authorization)
    {
        if (body?.Ids is not { Count: > 0 } ids)
        {
            return MediaProblems.Problem(MediaErrorCodes.InvalidRequest, "Send { \"ids\": [...] } with at least one id.");
        }

        if (ids.Count > options.MaxIdsPerRequest)
        {
            return MediaProblems.Problem(MediaErrorCodes.InvalidRequest, $"At most {options.MaxIdsPerRequest} ids may be sent in one request.");
        }

        var results = new List<MediaBulkDeleteResult>(ids.Count);
        foreach (var id in ids.Distinct())
        {
            try
            {
                if (await CheckMayDeleteAsync(id, MediaDeleteMode.Soft, context, store, authorization) is not null)
                {
                    results.Add(new MediaBulkDeleteResult(id, false, new MediaErrorResponse(MediaErrorCodes.Forbidden, "Only the uploader or a manager may delete this file.")));
                    continue;
                }

                results.Add(await store.DeleteAsync(id, MediaDeleteMode.Soft, body.Force, context.RequestAborted)
                    ? new MediaBulkDeleteResult(id, true)
                    : new MediaBulkDeleteResult(id, false, new MediaErrorResponse(MediaErrorCodes.NotFound, new MediaNotFoundException(id).Message)));
            }
            catch (MediaInUseException ex)
            {
                results.Add(new MediaBulkDeleteResult(id, false, new MediaErrorResponse(ex.Code, ex.Message), [.. ex.Usages.Select(u => new MediaUsageResponse(u.ResourceType, u.ResourceId, u.Field, u.Position))]));
            }
        }

        return Results.Ok(new MediaBulkDeleteResponse(results));
    }

    public async Task<IResult> OrphanedAsync(HttpContext context, IMediaUsages usages, IMediaUrls urls)
    {
        try
        {
            var q = context.Request.Query;
            var page = await usages.FindOrphansAsync(null, Text(q["cursor"]), ParseInt(q["limit"], "limit") ?? MediaQuery.DefaultLimit, context.RequestAborted);
            var items = new List<MediaAssetResponse>(page.Items.Count);
            foreach (var asset in page.Items)
            {
                items.Add(await ToResponseAsync(context, urls, asset));
            }

            return Results.Ok(new MediaPageResponse(items, page.NextCursor, null));
        }
        catch (MediaException ex)
        {
            return MediaProblems.From(ex);
        }
    }

    public async Task<IResult> ExportCsvAsync(HttpContext context, IMediaStore store, IMediaUrls urls)
    {
        var q = context.Request.Query;
        var ids = new List<Guid>();
        foreach (var value in q["ids"])
        {
            foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Guid.TryParse(part, out var id))
                {
                    return MediaProblems.Problem(MediaErrorCodes.InvalidRequest, $"'{part}' is not an asset id.");
                }

                ids.Add(id);
            }
        }

        if (ids.Count == 0)
        {
            return MediaProblems.Problem(MediaErrorCodes.InvalidRequest, "Name the assets to export: ?ids=id1,id2 (the ids an upload answered).");
        }

        if (ids.Count > options.MaxIdsPerRequest)
        {
            return MediaProblems.Problem(MediaErrorCodes.InvalidRequest, $"At most {options.MaxIdsPerRequest} ids may be exported in one request.");
        }

        // Ids of other tenants, unknown ids and trashed assets are left out, so the file says nothing about them.
        var rows = new List<(MediaAsset Asset, string Url)>(ids.Count);
        foreach (var id in ids.Distinct())
        {
            if (await store.FindAsync(id, context.RequestAborted) is { } asset)
            {
                rows.Add((asset, AbsoluteUrl(context, (await ToResponseAsync(context, urls, asset)).Url)));
            }
        }

        var csv = rows.ToDictionary(r => r.Asset.Id, r => r.Url);
        return Results.Stream(
            async body => await MediaCsv.WriteAsync(body, ToAsyncEnumerable(rows.Select(r => r.Asset)), a => csv[a.Id], context.RequestAborted),
            contentType: "text/csv; charset=utf-8",
            fileDownloadName: "media-export.csv");
    }

    /// <summary>
    /// With <see cref="MediaKitEndpointOptions.UploaderMayDelete"/>, a caller without <see cref="MediaKitPolicies.Manage"/>
    /// may delete only what they uploaded, and never purge. Answers the refusal, or <see langword="null"/> to go on.
    /// </summary>
    private async Task<IResult?> CheckMayDeleteAsync(Guid id, MediaDeleteMode mode, HttpContext context, IMediaStore store, IAuthorizationService authorization)
    {
        if (!options.UploaderMayDelete || (await authorization.AuthorizeAsync(context.User, MediaKitPolicies.Manage)).Succeeded)
        {
            return null;
        }

        if (mode == MediaDeleteMode.Purge)
        {
            return MediaProblems.Problem(MediaErrorCodes.Forbidden, "Only a manager may purge a file.");
        }

        // An unknown id (or one of another tenant) goes on to the store, which answers 404 as for anyone.
        var asset = await store.FindAsync(id, context.RequestAborted);
        var me = context.RequestServices.GetService(typeof(IMediaActorAccessor)) is IMediaActorAccessor actor ? actor.ActorId : null;
        me ??= context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        return asset is null || (me is not null && string.Equals(asset.UploadedBy, me, StringComparison.Ordinal))
            ? null
            : MediaProblems.Problem(MediaErrorCodes.Forbidden, "Only the uploader or a manager may delete this file.");
    }

    /// <summary>
    /// Limits the request body to what <paramref name="files"/> files of the collection may legitimately need: a declared
    /// <c>Content-Length</c> over it is refused before a byte is read, and the server stops a longer (chunked) body.
    /// </summary>
    /// <returns>The refusal, or <see langword="null"/> to go on.</returns>
    private IResult? LimitRequestBody(HttpContext context, MediaKitOptions mediaOptions, string? collection, int files)
    {
        var perFile = (collection is null ? null : mediaOptions.Collections.Find(collection)?.GetLargestMaxLength())
            ?? mediaOptions.Collections.Select(c => c.GetLargestMaxLength()).DefaultIfEmpty(0).Max();
        var limit = checked((perFile + options.MultipartOverheadPerFile) * files);
        if (context.Request.ContentLength is { } declared && declared > limit)
        {
            return MediaProblems.Problem(
                MediaErrorCodes.TooLarge,
                $"The request body ({declared} bytes) is larger than {files} file(s) of {(collection is null ? "any collection" : $"collection '{collection}'")} may need ({limit} bytes).");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        return null;
    }

    /// <summary>Takes back the assets a refused request created (not those a de-duplicating collection returned from before).</summary>
    private static async Task RollBackAsync(IMediaStore store, List<MediaAsset> created, DateTimeOffset startedAt)
    {
        foreach (var asset in created.Where(a => a.CreatedAt >= startedAt))
        {
            try
            {
                await store.DeleteAsync(asset.Id, MediaDeleteMode.Purge, force: false, CancellationToken.None);
            }
            catch (MediaException)
            {
                // Someone already uses it: it is theirs now, and stays.
            }
        }
    }

    private static string AbsoluteUrl(HttpContext context, string url)
        => url.StartsWith('/') ? $"{context.Request.Scheme}://{context.Request.Host}{url}" : url;

    private static async IAsyncEnumerable<MediaAsset> ToAsyncEnumerable(IEnumerable<MediaAsset> assets)
    {
        foreach (var asset in assets)
        {
            yield return asset;
        }

        await Task.CompletedTask;
    }
}
