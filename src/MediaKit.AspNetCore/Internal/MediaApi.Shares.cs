using System.Globalization;
using System.Security.Claims;
using MediaKit.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace MediaKit.AspNetCore.Internal;

/// <summary>Share links (seed 003): created and revoked by a manager or the file's uploader, used anonymously at <c>/s/{token}</c>.</summary>
internal sealed partial class MediaApi
{
    public async Task<IResult> CreateShareAsync(Guid id, MediaShareCreateRequest? body, HttpContext context, IMediaStore store, IMediaShares shares, IAuthorizationService authorization)
    {
        try
        {
            var access = Text(body?.Access)?.ToLowerInvariant() switch
            {
                null or "view" => MediaShareAccess.View,
                "download" => MediaShareAccess.Download,
                var other => throw new MediaException(MediaErrorCodes.InvalidRequest, $"access '{other}' is not view or download."),
            };
            var expiresIn = body?.ExpiresIn is { } seconds
                ? seconds is > 0 and <= int.MaxValue ? TimeSpan.FromSeconds(seconds) : throw new MediaException(MediaErrorCodes.InvalidRequest, "expiresIn is a number of seconds.")
                : TimeSpan.FromDays(7);
            if (await CheckMayShareAsync(id, context, store, authorization) is { } refused)
            {
                return refused;
            }

            var created = await shares.CreateAsync(id, new MediaShareLinkRequest { Access = access, ExpiresIn = expiresIn, MaxUses = body?.MaxUses }, context.RequestAborted);
            if (created is null)
            {
                return NotFound(id);
            }

            // App-relative, like every URL of this API; the client puts its own origin in front.
            var url = $"{context.Request.PathBase}{prefix}/s/{created.Token}";
            return Results.Ok(ToResponse(created.Link, url));
        }
        catch (MediaException ex)
        {
            return MediaProblems.From(ex);
        }
    }

    public async Task<IResult> ListSharesAsync(Guid id, HttpContext context, IMediaStore store, IMediaShares shares, IAuthorizationService authorization)
    {
        if (await CheckMayShareAsync(id, context, store, authorization) is { } refused)
        {
            return refused;
        }

        if (await store.FindAsync(id, context.RequestAborted) is null)
        {
            return NotFound(id);
        }

        var links = await shares.ListAsync(id, context.RequestAborted);
        return Results.Ok(links.Select(l => ToResponse(l, null)).ToList());
    }

    public async Task<IResult> RevokeShareAsync(Guid shareId, HttpContext context, IMediaStore store, IMediaShares shares, IAuthorizationService authorization)
    {
        var link = await shares.GetAsync(shareId, context.RequestAborted);
        if (link is null)
        {
            return MediaProblems.Problem(MediaErrorCodes.ShareNotFound, $"No share link {shareId} exists.");
        }

        if (await CheckMayShareAsync(link.AssetId, context, store, authorization) is { } refused)
        {
            return refused;
        }

        return await shares.RevokeAsync(shareId, context.RequestAborted)
            ? Results.NoContent()
            : MediaProblems.Problem(MediaErrorCodes.ShareNotFound, $"Share link {shareId} is already revoked.");
    }

    /// <summary>The public side: serves the shared file to whoever holds the token, counting the use; no sign-in.</summary>
    public async Task SharedContentAsync(string token, HttpContext context, IMediaShares shares)
    {
        var response = context.Response;

        // A link is a bearer secret: never cached by shared caches, never sent on as a referrer.
        response.Headers.CacheControl = "private, no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        try
        {
            var shared = await shares.FindAsync(token, context.RequestAborted);
            if (ParseRange(context.Request, shared.Asset.Length, out var range) == RangeOutcome.Unsatisfiable)
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{shared.Asset.Length}";
                return;
            }

            await using var content = await shares.OpenAsync(token, range, context.RequestAborted);

            // A view link shows what is safe to show inline; a download link, and active content, is always an attachment.
            var attachment = shared.Link.Access == MediaShareAccess.Download || MediaContentTypes.IsActive(content.ContentType);
            await WriteContentAsync(context, content, "private, no-store", attachment);
        }
        catch (MediaException ex)
        {
            await MediaProblems.Problem(ex.Code, ex.Message, ex.Code is MediaErrorCodes.InvalidRequest ? null : StatusCodes.Status404NotFound).ExecuteAsync(context);
        }
    }

    /// <summary>A manager may share any file; anybody else only the files they uploaded. Answers the refusal, or <see langword="null"/> to go on.</summary>
    private static async Task<IResult?> CheckMayShareAsync(Guid assetId, HttpContext context, IMediaStore store, IAuthorizationService authorization)
    {
        if ((await authorization.AuthorizeAsync(context.User, MediaKitPolicies.Manage)).Succeeded)
        {
            return null;
        }

        // An unknown id (or one of another tenant, or hidden from the caller) goes on, and answers 404 as for anyone.
        var asset = await store.FindAsync(assetId, context.RequestAborted);
        var me = context.RequestServices.GetService(typeof(IMediaActorAccessor)) is IMediaActorAccessor actor ? actor.ActorId : null;
        me ??= context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        return asset is null || (me is not null && string.Equals(asset.UploadedBy, me, StringComparison.Ordinal))
            ? null
            : MediaProblems.Problem(MediaErrorCodes.Forbidden, "Only the uploader or a manager may share this file.", StatusCodes.Status403Forbidden);
    }

    private static MediaShareLinkResponse ToResponse(MediaShareLink link, string? url)
        => new(link.Id, link.AssetId, link.Access.ToString().ToLower(CultureInfo.InvariantCulture), link.ExpiresAt, link.MaxUses, link.UseCount, link.CreatedAt, link.RevokedAt, url);
}
