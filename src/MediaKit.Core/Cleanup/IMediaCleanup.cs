namespace MediaKit;

/// <summary>
/// The cleanup job: moves expired assets and (when configured) old orphans to the trash, and purges assets that stayed in the
/// trash past the retention period. Safe on several app instances at once: a lease in the database lets one run at a time.
/// </summary>
/// <remarks>Run it from your own scheduler, or add <c>AddCleanupService()</c> on the builder to run it every <see cref="MediaCleanupOptions.Interval"/>.</remarks>
public interface IMediaCleanup
{
    /// <summary>Runs the job once over every tenant.</summary>
    /// <returns>What was done; <see cref="MediaCleanupReport.Skipped"/> when another instance holds the lease.</returns>
    Task<MediaCleanupReport> RunAsync(CancellationToken cancellationToken = default);
}

/// <summary>What one run of the cleanup job did.</summary>
/// <param name="Skipped">Whether the run was skipped because another instance holds the job's lease.</param>
/// <param name="ExpiredDeleted">Assets moved to the trash because their <see cref="MediaAsset.ExpiresAt"/> passed.</param>
/// <param name="OrphansDeleted">Orphans moved to the trash.</param>
/// <param name="Purged">Assets purged after their time in the trash (record, bytes and variants).</param>
/// <param name="VersionsRemoved">Previous files of replaced assets removed after their retention.</param>
public sealed record MediaCleanupReport(bool Skipped, int ExpiredDeleted, int OrphansDeleted, int Purged, int VersionsRemoved = 0);
