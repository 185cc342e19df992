namespace MediaKit;

/// <summary>
/// Groups of the current tenant: named, ordered lists of assets such as "Summer 2026 lookbook" (seed 002's
/// <c>image_groups</c>), which galleries link by role through <see cref="IMediaGalleries"/>.
/// </summary>
/// <remarks>
/// <para>
/// Every method is scoped to the tenant of <see cref="IMediaTenantAccessor"/>: a group of another tenant behaves exactly
/// like one that does not exist (<see langword="null"/> or <see langword="false"/>), and an asset of another tenant is
/// <see cref="MediaNotFoundException"/>. Register with <c>services.AddMediaKit()</c>; the service is scoped.
/// </para>
/// <para>
/// An asset appears at most once in a group. Positions are zero-based and every write leaves them contiguous
/// (<c>0..n-1</c>). Only live assets (not in the trash) can be put into a group; an asset moved to the trash later keeps
/// its place (restoring it brings it back), and purging an asset removes it from every group. Being in a group does not
/// protect an asset from deletion: references that must protect it are usages (<see cref="IMediaUsages"/>).
/// </para>
/// <para>
/// Each write runs in one transaction of the catalog; writes to the same group are serialized, so concurrent edits
/// never lose one another.
/// </para>
/// </remarks>
public interface IMediaGroups
{
    /// <summary>Creates an empty group.</summary>
    /// <param name="name">The group's name, 1 to 256 characters without control characters.</param>
    /// <param name="description">An optional description, at most 2048 characters.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new group, with a time-ordered id.</returns>
    /// <exception cref="MediaException">The name or the description is invalid (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaGroup> CreateAsync(string name, string? description = null, CancellationToken cancellationToken = default);

    /// <summary>Renames a group and replaces its description.</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="name">The new name, 1 to 256 characters without control characters.</param>
    /// <param name="description">The new description (at most 2048 characters), or <see langword="null"/> to clear it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the group does not exist in the current tenant.</returns>
    /// <exception cref="MediaException">The name or the description is invalid (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<bool> UpdateAsync(Guid groupId, string name, string? description, CancellationToken cancellationToken = default);

    /// <summary>A group with its items in order (positions <c>0..n-1</c>), including items whose asset is in the trash.</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The group, or <see langword="null"/> when it does not exist in the current tenant.</returns>
    Task<MediaGroup?> GetAsync(Guid groupId, CancellationToken cancellationToken = default);

    /// <summary>The tenant's groups, oldest first, one page at a time. <see cref="MediaGroup.Items"/> is not loaded (empty) in a listing.</summary>
    /// <param name="cursor">The <see cref="MediaPage{T}.NextCursor"/> of the previous page, or <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to <see cref="MediaQuery.MaxLimit"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="MediaException">The cursor or the limit is invalid (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaPage<MediaGroup>> ListAsync(string? cursor = null, int limit = MediaQuery.DefaultLimit, CancellationToken cancellationToken = default);

    /// <summary>Deletes a group and its links to galleries. The assets themselves are not touched.</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the group does not exist in the current tenant.</returns>
    Task<bool> DeleteAsync(Guid groupId, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="assetIds"/>, in this order, the exact content of a group (an empty list empties it).</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="assetIds">The assets, in the order they are to appear.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the group does not exist in the current tenant.</returns>
    /// <exception cref="MediaNotFoundException">An asset does not exist in the current tenant or is in the trash.</exception>
    /// <exception cref="MediaException">An asset appears twice (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<bool> SetItemsAsync(Guid groupId, IReadOnlyList<Guid> assetIds, CancellationToken cancellationToken = default);

    /// <summary>Inserts an asset at <paramref name="position"/>, moving the items from there one place down, or appends it.</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="assetId">The asset.</param>
    /// <param name="position">The zero-based position, 0 to the number of items; <see langword="null"/> to append.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the group does not exist in the current tenant.</returns>
    /// <exception cref="MediaNotFoundException">The asset does not exist in the current tenant or is in the trash.</exception>
    /// <exception cref="MediaException">
    /// The asset is already in the group, or the position is out of range (<see cref="MediaErrorCodes.InvalidRequest"/>).
    /// </exception>
    Task<bool> AddItemAsync(Guid groupId, Guid assetId, int? position = null, CancellationToken cancellationToken = default);

    /// <summary>Removes an asset from a group; the other items keep their order and close the gap.</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="assetId">The asset.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the group does not exist in the current tenant or does not hold the asset.</returns>
    Task<bool> RemoveItemAsync(Guid groupId, Guid assetId, CancellationToken cancellationToken = default);

    /// <summary>Moves an asset of a group to <paramref name="position"/>; the items in between shift by one.</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="assetId">The asset.</param>
    /// <param name="position">The new zero-based position, 0 to the number of items minus one.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the group does not exist in the current tenant or does not hold the asset.</returns>
    /// <exception cref="MediaException">The position is out of range (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<bool> MoveItemAsync(Guid groupId, Guid assetId, int position, CancellationToken cancellationToken = default);
}
