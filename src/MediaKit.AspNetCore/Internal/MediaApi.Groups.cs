using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaKit.AspNetCore.Internal;

/// <summary>Groups and galleries (seed 002): create, read, rename, reorder, add and remove items, link groups by role.</summary>
internal sealed partial class MediaApi
{
    public static void MapGroups(RouteGroupBuilder groups)
    {
        groups.MapGet("/", ListGroupsAsync).WithName("MediaKit.Groups.List").WithSummary("The tenant's groups, oldest first.")
            .Produces<MediaGroupPageResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        groups.MapPost("/", CreateGroupAsync).WithName("MediaKit.Groups.Create").WithSummary("Creates an empty group.")
            .Produces<MediaGroupResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        groups.MapGet("/{groupId:guid}", GetGroupAsync).WithName("MediaKit.Groups.Get").WithSummary("A group with its assets in order.")
            .Produces<MediaGroupResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapPut("/{groupId:guid}", RenameGroupAsync).WithName("MediaKit.Groups.Rename").WithSummary("Renames a group and replaces its description.")
            .Produces<MediaGroupResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapDelete("/{groupId:guid}", DeleteGroupAsync).WithName("MediaKit.Groups.Delete").WithSummary("Deletes a group (its assets stay).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapPut("/{groupId:guid}/items", SetGroupItemsAsync).WithName("MediaKit.Groups.SetItems").WithSummary("Sets the group's assets in order (reorder).")
            .Produces<MediaGroupResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapPost("/{groupId:guid}/items", AddGroupItemAsync).WithName("MediaKit.Groups.AddItem").WithSummary("Adds an asset to a group.")
            .Produces<MediaGroupResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapDelete("/{groupId:guid}/items/{assetId:guid}", RemoveGroupItemAsync).WithName("MediaKit.Groups.RemoveItem").WithSummary("Removes an asset from a group.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapPost("/{groupId:guid}/items/{assetId:guid}/move", MoveGroupItemAsync).WithName("MediaKit.Groups.MoveItem").WithSummary("Moves an asset of a group to a position.")
            .Produces<MediaGroupResponse>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    public void MapGalleries(RouteGroupBuilder galleries)
    {
        galleries.MapPost("/", CreateGalleryAsync).WithName("MediaKit.Galleries.Create").WithSummary("Creates a gallery without groups.")
            .Produces<MediaGalleryResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        galleries.MapGet("/{galleryId:guid}", GetGalleryAsync).WithName("MediaKit.Galleries.Get").WithSummary("A gallery with its linked groups and their assets.")
            .Produces<MediaGalleryResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        galleries.MapPut("/{galleryId:guid}", RenameGalleryAsync).WithName("MediaKit.Galleries.Rename").WithSummary("Renames a gallery and replaces its description.")
            .Produces<MediaGalleryResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        galleries.MapDelete("/{galleryId:guid}", DeleteGalleryAsync).WithName("MediaKit.Galleries.Delete").WithSummary("Deletes a gallery and its links (the groups stay).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        galleries.MapPost("/{galleryId:guid}/links", LinkGroupAsync).WithName("MediaKit.Galleries.Link").WithSummary("Links a group with a role and a visibility, or changes that link.")
            .Produces<MediaGalleryResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        galleries.MapDelete("/{galleryId:guid}/links/{groupId:guid}/{role}", UnlinkGroupAsync).WithName("MediaKit.Galleries.Unlink").WithSummary("Removes the link of a group with a role.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        galleries.MapPost("/{galleryId:guid}/links/{groupId:guid}/{role}/move", MoveLinkAsync).WithName("MediaKit.Galleries.MoveLink").WithSummary("Moves a link to a position.")
            .Produces<MediaGalleryResponse>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListGroupsAsync(HttpContext context, IMediaGroups groups)
        => await Guarded(async () =>
        {
            var q = context.Request.Query;
            var page = await groups.ListAsync(Text(q["cursor"]), ParseInt(q["limit"], "limit") ?? MediaQuery.DefaultLimit, context.RequestAborted);
            return Results.Ok(new MediaGroupPageResponse([.. page.Items.Select(ToResponse)], page.NextCursor));
        });

    private static async Task<IResult> CreateGroupAsync(MediaNamedRequest? body, HttpContext context, IMediaGroups groups)
        => await Guarded(async () =>
        {
            var group = await groups.CreateAsync(body?.Name ?? "", body?.Description, context.RequestAborted);
            return Results.Created($"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{group.Id}", ToResponse(group));
        });

    private static Task<IResult> GetGroupAsync(Guid groupId, HttpContext context, IMediaGroups groups)
        => GroupResultAsync(groupId, true, context, groups);

    private static async Task<IResult> RenameGroupAsync(Guid groupId, MediaNamedRequest? body, HttpContext context, IMediaGroups groups)
        => await Guarded(async () => await GroupResultAsync(groupId, await groups.UpdateAsync(groupId, body?.Name ?? "", body?.Description, context.RequestAborted), context, groups));

    private static async Task<IResult> DeleteGroupAsync(Guid groupId, HttpContext context, IMediaGroups groups)
        => await groups.DeleteAsync(groupId, context.RequestAborted) ? Results.NoContent() : GroupNotFound(groupId);

    private static async Task<IResult> SetGroupItemsAsync(Guid groupId, MediaGroupItemsRequest? body, HttpContext context, IMediaGroups groups)
        => await Guarded(async () => await GroupResultAsync(groupId, await groups.SetItemsAsync(groupId, body?.AssetIds ?? [], context.RequestAborted), context, groups));

    private static async Task<IResult> AddGroupItemAsync(Guid groupId, MediaGroupItemRequest? body, HttpContext context, IMediaGroups groups)
    {
        if (body is null || body.AssetId == Guid.Empty)
        {
            return MediaProblems.Problem(MediaErrorCodes.InvalidRequest, "Send { \"assetId\": ..., \"position\": null }.");
        }

        return await Guarded(async () => await GroupResultAsync(groupId, await groups.AddItemAsync(groupId, body.AssetId, body.Position, context.RequestAborted), context, groups));
    }

    private static async Task<IResult> RemoveGroupItemAsync(Guid groupId, Guid assetId, HttpContext context, IMediaGroups groups)
        => await groups.RemoveItemAsync(groupId, assetId, context.RequestAborted) ? Results.NoContent() : GroupNotFound(groupId);

    private static async Task<IResult> MoveGroupItemAsync(Guid groupId, Guid assetId, MediaPositionRequest? body, HttpContext context, IMediaGroups groups)
        => body is null
            ? MediaProblems.Problem(MediaErrorCodes.InvalidRequest, "Send { \"position\": n }.")
            : await Guarded(async () => await GroupResultAsync(groupId, await groups.MoveItemAsync(groupId, assetId, body.Position, context.RequestAborted), context, groups));

    private async Task<IResult> CreateGalleryAsync(MediaNamedRequest? body, HttpContext context, IMediaGalleries galleries, IMediaUrls urls)
        => await Guarded(async () =>
        {
            var gallery = await galleries.CreateAsync(body?.Name ?? "", body?.Description, context.RequestAborted);
            var view = await galleries.GetAsync(gallery.Id, includeMembersOnly: true, context.RequestAborted);
            return view is null
                ? GalleryNotFound(gallery.Id)
                : Results.Created($"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{gallery.Id}", await ToResponseAsync(context, urls, view));
        });

    private async Task<IResult> GetGalleryAsync(Guid galleryId, HttpContext context, IMediaGalleries galleries, IMediaUrls urls)
        => await GalleryResultAsync(galleryId, true, context, galleries, urls);

    private async Task<IResult> RenameGalleryAsync(Guid galleryId, MediaNamedRequest? body, HttpContext context, IMediaGalleries galleries, IMediaUrls urls)
        => await Guarded(async () => await GalleryResultAsync(galleryId, await galleries.UpdateAsync(galleryId, body?.Name ?? "", body?.Description, context.RequestAborted), context, galleries, urls));

    private static async Task<IResult> DeleteGalleryAsync(Guid galleryId, HttpContext context, IMediaGalleries galleries)
        => await galleries.DeleteAsync(galleryId, context.RequestAborted) ? Results.NoContent() : GalleryNotFound(galleryId);

    private async Task<IResult> LinkGroupAsync(Guid galleryId, MediaGalleryLinkRequest? body, HttpContext context, IMediaGalleries galleries, IMediaUrls urls)
        => await Guarded(async () =>
        {
            if (body is null || body.GroupId == Guid.Empty)
            {
                return MediaProblems.Problem(MediaErrorCodes.InvalidRequest, "Send { \"groupId\": ..., \"role\": \"main_exhibit\", \"visibility\": \"public\" }.");
            }

            var visibility = Text(body.Visibility)?.ToLowerInvariant() switch
            {
                null or "public" => MediaGalleryVisibility.Public,
                "members_only" or "membersonly" => MediaGalleryVisibility.MembersOnly,
                var other => throw new MediaException(MediaErrorCodes.InvalidRequest, $"visibility '{other}' is not public or members_only."),
            };
            var linked = await galleries.LinkAsync(galleryId, body.GroupId, body.Role ?? "", visibility, body.Position, context.RequestAborted);
            return await GalleryResultAsync(galleryId, linked, context, galleries, urls);
        });

    private static async Task<IResult> UnlinkGroupAsync(Guid galleryId, Guid groupId, string role, HttpContext context, IMediaGalleries galleries)
        => await Guarded(async () => await galleries.UnlinkAsync(galleryId, groupId, role, context.RequestAborted) ? Results.NoContent() : GalleryNotFound(galleryId));

    private async Task<IResult> MoveLinkAsync(Guid galleryId, Guid groupId, string role, MediaPositionRequest? body, HttpContext context, IMediaGalleries galleries, IMediaUrls urls)
        => body is null
            ? MediaProblems.Problem(MediaErrorCodes.InvalidRequest, "Send { \"position\": n }.")
            : await Guarded(async () => await GalleryResultAsync(galleryId, await galleries.MoveLinkAsync(galleryId, groupId, role, body.Position, context.RequestAborted), context, galleries, urls));

    private static async Task<IResult> GroupResultAsync(Guid groupId, bool found, HttpContext context, IMediaGroups groups)
    {
        var group = found ? await groups.GetAsync(groupId, context.RequestAborted) : null;
        return group is null ? GroupNotFound(groupId) : Results.Ok(ToResponse(group));
    }

    private async Task<IResult> GalleryResultAsync(Guid galleryId, bool found, HttpContext context, IMediaGalleries galleries, IMediaUrls urls)
    {
        var view = found ? await galleries.GetAsync(galleryId, includeMembersOnly: true, context.RequestAborted) : null;
        return view is null ? GalleryNotFound(galleryId) : Results.Ok(await ToResponseAsync(context, urls, view));
    }

    private async Task<MediaGalleryResponse> ToResponseAsync(HttpContext context, IMediaUrls urls, MediaGalleryView view)
    {
        var groups = new List<MediaGalleryGroupResponse>(view.Groups.Count);
        foreach (var link in view.Groups)
        {
            var items = new List<MediaAssetResponse>(link.Items.Count);
            foreach (var asset in link.Items)
            {
                items.Add(await ToResponseAsync(context, urls, asset));
            }

            var visibility = link.Visibility == MediaGalleryVisibility.MembersOnly ? "members_only" : "public";
            groups.Add(new MediaGalleryGroupResponse(link.Role, visibility, ToResponse(link.Group), items));
        }

        var g = view.Gallery;
        return new MediaGalleryResponse(g.Id, g.Name, g.Description, g.CreatedAt, g.UpdatedAt, groups);
    }

    private static MediaGroupResponse ToResponse(MediaGroup group)
        => new(group.Id, group.Name, group.Description, group.CreatedAt, group.UpdatedAt, [.. group.Items.OrderBy(i => i.Position).Select(i => i.AssetId)]);

    private static async Task<IResult> Guarded(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (MediaException ex)
        {
            return MediaProblems.From(ex);
        }
    }

    private static IResult GroupNotFound(Guid groupId) => MediaProblems.Problem(MediaErrorCodes.NotFound, $"No group {groupId} exists.");

    private static IResult GalleryNotFound(Guid galleryId) => MediaProblems.Problem(MediaErrorCodes.NotFound, $"No gallery {galleryId} exists.");
}
