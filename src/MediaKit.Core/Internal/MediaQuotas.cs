using MediaKit.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MediaKit.Internal;

/// <summary>
/// Enforces <see cref="MediaCollectionOptions.QuotaPerOwner"/>: an early, advisory check before any byte is read, and the
/// exact one at the commit, under the owner's quota lock in the catalog (<see cref="IMediaQuotaCatalog.AdmitAsync"/>).
/// </summary>
internal sealed partial class MediaQuotas(
    IMediaCatalog catalog,
    IMediaTenantAccessor tenant,
    IMediaActorAccessor actor,
    IOptions<MediaKitOptions> options,
    IMediaQuotaCatalog? quotaCatalog = null,
    ILogger<MediaQuotas>? logger = null) : IMediaQuotas
{
    private readonly ILogger _logger = logger ?? NullLogger<MediaQuotas>.Instance;

    public async Task<MediaQuotaUsage> GetUsageAsync(string collection, string? owner = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var policy = options.Value.Collections.Find(collection) ?? throw new MediaCollectionNotFoundException(collection);
        owner ??= actor.ActorId;
        var used = await RequireCatalog().GetUsedBytesAsync(tenant.TenantId, policy.Name, owner, cancellationToken);
        return new MediaQuotaUsage(policy.Name, owner, used, policy.QuotaPerOwner);
    }

    /// <summary>
    /// Refuses an upload before its bytes are read when the owner's quota is already full or the declared length cannot fit.
    /// Advisory only (concurrent uploads may change the usage): <see cref="AddAsync"/> decides.
    /// </summary>
    public async Task EnsureRoomAsync(MediaCollectionOptions collection, string? owner, long? declaredLength, CancellationToken cancellationToken)
    {
        if (collection.QuotaPerOwner is not { } limit)
        {
            return;
        }

        var used = await RequireCatalog().GetUsedBytesAsync(tenant.TenantId, collection.Name, owner, cancellationToken);
        var requested = declaredLength ?? 0;
        if (used + Math.Max(requested, 1) > limit)
        {
            Log.Refused(_logger, collection.Name, used, limit, requested);
            throw new MediaQuotaExceededException(collection.Name, used, limit, requested);
        }
    }

    /// <summary>Adds a new asset through the catalog; with a quota, only if it fits, atomically with the insert.</summary>
    /// <exception cref="MediaQuotaExceededException">The asset does not fit; nothing was saved and the staged audit entries were discarded.</exception>
    public Task AddAsync(MediaCollectionOptions collection, MediaAsset asset, CancellationToken cancellationToken)
        => CommitAsync(collection, asset.UploadedBy, asset.Length, ct => catalog.AddAsync(asset, ct), cancellationToken);

    /// <summary>
    /// Runs <paramref name="commit"/> (a catalog write) when the collection has no quota, or when <paramref name="additionalBytes"/>
    /// fit in the owner's quota, under the owner's quota lock. A change that adds nothing (a smaller replacement) always fits.
    /// </summary>
    /// <exception cref="MediaQuotaExceededException">It does not fit; nothing was saved.</exception>
    public async Task CommitAsync(MediaCollectionOptions collection, string? owner, long additionalBytes, Func<CancellationToken, Task> commit, CancellationToken cancellationToken)
    {
        if (collection.QuotaPerOwner is not { } limit || additionalBytes <= 0)
        {
            await commit(cancellationToken);
            return;
        }

        var admission = await RequireCatalog().AdmitAsync(tenant.TenantId, collection.Name, owner, additionalBytes, limit, commit, cancellationToken);
        if (!admission.Admitted)
        {
            Log.Refused(_logger, collection.Name, admission.UsedBytes, limit, additionalBytes);
            throw new MediaQuotaExceededException(collection.Name, admission.UsedBytes, limit, additionalBytes);
        }
    }

    private IMediaQuotaCatalog RequireCatalog()
        => quotaCatalog ?? throw new InvalidOperationException(
            "MediaKit: a collection has a QuotaPerOwner but the catalog provider does not implement IMediaQuotaCatalog. Use UseEntityFrameworkCore<TContext>() or register one.");

    private static partial class Log
    {
        [LoggerMessage(EventId = 1921, Level = LogLevel.Information, Message = "Upload to collection {Collection} refused by the quota: {Used} of {Allowed} bytes used, {Requested} requested")]
        public static partial void Refused(ILogger logger, string collection, long used, long allowed, long requested);
    }
}
