using System.Text.Json;
using MediaKit.Catalog;

namespace MediaKit.Internal;

/// <summary>Builds audit entries and stages them with the change they describe.</summary>
internal sealed class MediaAudit(IMediaAuditCatalog catalog, IMediaTenantAccessor tenant, IMediaActorAccessor actor, TimeProvider time) : IMediaAuditTrail
{
    public void Record(MediaAsset asset, string action, object? details = null, string? actorId = null)
        => catalog.Stage(new MediaAuditEntry
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            TenantId = asset.TenantId,
            AssetId = asset.Id,
            Action = action,
            Actor = actorId ?? actor.ActorId,
            At = time.GetUtcNow(),

            // Names, sizes and versions only: never file contents, keys or URLs.
            Details = details is null ? null : JsonSerializer.Serialize(details),
        });

    public async Task<MediaPage<MediaAuditEntry>> ListAsync(Guid? assetId = null, string? cursor = null, int limit = MediaQuery.DefaultLimit, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > MediaQuery.MaxLimit)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"The page size must be between 1 and {MediaQuery.MaxLimit}.");
        }

        Guid? before = cursor is null ? null
            : Guid.TryParseExact(cursor, "N", out var parsed) ? parsed
            : throw new MediaException(MediaErrorCodes.InvalidRequest, "The cursor is not one this API returned.");
        var items = await catalog.ListAsync(tenant.TenantId, assetId, before, limit + 1, cancellationToken);
        return items.Count > limit
            ? new MediaPage<MediaAuditEntry>([.. items.Take(limit)], items[limit - 1].Id.ToString("N"), null)
            : new MediaPage<MediaAuditEntry>(items, null, null);
    }
}

/// <summary>The default actor accessor: nobody is known.</summary>
internal sealed class NoActorAccessor : IMediaActorAccessor
{
    public string? ActorId => null;
}
