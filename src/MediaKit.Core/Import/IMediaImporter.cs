namespace MediaKit;

/// <summary>
/// Turns references to existing files (seed 001's old URL columns, seed 004's <c>products.image_url</c>) into assets
/// plus usages: each row's source is fetched, uploaded through <see cref="IMediaStore.UploadAsync"/> (so every rule of
/// the collection applies) and referenced through <see cref="IMediaUsages"/>.
/// </summary>
/// <remarks>
/// <para><b>Idempotent.</b> Running the same rows again imports nothing twice. Before uploading, the importer compares
/// the source's SHA-256 with the assets the row's field already references in the row's collection; a match is
/// reported <see cref="MediaImportOutcome.AlreadyImported"/> and nothing is stored. No marker is written anywhere:
/// the content is the identity, so a renamed or re-hosted file is still recognized and a file whose content changed at
/// the same URL is imported as new. The price is that a re-run reads each source again (but stores nothing).</para>
/// <para><b>Safe to point at the internet.</b> URLs are fetched without a proxy; every connection, including every
/// redirect hop, is checked after DNS resolution and made to the checked address, and loopback, private, link-local
/// (cloud metadata), unspecified, multicast and reserved addresses are refused unless
/// <see cref="MediaImportOptions.AllowPrivateNetworks"/> says otherwise. Size and time limits apply per source.
/// Local paths are read only under <see cref="MediaImportOptions.AllowedRoots"/>.</para>
/// <para>Rows are processed one at a time, in order; a failing row is reported and the import goes on. The service is
/// scoped and works in the tenant of <see cref="IMediaTenantAccessor"/>. Register with <c>services.AddMediaKit()</c>;
/// default options come from <c>services.Configure&lt;MediaImportOptions&gt;(...)</c>.</para>
/// </remarks>
public interface IMediaImporter
{
    /// <summary>Imports rows as they arrive (for example while reading a CSV or a database query).</summary>
    /// <param name="rows">The rows; enumerated once. Row numbers in the report start at 1 in this order.</param>
    /// <param name="options">The limits and permissions of this import, or <see langword="null"/> for the configured <see cref="MediaImportOptions"/>.</param>
    /// <param name="cancellationToken">Stops the import between or during rows; what was imported stays.</param>
    /// <returns>One result per row.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<MediaImportReport> ImportAsync(IAsyncEnumerable<MediaImportRow> rows, MediaImportOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Imports a list of rows.</summary>
    /// <param name="rows">The rows; enumerated once. Row numbers in the report start at 1 in this order.</param>
    /// <param name="options">The limits and permissions of this import, or <see langword="null"/> for the configured <see cref="MediaImportOptions"/>.</param>
    /// <param name="cancellationToken">Stops the import between or during rows; what was imported stays.</param>
    /// <returns>One result per row.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<MediaImportReport> ImportAsync(IEnumerable<MediaImportRow> rows, MediaImportOptions? options = null, CancellationToken cancellationToken = default);
}
