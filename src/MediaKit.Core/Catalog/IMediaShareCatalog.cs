namespace MediaKit.Catalog;

/// <summary>
/// The persistence of share links. <c>MediaKit.EfCore</c> implements it; every write also saves the audit entries staged
/// for it (<see cref="IMediaAuditCatalog.Stage"/>) in the same transaction, or discards them when it saves nothing.
/// </summary>
public interface IMediaShareCatalog
{
    /// <summary>Stores a new link and commits.</summary>
    Task AddAsync(MediaShareLink link, CancellationToken cancellationToken);

    /// <summary>The links of an asset of the tenant, newest first, untracked.</summary>
    Task<IReadOnlyList<MediaShareLink>> ListAsync(string tenantId, Guid assetId, CancellationToken cancellationToken);

    /// <summary>A link of the tenant by id, untracked.</summary>
    Task<MediaShareLink?> FindAsync(string tenantId, Guid linkId, CancellationToken cancellationToken);

    /// <summary>A link of any tenant by the SHA-256 of its token (64 lowercase hexadecimal characters), untracked.</summary>
    Task<MediaShareLink?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Sets <see cref="MediaShareLink.RevokedAt"/> of an active link of the tenant, with the staged audit entries.</summary>
    /// <returns><see langword="false"/> when the tenant has no such link or it was revoked already (nothing is saved).</returns>
    Task<bool> RevokeAsync(string tenantId, Guid linkId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one use of a link atomically in the database — only if it is not revoked, <see cref="MediaShareLink.ExpiresAt"/> is
    /// after <paramref name="now"/> and its <see cref="MediaShareLink.UseCount"/> is below <see cref="MediaShareLink.MaxUses"/> —
    /// and saves the staged audit entries in the same transaction. Concurrent uses can never count past the maximum.
    /// </summary>
    /// <returns>The use count after this use, or <see langword="null"/> when the link could not be used (nothing is saved).</returns>
    Task<int?> TryUseAsync(Guid linkId, DateTimeOffset now, CancellationToken cancellationToken);
}
