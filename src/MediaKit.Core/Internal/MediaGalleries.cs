using MediaKit.Catalog;

namespace MediaKit.Internal;

/// <summary>The default <see cref="IMediaGalleries"/>: checks arguments and tenancy, decides the new links, and lets the catalog store them.</summary>
internal sealed class MediaGalleries(IMediaGroupCatalog catalog, IMediaTenantAccessor tenant, TimeProvider time) : IMediaGalleries
{
    public async Task<MediaGallery> CreateAsync(string name, string? description = null, CancellationToken cancellationToken = default)
    {
        GroupArguments.CheckName(name, nameof(name));
        GroupArguments.CheckDescription(description);
        var now = time.GetUtcNow();
        var gallery = new MediaGallery
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenant.TenantId,
            Name = name,
            Description = description,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await catalog.AddGalleryAsync(gallery, cancellationToken);
        return gallery;
    }

    public Task<bool> UpdateAsync(Guid galleryId, string name, string? description, CancellationToken cancellationToken = default)
    {
        GroupArguments.CheckName(name, nameof(name));
        GroupArguments.CheckDescription(description);
        return catalog.UpdateGalleryAsync(tenant.TenantId, galleryId, name, description, time.GetUtcNow(), cancellationToken);
    }

    public Task<bool> DeleteAsync(Guid galleryId, CancellationToken cancellationToken = default)
        => catalog.RemoveGalleryAsync(tenant.TenantId, galleryId, cancellationToken);

    public async Task<bool> LinkAsync(Guid galleryId, Guid groupId, string role, MediaGalleryVisibility visibility = MediaGalleryVisibility.Public, int? position = null, CancellationToken cancellationToken = default)
    {
        GroupArguments.CheckRole(role);
        if (!Enum.IsDefined(visibility))
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"'{visibility}' is not a gallery visibility.");
        }

        if (position is < 0)
        {
            throw GroupArguments.PositionOutOfRange(position.Value);
        }

        var tenantId = tenant.TenantId;
        if (!await catalog.GroupExistsAsync(tenantId, groupId, cancellationToken))
        {
            return false;
        }

        return await catalog.EditLinksAsync(
            tenantId,
            galleryId,
            current =>
            {
                List<MediaGalleryGroup> links = [.. current];
                var index = links.FindIndex(l => l.GroupId == groupId && l.Role == role);
                MediaGalleryGroup link;
                if (index >= 0)
                {
                    link = links[index];
                    link.Visibility = visibility;
                    if (position is null)
                    {
                        return links;
                    }

                    links.RemoveAt(index);
                }
                else
                {
                    link = new MediaGalleryGroup { GalleryId = galleryId, GroupId = groupId, Role = role, Visibility = visibility };
                }

                var at = position ?? links.Count;
                if (at > links.Count)
                {
                    throw GroupArguments.PositionOutOfRange(at);
                }

                links.Insert(at, link);
                return links;
            },
            time.GetUtcNow(),
            cancellationToken);
    }

    public async Task<bool> UnlinkAsync(Guid galleryId, Guid groupId, string role, CancellationToken cancellationToken = default)
    {
        GroupArguments.CheckRole(role);
        var found = false;
        var exists = await catalog.EditLinksAsync(
            tenant.TenantId,
            galleryId,
            current =>
            {
                found = current.Any(l => l.GroupId == groupId && l.Role == role);
                return found ? [.. current.Where(l => !(l.GroupId == groupId && l.Role == role))] : current;
            },
            time.GetUtcNow(),
            cancellationToken);
        return exists && found;
    }

    public async Task<bool> MoveLinkAsync(Guid galleryId, Guid groupId, string role, int position, CancellationToken cancellationToken = default)
    {
        GroupArguments.CheckRole(role);
        if (position < 0)
        {
            throw GroupArguments.PositionOutOfRange(position);
        }

        var found = false;
        var exists = await catalog.EditLinksAsync(
            tenant.TenantId,
            galleryId,
            current =>
            {
                var from = current.ToList().FindIndex(l => l.GroupId == groupId && l.Role == role);
                found = from >= 0;
                return found ? GroupArguments.Move(current, from, position) : current;
            },
            time.GetUtcNow(),
            cancellationToken);
        return exists && found;
    }

    public Task<MediaGalleryView?> GetAsync(Guid galleryId, bool includeMembersOnly = false, CancellationToken cancellationToken = default)
        => catalog.GetGalleryViewAsync(tenant.TenantId, galleryId, includeMembersOnly, cancellationToken);
}
