using MediaKit.Catalog;

namespace MediaKit.Internal;

/// <summary>The default <see cref="IMediaGroups"/>: checks arguments and tenancy, decides the new order, and lets the catalog store it.</summary>
internal sealed class MediaGroups(IMediaGroupCatalog catalog, IMediaCatalog assets, IMediaTenantAccessor tenant, TimeProvider time) : IMediaGroups
{
    public async Task<MediaGroup> CreateAsync(string name, string? description = null, CancellationToken cancellationToken = default)
    {
        GroupArguments.CheckName(name, nameof(name));
        GroupArguments.CheckDescription(description);
        var now = time.GetUtcNow();
        var group = new MediaGroup
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenant.TenantId,
            Name = name,
            Description = description,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await catalog.AddGroupAsync(group, cancellationToken);
        return group;
    }

    public Task<bool> UpdateAsync(Guid groupId, string name, string? description, CancellationToken cancellationToken = default)
    {
        GroupArguments.CheckName(name, nameof(name));
        GroupArguments.CheckDescription(description);
        return catalog.UpdateGroupAsync(tenant.TenantId, groupId, name, description, time.GetUtcNow(), cancellationToken);
    }

    public async Task<MediaGroup?> GetAsync(Guid groupId, CancellationToken cancellationToken = default)
    {
        var group = await catalog.FindGroupAsync(tenant.TenantId, groupId, cancellationToken);
        if (group is not null)
        {
            // Purging an asset removes its item by cascade and leaves a gap; callers see the order, not the gap.
            group.Items = [.. group.Items.OrderBy(i => i.Position)];
            for (var position = 0; position < group.Items.Count; position++)
            {
                group.Items[position].Position = position;
            }
        }

        return group;
    }

    public async Task<MediaPage<MediaGroup>> ListAsync(string? cursor = null, int limit = MediaQuery.DefaultLimit, CancellationToken cancellationToken = default)
    {
        GroupArguments.CheckLimit(limit);
        var after = GroupArguments.ParseCursor(cursor);
        var groups = await catalog.ListGroupsAsync(tenant.TenantId, after, limit + 1, cancellationToken);
        return groups.Count > limit
            ? new MediaPage<MediaGroup>([.. groups.Take(limit)], groups[limit - 1].Id.ToString("N"), null)
            : new MediaPage<MediaGroup>(groups, null, null);
    }

    public Task<bool> DeleteAsync(Guid groupId, CancellationToken cancellationToken = default)
        => catalog.RemoveGroupAsync(tenant.TenantId, groupId, cancellationToken);

    public async Task<bool> SetItemsAsync(Guid groupId, IReadOnlyList<Guid> assetIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assetIds);
        if (assetIds.Distinct().Count() != assetIds.Count)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, "An asset appears more than once in the group's items.");
        }

        var tenantId = tenant.TenantId;
        await LiveAssets.EnsureAsync(assets, tenantId, assetIds, cancellationToken);
        List<Guid> wanted = [.. assetIds];
        return await catalog.EditItemsAsync(tenantId, groupId, _ => wanted, time.GetUtcNow(), cancellationToken);
    }

    public async Task<bool> AddItemAsync(Guid groupId, Guid assetId, int? position = null, CancellationToken cancellationToken = default)
    {
        if (position is < 0)
        {
            throw GroupArguments.PositionOutOfRange(position.Value);
        }

        var tenantId = tenant.TenantId;
        await LiveAssets.EnsureAsync(assets, tenantId, [assetId], cancellationToken);
        return await catalog.EditItemsAsync(
            tenantId,
            groupId,
            current =>
            {
                if (current.Contains(assetId))
                {
                    throw new MediaException(MediaErrorCodes.InvalidRequest, $"Media asset {assetId} is already in the group.");
                }

                var at = position ?? current.Count;
                if (at > current.Count)
                {
                    throw GroupArguments.PositionOutOfRange(at);
                }

                List<Guid> items = [.. current];
                items.Insert(at, assetId);
                return items;
            },
            time.GetUtcNow(),
            cancellationToken);
    }

    public async Task<bool> RemoveItemAsync(Guid groupId, Guid assetId, CancellationToken cancellationToken = default)
    {
        var found = false;
        var exists = await catalog.EditItemsAsync(
            tenant.TenantId,
            groupId,
            current =>
            {
                found = current.Contains(assetId);
                return found ? [.. current.Where(id => id != assetId)] : current;
            },
            time.GetUtcNow(),
            cancellationToken);
        return exists && found;
    }

    public async Task<bool> MoveItemAsync(Guid groupId, Guid assetId, int position, CancellationToken cancellationToken = default)
    {
        if (position < 0)
        {
            throw GroupArguments.PositionOutOfRange(position);
        }

        var found = false;
        var exists = await catalog.EditItemsAsync(
            tenant.TenantId,
            groupId,
            current =>
            {
                var from = IndexOf(current, assetId);
                found = from >= 0;
                return found ? GroupArguments.Move(current, from, position) : current;
            },
            time.GetUtcNow(),
            cancellationToken);
        return exists && found;
    }

    private static int IndexOf(IReadOnlyList<Guid> items, Guid assetId)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] == assetId)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>The argument rules shared by groups and galleries.</summary>
internal static class GroupArguments
{
    public const int MaxNameLength = 256;
    public const int MaxDescriptionLength = 2048;
    public const int MaxRoleLength = 64;

    public static void CheckName(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (name.Length is 0 or > MaxNameLength || string.IsNullOrWhiteSpace(name) || name.Any(char.IsControl))
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"A name must be 1 to {MaxNameLength} characters, not only spaces, without control characters.");
        }
    }

    public static void CheckDescription(string? description)
    {
        if (description is { Length: > MaxDescriptionLength })
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"A description must be at most {MaxDescriptionLength} characters.");
        }
    }

    public static void CheckRole(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        if (role.Length is 0 or > MaxRoleLength || !role.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-'))
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"A role must be 1 to {MaxRoleLength} characters of a-z, 0-9, '_' and '-' (was '{role}').");
        }
    }

    public static void CheckLimit(int limit)
    {
        if (limit is < 1 or > MediaQuery.MaxLimit)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"The page size must be between 1 and {MediaQuery.MaxLimit}.");
        }
    }

    public static Guid? ParseCursor(string? cursor)
        => cursor is null ? null
            : Guid.TryParseExact(cursor, "N", out var parsed) ? parsed
            : throw new MediaException(MediaErrorCodes.InvalidRequest, "The cursor is not one this API returned.");

    public static MediaException PositionOutOfRange(int position)
        => new(MediaErrorCodes.InvalidRequest, $"Position {position} is outside the list.");

    /// <summary>The list with the element at <paramref name="from"/> moved to <paramref name="to"/>.</summary>
    public static List<T> Move<T>(IReadOnlyList<T> items, int from, int to)
    {
        if (to >= items.Count)
        {
            throw PositionOutOfRange(to);
        }

        List<T> moved = [.. items];
        var item = moved[from];
        moved.RemoveAt(from);
        moved.Insert(to, item);
        return moved;
    }
}
