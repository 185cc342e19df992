namespace MediaKit.Catalog;

/// <summary>
/// The persistence of groups and galleries. <c>MediaKit.EfCore</c> implements it; every method takes the tenant explicitly,
/// and each write saves its changes in one transaction.
/// </summary>
/// <remarks>
/// Arguments are already checked by the caller. The edit methods pass the current state to a function that may throw
/// (a <see cref="MediaException"/> for a request that does not fit that state); the catalog then saves nothing.
/// </remarks>
public interface IMediaGroupCatalog
{
    /// <summary>Stores a new group (without items).</summary>
    Task AddGroupAsync(MediaGroup group, CancellationToken cancellationToken);

    /// <summary>Sets a group's name and description and stamps <see cref="MediaGroup.UpdatedAt"/>.</summary>
    /// <returns><see langword="false"/> when the tenant has no such group.</returns>
    Task<bool> UpdateGroupAsync(string tenantId, Guid groupId, string name, string? description, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A group with its items ordered by position, untracked; <see langword="null"/> when the tenant has no such group.</summary>
    Task<MediaGroup?> FindGroupAsync(string tenantId, Guid groupId, CancellationToken cancellationToken);

    /// <summary>Whether the tenant has the group.</summary>
    Task<bool> GroupExistsAsync(string tenantId, Guid groupId, CancellationToken cancellationToken);

    /// <summary>The tenant's groups with an id after <paramref name="after"/>, by id, at most <paramref name="limit"/>, without items.</summary>
    Task<IReadOnlyList<MediaGroup>> ListGroupsAsync(string tenantId, Guid? after, int limit, CancellationToken cancellationToken);

    /// <summary>Removes a group, its items and its links to galleries, closing the gaps in those galleries' link positions.</summary>
    /// <returns><see langword="false"/> when the tenant has no such group.</returns>
    Task<bool> RemoveGroupAsync(string tenantId, Guid groupId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a group's items with what <paramref name="edit"/> returns for the current asset ids (in position order),
    /// stores positions <c>0..n-1</c> and stamps <see cref="MediaGroup.UpdatedAt"/>. Edits of the same group are serialized.
    /// </summary>
    /// <returns><see langword="false"/> when the tenant has no such group (<paramref name="edit"/> is not called).</returns>
    Task<bool> EditItemsAsync(string tenantId, Guid groupId, Func<IReadOnlyList<Guid>, IReadOnlyList<Guid>> edit, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stores a new gallery (without links).</summary>
    Task AddGalleryAsync(MediaGallery gallery, CancellationToken cancellationToken);

    /// <summary>Sets a gallery's name and description and stamps <see cref="MediaGallery.UpdatedAt"/>.</summary>
    /// <returns><see langword="false"/> when the tenant has no such gallery.</returns>
    Task<bool> UpdateGalleryAsync(string tenantId, Guid galleryId, string name, string? description, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes a gallery and its links.</summary>
    /// <returns><see langword="false"/> when the tenant has no such gallery.</returns>
    Task<bool> RemoveGalleryAsync(string tenantId, Guid galleryId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a gallery's links with what <paramref name="edit"/> returns for the current links (in position order, as
    /// copies), keyed by group and role; stores positions <c>0..n-1</c> and stamps <see cref="MediaGallery.UpdatedAt"/>.
    /// Edits of the same gallery are serialized.
    /// </summary>
    /// <returns><see langword="false"/> when the tenant has no such gallery (<paramref name="edit"/> is not called).</returns>
    Task<bool> EditLinksAsync(string tenantId, Guid galleryId, Func<IReadOnlyList<MediaGalleryGroup>, IReadOnlyList<MediaGalleryGroup>> edit, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// A gallery with its links in position order (public ones only unless <paramref name="includeMembersOnly"/>), each with
    /// its group of the same tenant and that group's live, ready assets in item order; <see langword="null"/> when the
    /// tenant has no such gallery.
    /// </summary>
    Task<MediaGalleryView?> GetGalleryViewAsync(string tenantId, Guid galleryId, bool includeMembersOnly, CancellationToken cancellationToken);
}
