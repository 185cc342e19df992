using MediaKit;
using MediaKit.AspNetCore;
using MediaKit.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps MediaKit's HTTP API.</summary>
public static class MediaKitEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the media API under <paramref name="prefix"/>. Every failure is a ProblemDetails with a stable <c>code</c>.
    /// <list type="bullet">
    /// <item><c>GET /</c> list (<c>page, limit, cursor, search, sort_by, sort_order, collection, kind, tag, status, trash</c>),
    /// <c>GET /{id}</c> details with variants, URLs and where the asset is used, <c>GET /{id}/signed-url</c>
    /// (<c>?variant=&amp;expiresIn=</c> in seconds): policy <see cref="MediaKitPolicies.View"/>.</item>
    /// <item><c>POST /upload</c> (streamed multipart, fields <c>file</c> or <c>files</c> and <c>collection</c>, per-file results):
    /// policy <see cref="MediaKitPolicies.Upload"/>, and the rate limit of <c>AddMediaKitRateLimiting</c> when registered.</item>
    /// <item><c>PATCH /{id}</c>, <c>PUT /{id}/content</c> (replace the file), <c>DELETE /{id}</c> (<c>?force=&amp;mode=soft|purge</c>),
    /// <c>POST /bulk-delete</c>, <c>POST /{id}/restore</c>, <c>GET /orphaned</c>, <c>GET /export.csv?ids=</c>, groups
    /// (<c>/groups</c>) and galleries (<c>/galleries</c>): policy <see cref="MediaKitPolicies.Manage"/>
    /// (with <see cref="MediaKitEndpointOptions.UploaderMayDelete"/>, <c>DELETE /{id}</c> and <c>POST /bulk-delete</c> need
    /// <see cref="MediaKitPolicies.Upload"/> and a non-manager deletes only the files they uploaded).</item>
    /// <item><c>GET /pending</c> (the review queue, oldest first), <c>POST /{id}/approve</c> and <c>POST /{id}/reject</c>
    /// (<c>{ "note": ... }</c>, required to reject): policy <see cref="MediaKitPolicies.Approve"/>.</item>
    /// <item><c>POST /{id}/shares</c> (<c>{ "access": "view"|"download", "expiresIn": seconds, "maxUses": n }</c>), <c>GET /{id}/shares</c>,
    /// <c>DELETE /shares/{shareId}</c>: policy <see cref="MediaKitPolicies.View"/>, and the caller must be a manager or the file's uploader.
    /// <c>GET /s/{token}</c>: anonymous; serves the shared file (a view link inline where safe, a download link as an attachment),
    /// counts the use and writes it to the audit trail; an unknown, revoked, expired or used-up link answers 404 with
    /// <c>media.share_not_found</c>, <c>media.share_expired</c> or <c>media.share_exhausted</c>.</item>
    /// <item><c>GET /{id}/content</c>: file delivery with ranges and entity tags, anonymous by design so public files can be
    /// embedded in public pages; files of private collections need a signed URL (see
    /// <see cref="MediaKitEndpointOptions.AllowAuthorizedPrivateReads"/>).</item>
    /// </list>
    /// The tenant of every call comes from <see cref="IMediaTenantAccessor"/> (see <c>UseTenantClaim</c>): an id of another
    /// tenant answers 404, exactly like an id that does not exist. State-changing requests authenticated by a cookie must carry
    /// the antiforgery token in the <c>RequestVerificationToken</c> header; requests with an <c>Authorization: Bearer</c> header are exempt.
    /// </summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="prefix">The route prefix, such as <c>/api/media</c>.</param>
    /// <param name="configure">Adjusts the API's options.</param>
    /// <returns>The route group, on which the host may add conventions (CORS, output caching, further authorization).</returns>
    /// <exception cref="InvalidOperationException"><paramref name="prefix"/> differs from <see cref="MediaKitOptions.DeliveryPath"/>, so the URLs
    /// MediaKit hands out would not reach this API; or <c>services.AddMediaKitAuthorization()</c> was not called, so nobody decided who may call it.</exception>
    public static RouteGroupBuilder MapMediaKit(this IEndpointRouteBuilder endpoints, string prefix = "/api/media", Action<MediaKitEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var options = new MediaKitEndpointOptions();
        configure?.Invoke(options);
        if (options.MaxFilesPerRequest < 1)
        {
            throw new InvalidOperationException($"MediaKitEndpointOptions.MaxFilesPerRequest must be at least 1 (was {options.MaxFilesPerRequest}).");
        }

        var api = new MediaApi(prefix.TrimEnd('/'), options);
        var services = endpoints.ServiceProvider;
        var deliveryPath = services.GetService<IOptions<MediaKitOptions>>()?.Value.DeliveryPath;
        if (deliveryPath is not null && !string.Equals(deliveryPath.TrimEnd('/'), prefix.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"MapMediaKit maps the API at '{prefix}', but MediaKitOptions.DeliveryPath is '{deliveryPath}': file URLs would not reach it. Set DeliveryPath in AddMediaKit(o => o.DeliveryPath = \"{prefix}\").");
        }

        if (services.GetService<MediaKitAuthorizationMarker>() is null)
        {
            throw new InvalidOperationException(
                "MapMediaKit puts the authorization policies of MediaKitPolicies on its endpoints: call services.AddMediaKitAuthorization(o => ...) to say which users hold them.");
        }

        var rateLimited = services.GetService<MediaUploadRateLimitPolicy>() is not null;

        var group = endpoints.MapGroup(prefix).WithTags("Media").WithMetadata(MediaKitEndpointMarker.Instance)
            .AddEndpointFilter(static async (context, next) => await MediaAntiforgery.ValidateAsync(context.HttpContext) ?? await next(context))
            // Any typed error a handler did not turn into a response itself (a conflict in a race, say) still becomes a ProblemDetails.
            .AddEndpointFilter(static async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (MediaInUseException ex) when (!context.HttpContext.Response.HasStarted)
                {
                    return MediaProblems.InUse(ex);
                }
                catch (MediaException ex) when (!context.HttpContext.Response.HasStarted)
                {
                    return MediaProblems.From(ex);
                }
            })
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        // Reads.
        group.MapGet("/", api.ListAsync).WithName("MediaKit.List").WithSummary("Lists the tenant's assets, one page at a time.")
            .Produces<MediaPageResponse>().ProducesProblem(StatusCodes.Status400BadRequest).RequireAuthorization(MediaKitPolicies.View);
        group.MapGet("/{id:guid}", api.GetAsync).WithName("MediaKit.Get").WithSummary("An asset with its variants, URLs and where it is used.")
            .Produces<MediaAssetResponse>().ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(MediaKitPolicies.View);
        group.MapGet("/{id:guid}/signed-url", api.SignedUrlAsync).WithName("MediaKit.SignedUrl").WithSummary("A signed, expiring URL of an asset or one of its variants.")
            .Produces<MediaSignedUrlResponse>().ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(MediaKitPolicies.View);
        group.MapGet("/{id:guid}/content", api.ContentAsync).WithName("MediaKit.Content").WithSummary("The file's bytes (ranges, entity tags); private files need a signed URL.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden).AllowAnonymous();

        // Uploads.
        var upload = group.MapPost("/upload", api.UploadAsync).WithName("MediaKit.Upload").WithSummary("Uploads one or more files (multipart, streamed); one result per file.")
            .Produces<MediaUploadResponse>().Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).RequireAuthorization(MediaKitPolicies.Upload);
        if (rateLimited)
        {
            upload.RequireRateLimiting(MediaKitUploadRateLimitOptions.RateLimitPolicyName);
        }

        // Management.
        var deletePolicy = options.UploaderMayDelete ? MediaKitPolicies.Upload : MediaKitPolicies.Manage;
        group.MapPatch("/{id:guid}", api.PatchAsync).WithName("MediaKit.Update").WithSummary("Changes the file name, title, alt text or tags.")
            .Produces<MediaAssetResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(MediaKitPolicies.Manage);
        group.MapPut("/{id:guid}/content", api.ReplaceContentAsync).WithName("MediaKit.ReplaceContent").WithSummary("Replaces the file of an asset, keeping its id and usages.")
            .Produces<MediaAssetResponse>().Accepts<IFormFile>("multipart/form-data").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).RequireAuthorization(MediaKitPolicies.Manage);
        group.MapDelete("/{id:guid}", api.DeleteAsync).WithName("MediaKit.Delete").WithSummary("Moves an asset to the trash (or purges it); an asset in use needs force=true.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(deletePolicy);
        group.MapPost("/bulk-delete", api.BulkDeleteAsync).WithName("MediaKit.BulkDelete").WithSummary("Deletes several assets; one result per id.")
            .Produces<MediaBulkDeleteResponse>().ProducesProblem(StatusCodes.Status400BadRequest).RequireAuthorization(deletePolicy);
        group.MapPost("/{id:guid}/restore", api.RestoreAsync).WithName("MediaKit.Restore").WithSummary("Takes an asset out of the trash.")
            .Produces<MediaAssetResponse>().ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(MediaKitPolicies.Manage);
        group.MapGet("/orphaned", api.OrphanedAsync).WithName("MediaKit.Orphaned").WithSummary("Assets used nowhere, older than the grace period, oldest first.")
            .Produces<MediaPageResponse>().ProducesProblem(StatusCodes.Status400BadRequest).RequireAuthorization(MediaKitPolicies.Manage);
        group.MapGet("/export.csv", api.ExportCsvAsync).WithName("MediaKit.ExportCsv").WithSummary("The listed assets as CSV (id, file name, URL, size, dimensions, date).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status400BadRequest).RequireAuthorization(MediaKitPolicies.Manage);

        // Review and share links (seed 003). Reviewers hold Approve; a share link is made or revoked by a manager or the file's
        // uploader (checked per file, behind View); /s/{token} is public by design: the token is the credential.
        group.MapGet("/pending", api.PendingAsync).WithName("MediaKit.Pending").WithSummary("Files waiting for review, oldest first.")
            .Produces<MediaPageResponse>().ProducesProblem(StatusCodes.Status400BadRequest).RequireAuthorization(MediaKitPolicies.Approve);
        group.MapPost("/{id:guid}/approve", api.ApproveAsync).WithName("MediaKit.Approve").WithSummary("Approves a file under review, with an optional note.")
            .Accepts<MediaReviewRequest>("application/json").Produces<MediaAssetResponse>().ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(MediaKitPolicies.Approve);
        group.MapPost("/{id:guid}/reject", api.RejectAsync).WithName("MediaKit.Reject").WithSummary("Rejects a file with a note that tells the uploader why.")
            .Accepts<MediaReviewRequest>("application/json").Produces<MediaAssetResponse>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(MediaKitPolicies.Approve);
        group.MapPost("/{id:guid}/shares", api.CreateShareAsync).WithName("MediaKit.CreateShare").WithSummary("Creates a public, expiring share link (view or download, optional maximum uses).")
            .Produces<MediaShareLinkResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(MediaKitPolicies.View);
        group.MapGet("/{id:guid}/shares", api.ListSharesAsync).WithName("MediaKit.ListShares").WithSummary("The share links of a file, newest first.")
            .Produces<List<MediaShareLinkResponse>>().ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(MediaKitPolicies.View);
        group.MapDelete("/shares/{shareId:guid}", api.RevokeShareAsync).WithName("MediaKit.RevokeShare").WithSummary("Revokes a share link at once.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(MediaKitPolicies.View);
        group.MapMethods("/s/{token}", [HttpMethods.Get, HttpMethods.Head], api.SharedContentAsync).WithName("MediaKit.SharedContent")
            .WithSummary("The shared file, for whoever holds the link; each request counts as one use and is audited.")
            .ProducesProblem(StatusCodes.Status404NotFound).AllowAnonymous();

        MediaApi.MapGroups(group.MapGroup("/groups").WithTags("Media groups").RequireAuthorization(MediaKitPolicies.Manage));
        api.MapGalleries(group.MapGroup("/galleries").WithTags("Media galleries").RequireAuthorization(MediaKitPolicies.Manage));
        return group;
    }
}
