namespace MediaKit.Storage;

/// <summary>
/// Moves assets from one configured blob store to another (for example from local disk to S3) while the app keeps serving them.
/// </summary>
/// <remarks>
/// <para>For each asset still on the source store: every file of the asset (original, previous versions, variants) is copied to
/// the target store and read back there, and its SHA-256 must match the bytes read from the source (and, for originals and
/// versions, the recorded <see cref="MediaAsset.Sha256"/>); then the record is switched to the target with an optimistic
/// concurrency check, with an audit entry (<see cref="MediaAuditActions.Moved"/>) in the same save; only after that save are the
/// source copies deleted. An asset that changed during its copy is copied again; one that was purged is skipped and its copies
/// removed.</para>
/// <para>Progress lives in the catalog (assets whose <see cref="MediaAsset.StoreName"/> is still the source), so a move can be
/// stopped at any point and run again: an interruption between copy and switch leaves copies on the target that the next run
/// overwrites or that <see cref="IMediaReconciler"/> removes, never a record without its bytes. Several app instances may run the
/// same move: each asset is claimed in the database before it is copied.</para>
/// </remarks>
public interface IMediaStoreMover
{
    /// <summary>Moves every asset of every tenant, in the trash or not, from <paramref name="sourceStore"/> to <paramref name="targetStore"/>.</summary>
    /// <param name="sourceStore">The name of the store to empty.</param>
    /// <param name="targetStore">The name of the store to move to.</param>
    /// <param name="cancellationToken">Stops the move; what was switched stays switched and the rest stays on the source.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="MediaException">A store name is not registered (<see cref="MediaErrorCodes.StoreNotConfigured"/>), or both are the same
    /// (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaStoreMoveReport> MoveAsync(string sourceStore, string targetStore, CancellationToken cancellationToken = default);

    /// <summary>Counts the assets of every tenant, in the trash or not, whose files are on <paramref name="storeName"/>: the work a move has left.</summary>
    /// <param name="storeName">A store name.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The number of assets.</returns>
    Task<long> CountAssetsAsync(string storeName, CancellationToken cancellationToken = default);
}

/// <summary>What one run of <see cref="IMediaStoreMover.MoveAsync"/> did.</summary>
/// <param name="Moved">Assets switched to the target store.</param>
/// <param name="Retried">Copies redone because the asset changed while it was being copied.</param>
/// <param name="Skipped">Assets another instance was moving, or that were purged or moved meanwhile.</param>
/// <param name="Failed">Assets left on the source because a copy failed or did not verify; they are tried again by the next run.</param>
/// <param name="FilesCopied">Files copied and verified.</param>
/// <param name="BytesCopied">Bytes copied.</param>
public sealed record MediaStoreMoveReport(int Moved, int Retried, int Skipped, int Failed, int FilesCopied, long BytesCopied);
