namespace MediaKit.AspNetCore;

/// <summary>The body that creates or renames a group or a gallery.</summary>
/// <param name="Name">The name, 1 to 256 characters.</param>
/// <param name="Description">An optional description, at most 2048 characters.</param>
public sealed record MediaNamedRequest(string? Name, string? Description);

/// <summary>A group as the HTTP API returns it.</summary>
/// <param name="Id">The group's id.</param>
/// <param name="Name">The name.</param>
/// <param name="Description">The description.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="AssetIds">The assets in order (empty in listings).</param>
public sealed record MediaGroupResponse(Guid Id, string Name, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<Guid> AssetIds);

/// <summary>One page of groups.</summary>
/// <param name="Items">The groups, without their items.</param>
/// <param name="NextCursor">The cursor of the next page, if any.</param>
public sealed record MediaGroupPageResponse(IReadOnlyList<MediaGroupResponse> Items, string? NextCursor);

/// <summary>The body of <c>POST /groups/{id}/items</c>.</summary>
/// <param name="AssetId">The asset to add.</param>
/// <param name="Position">The zero-based position, or <see langword="null"/> to append.</param>
public sealed record MediaGroupItemRequest(Guid AssetId, int? Position = null);

/// <summary>The body of <c>PUT /groups/{id}/items</c>: the group's exact content, in order (reorders, adds and removes at once).</summary>
/// <param name="AssetIds">The assets in order.</param>
public sealed record MediaGroupItemsRequest(IReadOnlyList<Guid>? AssetIds);

/// <summary>The body of a move: the new zero-based position.</summary>
/// <param name="Position">The position.</param>
public sealed record MediaPositionRequest(int Position);

/// <summary>The body of <c>POST /galleries/{id}/links</c>: links a group with a role, or changes that link.</summary>
/// <param name="GroupId">The group.</param>
/// <param name="Role">The role, such as <c>main_exhibit</c>.</param>
/// <param name="Visibility"><c>public</c> (default) or <c>members_only</c>.</param>
/// <param name="Position">The zero-based position among the links, or <see langword="null"/> to append (or stay).</param>
public sealed record MediaGalleryLinkRequest(Guid GroupId, string? Role, string? Visibility = null, int? Position = null);

/// <summary>A gallery as a page shows it.</summary>
/// <param name="Id">The gallery's id.</param>
/// <param name="Name">The name.</param>
/// <param name="Description">The description.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Groups">The linked groups in link order, each with its live, ready assets.</param>
public sealed record MediaGalleryResponse(Guid Id, string Name, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<MediaGalleryGroupResponse> Groups);

/// <summary>One linked group of a gallery.</summary>
/// <param name="Role">The role of the link.</param>
/// <param name="Visibility"><c>public</c> or <c>members_only</c>.</param>
/// <param name="Group">The group.</param>
/// <param name="Items">The group's assets in order.</param>
public sealed record MediaGalleryGroupResponse(string Role, string Visibility, MediaGroupResponse Group, IReadOnlyList<MediaAssetResponse> Items);
