namespace MediaKit;

/// <summary>
/// Galleries of the current tenant: named sets of groups, each linked with a role such as <c>main_exhibit</c>,
/// <c>behind_the_scenes</c> or <c>sketches</c> and a visibility (seed 002's <c>galleries</c> and
/// <c>gallery_image_group_relations</c>).
/// </summary>
/// <remarks>
/// <para>
/// Every method is scoped to the tenant of <see cref="IMediaTenantAccessor"/>: a gallery or a group of another tenant
/// behaves exactly like one that does not exist (<see langword="null"/> or <see langword="false"/>). Register with
/// <c>services.AddMediaKit()</c>; the service is scoped.
/// </para>
/// <para>
/// A link is identified by its gallery, group and role: the same group may be linked twice with different roles. Links are
/// ordered by a zero-based position that every write leaves contiguous (<c>0..n-1</c>). A role is 1 to 64 characters of
/// <c>a-z</c>, <c>0-9</c>, <c>_</c> and <c>-</c>.
/// </para>
/// </remarks>
public interface IMediaGalleries
{
    /// <summary>Creates a gallery without groups.</summary>
    /// <param name="name">The gallery's name, 1 to 256 characters without control characters.</param>
    /// <param name="description">An optional description, at most 2048 characters.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new gallery, with a time-ordered id.</returns>
    /// <exception cref="MediaException">The name or the description is invalid (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaGallery> CreateAsync(string name, string? description = null, CancellationToken cancellationToken = default);

    /// <summary>Renames a gallery and replaces its description.</summary>
    /// <param name="galleryId">The gallery.</param>
    /// <param name="name">The new name, 1 to 256 characters without control characters.</param>
    /// <param name="description">The new description (at most 2048 characters), or <see langword="null"/> to clear it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the gallery does not exist in the current tenant.</returns>
    /// <exception cref="MediaException">The name or the description is invalid (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<bool> UpdateAsync(Guid galleryId, string name, string? description, CancellationToken cancellationToken = default);

    /// <summary>Deletes a gallery and its links. The linked groups and their assets are not touched.</summary>
    /// <param name="galleryId">The gallery.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the gallery does not exist in the current tenant.</returns>
    Task<bool> DeleteAsync(Guid galleryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Links a group to a gallery with a role. When the group is already linked with that role, the link's visibility is
    /// changed and, when <paramref name="position"/> is given, the link is moved there.
    /// </summary>
    /// <param name="galleryId">The gallery.</param>
    /// <param name="groupId">The group, of the same tenant.</param>
    /// <param name="role">The purpose of the link, such as <c>main_exhibit</c>: 1 to 64 characters of <c>a-z</c>, <c>0-9</c>, <c>_</c>, <c>-</c>.</param>
    /// <param name="visibility">Who may see the group in this gallery.</param>
    /// <param name="position">The zero-based position among the gallery's links; <see langword="null"/> to append (or, for an existing link, to stay).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the gallery or the group does not exist in the current tenant.</returns>
    /// <exception cref="MediaException">
    /// The role, the visibility or the position is invalid (<see cref="MediaErrorCodes.InvalidRequest"/>).
    /// </exception>
    Task<bool> LinkAsync(Guid galleryId, Guid groupId, string role, MediaGalleryVisibility visibility = MediaGalleryVisibility.Public, int? position = null, CancellationToken cancellationToken = default);

    /// <summary>Removes the link of a group with a role; the other links keep their order and close the gap.</summary>
    /// <param name="galleryId">The gallery.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="role">The role of the link.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the gallery does not exist in the current tenant or has no such link.</returns>
    /// <exception cref="MediaException">The role is invalid (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<bool> UnlinkAsync(Guid galleryId, Guid groupId, string role, CancellationToken cancellationToken = default);

    /// <summary>Moves a link to <paramref name="position"/>; the links in between shift by one.</summary>
    /// <param name="galleryId">The gallery.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="role">The role of the link.</param>
    /// <param name="position">The new zero-based position, 0 to the number of links minus one.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the gallery does not exist in the current tenant or has no such link.</returns>
    /// <exception cref="MediaException">The role or the position is invalid (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<bool> MoveLinkAsync(Guid galleryId, Guid groupId, string role, int position, CancellationToken cancellationToken = default);

    /// <summary>
    /// A gallery as a page shows it: its linked groups in link order, each with the role, the visibility and the group's
    /// assets in order. Only assets that may be shown are included: live (not in the trash) and
    /// <see cref="MediaAssetStatus.Ready"/>, with their variants.
    /// </summary>
    /// <param name="galleryId">The gallery.</param>
    /// <param name="includeMembersOnly">
    /// <see langword="true"/> to include links that are <see cref="MediaGalleryVisibility.MembersOnly"/> (for a signed-in
    /// member); by default only <see cref="MediaGalleryVisibility.Public"/> links are returned.
    /// </param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The gallery, or <see langword="null"/> when it does not exist in the current tenant.</returns>
    Task<MediaGalleryView?> GetAsync(Guid galleryId, bool includeMembersOnly = false, CancellationToken cancellationToken = default);
}
