namespace MediaKit.Catalog;

/// <summary>
/// What exact per-owner quotas need from the catalog. <c>MediaKit.EfCore</c> implements it on the host's <c>DbContext</c>.
/// </summary>
/// <remarks>
/// An owner's usage is the sum of <see cref="MediaAsset.Length"/> over the owner's assets of a collection, in the trash or
/// not; an <c>owner</c> of <see langword="null"/> means assets without <see cref="MediaAsset.UploadedBy"/>.
/// </remarks>
public interface IMediaQuotaCatalog
{
    /// <summary>The bytes an owner's assets of a collection take.</summary>
    Task<long> GetUsedBytesAsync(string tenantId, string collection, string? owner, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="commit"/> (which saves through the catalog on the same unit of work) only if the owner's usage
    /// plus <paramref name="additionalBytes"/> stays within <paramref name="limit"/>, in one transaction that holds the
    /// owner's quota lock from the check to the commit, so concurrent admissions of the same owner, on any number of app
    /// instances, are serialized and can never admit more than fits. Nothing is reserved outside that transaction, so a
    /// crash leaves nothing to release.
    /// </summary>
    /// <returns>Whether it was admitted (and committed), and the usage the decision was made on.</returns>
    Task<MediaQuotaAdmission> AdmitAsync(
        string tenantId,
        string collection,
        string? owner,
        long additionalBytes,
        long limit,
        Func<CancellationToken, Task> commit,
        CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IMediaQuotaCatalog.AdmitAsync"/>.</summary>
/// <param name="Admitted">Whether the change fit and was committed.</param>
/// <param name="UsedBytes">The owner's usage before the change, read under the quota lock.</param>
public readonly record struct MediaQuotaAdmission(bool Admitted, long UsedBytes);
