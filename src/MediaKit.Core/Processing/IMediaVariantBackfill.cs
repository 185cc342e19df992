namespace MediaKit.Processing;

/// <summary>
/// Generates the variants that existing assets are missing, after a collection's variant settings changed (a variant added,
/// or an asset stored before variants were enabled). Safe to run on several app instances at once: each collection is
/// claimed through a lease in the database, so one instance works on it at a time.
/// </summary>
/// <remarks>
/// A variant is missing when the asset has no variant of that name. Changing an existing definition (its width, its
/// format) does not regenerate it: give the changed definition a new name, or replace the file.
/// </remarks>
public interface IMediaVariantBackfill
{
    /// <summary>Runs one pass over every collection with variants, in batches.</summary>
    /// <param name="cancellationToken">Stops the pass between assets; what was saved stays.</param>
    /// <returns>What the pass did.</returns>
    Task<MediaVariantBackfillReport> RunAsync(CancellationToken cancellationToken = default);
}

/// <summary>What one backfill pass did.</summary>
/// <param name="CollectionsSkipped">Collections another instance was working on (its lease was held).</param>
/// <param name="AssetsExamined">Assets looked at.</param>
/// <param name="AssetsUpdated">Assets that received variants or a placeholder.</param>
/// <param name="VariantsGenerated">Variant files generated and saved.</param>
/// <param name="AssetsFailed">Assets whose variants could not be generated (corrupt file, a limit, a conflict); they are retried on the next pass.</param>
public sealed record MediaVariantBackfillReport(int CollectionsSkipped, int AssetsExamined, int AssetsUpdated, int VariantsGenerated, int AssetsFailed);

/// <summary>The rules of the variant backfill, validated at startup.</summary>
public sealed class MediaVariantBackfillOptions
{
    /// <summary>How often the background service (<c>AddVariantBackfillService</c>) runs a pass; it also runs one at startup. Default one hour.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many assets are read per step; the lease is renewed between steps. Default 50.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long an instance's claim on a collection lasts unless renewed; another instance takes over after a crash. Default 10 minutes.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);
}
