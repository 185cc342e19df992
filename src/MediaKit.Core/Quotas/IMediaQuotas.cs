namespace MediaKit;

/// <summary>
/// The per-owner storage quotas of the current tenant (<see cref="MediaCollectionOptions.QuotaPerOwner"/>, seed 003).
/// </summary>
/// <remarks>
/// An owner's usage is the sum of <see cref="MediaAsset.Length"/> of the assets they uploaded to the collection, in the
/// trash or not, until they are purged: the bytes of a soft-deleted file are still stored and it can be restored.
/// Variants and previous versions kept after a replacement do not count. Uploads without a known uploader share one
/// quota. <see cref="IMediaStore.UploadAsync"/> admits a file only if it fits, exactly, even when uploads of the same
/// owner run at the same time on several app instances (see docs/decisions.md).
/// </remarks>
public interface IMediaQuotas
{
    /// <summary>How much of a collection's quota an owner uses.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="owner">The uploader's id; <see langword="null"/> for the current actor (<see cref="IMediaActorAccessor"/>).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The bytes used and the bytes allowed (<see langword="null"/> when the collection has no quota).</returns>
    /// <exception cref="MediaCollectionNotFoundException">The collection is not configured.</exception>
    Task<MediaQuotaUsage> GetUsageAsync(string collection, string? owner = null, CancellationToken cancellationToken = default);
}

/// <summary>An owner's usage of a collection's quota.</summary>
/// <param name="Collection">The collection.</param>
/// <param name="Owner">The owner, or <see langword="null"/> for uploads without a known uploader.</param>
/// <param name="Used">The bytes the owner's files take.</param>
/// <param name="Allowed">The quota in bytes, or <see langword="null"/> when the collection has none.</param>
public sealed record MediaQuotaUsage(string Collection, string? Owner, long Used, long? Allowed)
{
    /// <summary>The bytes still free, or <see langword="null"/> without a quota.</summary>
    public long? Remaining => Allowed is { } allowed ? Math.Max(0, allowed - Used) : null;
}

/// <summary>The file does not fit in its owner's quota of the collection (<see cref="MediaErrorCodes.QuotaExceeded"/>). Nothing was stored.</summary>
public sealed class MediaQuotaExceededException(string collection, long used, long allowed, long requested)
    : MediaException(
        MediaErrorCodes.QuotaExceeded,
        $"The file of {requested:N0} bytes does not fit in the quota of collection '{collection}': {used:N0} of {allowed:N0} bytes are used, {Math.Max(0, allowed - used):N0} are free.")
{
    /// <summary>The collection whose quota applies.</summary>
    public string Collection { get; } = collection;

    /// <summary>The bytes the owner already uses.</summary>
    public long Used { get; } = used;

    /// <summary>The quota in bytes.</summary>
    public long Allowed { get; } = allowed;

    /// <summary>The bytes the refused file needed (its length, or what a replacement adds).</summary>
    public long Requested { get; } = requested;
}
