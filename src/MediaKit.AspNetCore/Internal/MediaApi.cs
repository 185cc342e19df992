using System.Globalization;
using System.Security.Claims;
using MediaKit.Internal;
using MediaKit.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MediaKit.AspNetCore.Internal;

/// <summary>The handlers of the media API.</summary>
internal sealed partial class MediaApi(string prefix, MediaKitEndpointOptions options)
{
    private const int MaxFormValueLength = 256;

    // The most a client may ask a page/limit listing to count (total_limit); counting costs one index entry per item.
    private const int MaxTotalCountLimit = 100_000;

    /// <summary>The multipart reader's buffer: large enough that boundary scanning is not the bottleneck of a 2 MB upload (the default is 4 KB).</summary>
    private const int MultipartBufferSize = 64 * 1024;

    public async Task<IResult> ListAsync(HttpContext context, IMediaStore store, IMediaUrls urls)
    {
        var q = context.Request.Query;
        try
        {
            var query = new MediaQuery
            {
                Collection = Text(q["collection"]),
                Kind = ParseEnum<MediaKind>(q["kind"], "kind"),
                Tag = Text(q["tag"]),
                Status = ParseEnum<MediaAssetStatus>(q["status"].ToString().Replace("_", "", StringComparison.Ordinal), "status"),
                Search = Text(q["search"]),
                Trash = ParseBool(q["trash"]),
                SortBy = Text(q["sort_by"])?.ToLowerInvariant() switch
                {
                    null or "created_at" or "date" or "created" => MediaSortBy.CreatedAt,
                    "file_name" or "name" or "filename" => MediaSortBy.FileName,
                    "size" or "length" or "file_size" => MediaSortBy.Length,
                    var other => throw new MediaException(MediaErrorCodes.InvalidRequest, $"sort_by '{other}' is not one of created_at, file_name, size."),
                },
                Descending = Text(q["sort_order"])?.ToLowerInvariant() switch
                {
                    null or "desc" => true,
                    "asc" => false,
                    var other => throw new MediaException(MediaErrorCodes.InvalidRequest, $"sort_order '{other}' is not asc or desc."),
                },
                Limit = ParseInt(q["limit"], "limit") ?? MediaQuery.DefaultLimit,
                Page = ParseInt(q["page"], "page"),
                Cursor = Text(q["cursor"]),
                TotalCountLimit = ParseInt(q["total_limit"], "total_limit") switch
                {
                    null => MediaQuery.DefaultTotalCountLimit,
                    var limit and >= 1 and <= MaxTotalCountLimit => limit,
                    var other => throw new MediaException(MediaErrorCodes.InvalidRequest, $"total_limit {other} is not between 1 and {MaxTotalCountLimit}."),
                },
            };
            var page = await store.QueryAsync(query, context.RequestAborted);
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

    public async Task<IResult> GetAsync(Guid id, HttpContext context, IMediaStore store, IMediaUrls urls, IMediaUsages usages)
    {
        var asset = await store.FindAsync(id, context.RequestAborted);
        if (asset is null)
        {
            return NotFound(id);
        }

        // Seed 004's "products this image is linked to": the first page of references, with a cursor for the rest.
        var uses = await usages.FindUsesAsync(id, cursor: null, limit: MediaQuery.DefaultLimit, context.RequestAborted);
        var response = await ToResponseAsync(context, urls, asset) with
        {
            UsedBy = [.. uses.Items.Select(u => new MediaUsageResponse(u.ResourceType, u.ResourceId, u.Field, u.Position))],
            UsedByNextCursor = uses.NextCursor,
        };
        return Results.Ok(response);
    }

    public async Task<IResult> PatchAsync(Guid id, MediaAssetChanges changes, HttpContext context, IMediaStore store, IMediaUrls urls)
    {
        try
        {
            var asset = await store.UpdateAsync(id, changes, context.RequestAborted);
            return asset is null ? NotFound(id) : Results.Ok(await ToResponseAsync(context, urls, asset));
        }
        catch (MediaException ex)
        {
            return MediaProblems.From(ex);
        }
    }

    public async Task<IResult> DeleteAsync(Guid id, HttpContext context, IMediaStore store, IAuthorizationService authorization)
    {
        var mode = Text(context.Request.Query["mode"])?.ToLowerInvariant() switch
        {
            null or "soft" => MediaDeleteMode.Soft,
            "purge" => MediaDeleteMode.Purge,
            var other => (MediaDeleteMode?)null,
        };
        if (mode is null)
        {
            return MediaProblems.Problem(MediaErrorCodes.InvalidRequest, "mode must be soft or purge.");
        }

        bool force;
        try
        {
            force = ParseBool(context.Request.Query["force"]);
        }
        catch (MediaException ex)
        {
            return MediaProblems.From(ex);
        }

        try
        {
            if (await CheckMayDeleteAsync(id, mode.Value, context, store, authorization) is { } refused)
            {
                return refused;
            }

            return await store.DeleteAsync(id, mode.Value, force, context.RequestAborted) ? Results.NoContent() : NotFound(id);
        }
        catch (MediaInUseException ex)
        {
            return MediaProblems.InUse(ex);
        }
        catch (MediaException ex)
        {
            return MediaProblems.From(ex);
        }
    }

    public async Task<IResult> RestoreAsync(Guid id, HttpContext context, IMediaStore store, IMediaUrls urls)
    {
        if (!await store.RestoreAsync(id, context.RequestAborted))
        {
            return NotFound(id);
        }

        var asset = await store.FindAsync(id, context.RequestAborted);
        return asset is null ? NotFound(id) : Results.Ok(await ToResponseAsync(context, urls, asset));
    }

    public async Task<IResult> UploadAsync(HttpContext context, IMediaStore store, IMediaUrls urls, IOptions<MediaKitOptions> mediaOptions, IMediaActorAccessor actor, TimeProvider time)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return MediaProblems.Problem(MediaErrorCodes.InvalidRequest, "Send the files as multipart/form-data in fields named 'file' or 'files'.");
        }

        var collection = Text(request.Query["collection"]);
        if (collection is not null && mediaOptions.Value.Collections.Find(collection) is null)
        {
            return MediaProblems.From(new MediaCollectionNotFoundException(collection));
        }

        // The body is streamed file by file; allow what the collection (or, when it is named in the body, the largest
        // collection) could legitimately need for the most files a request may carry, and no more.
        if (LimitRequestBody(context, mediaOptions.Value, collection, options.MaxFilesPerRequest) is { } tooLarge)
        {
            return tooLarge;
        }

        var uploadedBy = actor.ActorId ?? context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var reader = new MultipartReader(boundary, request.Body, MultipartBufferSize) { BodyLengthLimit = null };
        var results = new List<MediaUploadResult>();
        var created = new List<MediaAsset>();
        var startedAt = time.GetUtcNow();
        var ct = context.RequestAborted;
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (disposition.IsFormDisposition() && name == "collection")
                {
                    collection = await ReadFormValueAsync(section.Body, ct);
                    continue;
                }

                if (!disposition.IsFileDisposition() || name is not ("file" or "files"))
                {
                    continue;
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                if (results.Count == options.MaxFilesPerRequest)
                {
                    // A request over the cap is refused as a whole: the files it already stored are taken back, the rest is not read.
                    await RollBackAsync(store, created, startedAt);
                    return MediaProblems.Problem(MediaErrorCodes.TooManyFiles, $"At most {options.MaxFilesPerRequest} files may be sent in one request.", StatusCodes.Status413PayloadTooLarge);
                }

                if (collection is null)
                {
                    return MediaProblems.Problem(MediaErrorCodes.InvalidRequest, "Name the collection in the query (?collection=) or in a 'collection' field before the files.");
                }

                try
                {
                    var asset = await store.UploadAsync(
                        new MediaUploadRequest(collection, fileName, section.Body) { DeclaredContentType = section.ContentType, UploadedBy = uploadedBy },
                        ct);
                    created.Add(asset);
                    results.Add(new MediaUploadResult(fileName, await ToResponseAsync(context, urls, asset), null));
                }
                catch (MediaException ex)
                {
                    results.Add(new MediaUploadResult(fileName, null, new MediaErrorResponse(ex.Code, ex.Message)));
                    if (ex.Code is MediaErrorCodes.TooLarge or MediaErrorCodes.UploadIncomplete or MediaErrorCodes.UnknownCollection)
                    {
                        // Stop reading: the rest of an oversized body is not ours to consume.
                        break;
                    }
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !ct.IsCancellationRequested)
        {
            var message = "The request body is larger than this collection allows for one request: " + ex.Message;
            if (results.Count == 0)
            {
                return MediaProblems.Problem(MediaErrorCodes.TooLarge, message);
            }

            results.Add(new MediaUploadResult("", null, new MediaErrorResponse(MediaErrorCodes.TooLarge, message)));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException && !ct.IsCancellationRequested)
        {
            if (results.Count == 0)
            {
                return MediaProblems.Problem(MediaErrorCodes.UploadIncomplete, "The multipart body is malformed or ended early: " + ex.Message);
            }

            results.Add(new MediaUploadResult("", null, new MediaErrorResponse(MediaErrorCodes.UploadIncomplete, ex.Message)));
        }

        if (results.Count == 0)
        {
            return MediaProblems.Problem(MediaErrorCodes.InvalidRequest, "The request carries no file: send fields named 'file' or 'files'.");
        }

        if (results.Count == 1 && results[0].Error is { } only)
        {
            return MediaProblems.Problem(only.Code, only.Message);
        }

        return Results.Ok(new MediaUploadResponse(results));
    }

    public async Task<IResult> SignedUrlAsync(Guid id, HttpContext context, IMediaUrls urls, IOptions<MediaKitOptions> mediaOptions)
    {
        TimeSpan? expiresIn = null;
        try
        {
            if (ParseInt(context.Request.Query["expiresIn"], "expiresIn") is { } seconds)
            {
                expiresIn = TimeSpan.FromSeconds(seconds);
            }

            var max = options.MaxSignedUrlLifetime;
            if (expiresIn is { } asked && (asked < TimeSpan.FromSeconds(1) || asked > max))
            {
                return MediaProblems.Problem(MediaErrorCodes.InvalidRequest, $"expiresIn must be between 1 and {(long)max.TotalSeconds} seconds.");
            }

            // Without expiresIn the configured default applies, capped by this endpoint's maximum.
            expiresIn ??= mediaOptions.Value.Signing.DefaultLifetime < max ? mediaOptions.Value.Signing.DefaultLifetime : max;
            var url = await urls.GetUrlAsync(id, Text(context.Request.Query["variant"]), expiresIn, context.RequestAborted);
            return url is null ? NotFound(id) : Results.Ok(new MediaSignedUrlResponse(Absolute(context, url.Url), url.ExpiresAt));
        }
        catch (MediaException ex)
        {
            return MediaProblems.From(ex);
        }
    }

    /// <summary>
    /// Writes an opened file as the response — entity tag, <c>nosniff</c>, a sandboxing CSP, the disposition, 304 for a matching
    /// <c>If-None-Match</c>, 206 for a range — shared by file delivery and share links.
    /// </summary>
    private static async Task WriteContentAsync(HttpContext context, MediaContent content, string cacheControl, bool attachment)
    {
        var request = context.Request;
        var response = context.Response;
        SetFileHeaders(response, content.EntityTag, content.LastModified, content.FileName, cacheControl, attachment);
        if (MatchesIfNoneMatch(request, content.EntityTag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        await WriteBodyAsync(context, content.Stream, content.ContentType, content.Length, content.Range);
    }

    /// <summary>
    /// The body of a file response, after its headers: the content type, 206 with <c>Content-Range</c> for a range, the
    /// length, then the bytes (none for <c>HEAD</c>).
    /// </summary>
    private static async Task WriteBodyAsync(HttpContext context, Stream stream, string contentType, long length, BlobRange? range)
    {
        var response = context.Response;
        response.ContentType = contentType;
        var count = length;
        if (range is { } r)
        {
            count = r.Length ?? (length - r.Offset);
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {r.Offset}-{r.Offset + count - 1}/{length}";
        }

        response.ContentLength = count;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await CopyFileAsync(stream, response.Body, count, context.RequestAborted);
    }

    private enum RangeOutcome
    {
        Whole,
        Partial,
        Unsatisfiable,
    }

    /// <summary>Parses a single <c>bytes=</c> range; several ranges or an <c>If-Range</c> serve the whole file.</summary>
    private static RangeOutcome ParseRange(HttpRequest request, long total, out BlobRange? range)
    {
        range = null;
        var header = request.Headers.Range.ToString();

        // A conditional range (If-Range) is answered with the whole file, which RFC 9110 allows and is always correct.
        if (string.IsNullOrEmpty(header) || request.Headers.IfRange.Count > 0 || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return RangeOutcome.Whole;
        }

        var spec = header[6..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return RangeOutcome.Whole;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        long start, end;
        if (first.Length == 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return RangeOutcome.Whole;
            }

            if (suffix == 0)
            {
                return RangeOutcome.Unsatisfiable;
            }

            start = Math.Max(0, total - suffix);
            end = total - 1;
        }
        else
        {
            if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out start))
            {
                return RangeOutcome.Whole;
            }

            end = total - 1;
            if (last.Length > 0)
            {
                if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
                {
                    return RangeOutcome.Whole;
                }

                end = Math.Min(end, total - 1);
            }
        }

        if (start >= total)
        {
            return RangeOutcome.Unsatisfiable;
        }

        range = new BlobRange(start, end - start + 1);
        return RangeOutcome.Partial;
    }

    private async Task<MediaAssetResponse> ToResponseAsync(HttpContext context, IMediaUrls urls, MediaAsset asset)
    {
        // A trashed asset has no servable URL; it keeps the plain delivery path, which answers 404 until it is restored.
        var plain = $"{context.Request.PathBase}{prefix}/{asset.Id}/content";
        var url = await urls.GetUrlAsync(asset, cancellationToken: context.RequestAborted) is { } u ? Absolute(context, u.Url) : plain;
        var variants = new List<MediaVariantResponse>(asset.Variants.Count);
        foreach (var v in asset.Variants)
        {
            var variantUrl = await urls.GetUrlAsync(asset, v.Name, cancellationToken: context.RequestAborted) is { } vu
                ? Absolute(context, vu.Url)
                : $"{plain}?variant={Uri.EscapeDataString(v.Name)}";
            variants.Add(new MediaVariantResponse(v.Name, v.ContentType, v.Length, v.Width, v.Height, variantUrl));
        }

        return new MediaAssetResponse(
            asset.Id,
            asset.Collection,
            asset.FileName,
            asset.Title,
            asset.AltText,
            asset.Tags,
            asset.ContentType,
            asset.Kind.ToString().ToLowerInvariant(),
            asset.Length,
            asset.Width,
            asset.Height,
            asset.DurationSeconds,
            asset.Status switch { MediaAssetStatus.PendingReview => "pending_review", var s => s.ToString().ToLowerInvariant() },
            asset.CreatedAt,
            asset.UpdatedAt,
            asset.DeletedAt,
            url,
            variants)
        {
            ReviewNote = asset.ReviewNote,
        };
    }

    /// <summary>An app-relative delivery path gets the request's path base, so it works when the app is mounted below the root.</summary>
    private static string Absolute(HttpContext context, string url)
        => url.StartsWith('/') ? $"{context.Request.PathBase}{url}" : url;

    private static IResult SignatureProblem(MediaUrlSignatureStatus status) => status switch
    {
        MediaUrlSignatureStatus.Expired => MediaProblems.Problem(MediaErrorCodes.SignatureExpired, "The signed URL has expired; ask for a new one."),
        MediaUrlSignatureStatus.Invalid => MediaProblems.Problem(MediaErrorCodes.SignatureInvalid, "The signed URL is not valid: it was altered, is incomplete, or its key is no longer configured."),
        _ => MediaProblems.Problem(MediaErrorCodes.SignatureRequired, "This file is private: request it through a signed URL (GET {id}/signed-url)."),
    };

    private static IResult NotFound(Guid id) => MediaProblems.From(new MediaNotFoundException(id));

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool ParseBool(string? value) => Text(value)?.ToLowerInvariant() switch
    {
        null or "false" or "0" => false,
        "true" or "1" => true,
        var other => throw new MediaException(MediaErrorCodes.InvalidRequest, $"'{other}' is not true or false."),
    };

    private static int? ParseInt(string? value, string name)
    {
        if (Text(value) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new MediaException(MediaErrorCodes.InvalidRequest, $"{name} '{text}' is not a whole number.");
    }

    private static T? ParseEnum<T>(string? value, string name)
        where T : struct, Enum
    {
        if (Text(value) is not { } text)
        {
            return null;
        }

        return Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(text[0])
            ? parsed
            : throw new MediaException(MediaErrorCodes.InvalidRequest, $"{name} '{text}' is not one of {string.Join(", ", Enum.GetNames<T>()).ToLowerInvariant()}.");
    }

    private static async Task<string?> ReadFormValueAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new char[MaxFormValueLength + 1];
        using var reader = new StreamReader(body, leaveOpen: true);
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        if (read > MaxFormValueLength)
        {
            throw new InvalidDataException($"A form field is longer than {MaxFormValueLength} characters.");
        }

        return Text(new string(buffer, 0, read));
    }
}
