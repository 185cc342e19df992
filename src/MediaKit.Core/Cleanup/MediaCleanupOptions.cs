namespace MediaKit;

/// <summary>The rules of the cleanup job (<see cref="IMediaCleanup"/>), validated at startup.</summary>
public sealed class MediaCleanupOptions
{
    /// <summary>How old an asset without usages must be before it counts as an orphan. Default one day, so a file just uploaded in a form that is not yet saved is never an orphan.</summary>
    public TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// When set, orphans older than this are moved to the trash by the job; <see langword="null"/> (the default) only reports them.
    /// Must not be shorter than <see cref="OrphanGracePeriod"/>.
    /// </summary>
    public TimeSpan? DeleteOrphansAfter { get; set; }

    /// <summary>How long an asset stays in the trash before the job purges its record, bytes and variants. Default 30 days; <see langword="null"/> never purges.</summary>
    public TimeSpan? PurgeDeletedAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long the previous file of a replaced asset is kept before the job removes it. Default 30 days; <see langword="null"/> keeps it until the asset is purged.</summary>
    public TimeSpan? KeepReplacedVersionsFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the background service runs the job. Default one hour.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many assets one step handles before it saves; a run takes as many steps as there is work. Default 200.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long an instance's claim on the job lasts unless renewed; another instance takes over after a crash. Default 10 minutes.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);
}
