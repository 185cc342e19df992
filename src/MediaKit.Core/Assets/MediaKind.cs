namespace MediaKit;

/// <summary>The broad kind of a media file, decided from its bytes.</summary>
public enum MediaKind
{
    /// <summary>Anything that is not one of the other kinds (archives, executables, unknown binaries).</summary>
    Other = 0,

    /// <summary>A raster or vector image (JPEG, PNG, GIF, WebP, AVIF, HEIC, SVG).</summary>
    Image = 1,

    /// <summary>A video (MP4, QuickTime, WebM).</summary>
    Video = 2,

    /// <summary>An audio file (MP3, WAV, Ogg, M4A).</summary>
    Audio = 3,

    /// <summary>A document (PDF, Office files, plain text).</summary>
    Document = 4,
}

/// <summary>The review state of an asset. Only <see cref="Ready"/> assets are served to everyone allowed to see them.</summary>
public enum MediaAssetStatus
{
    /// <summary>The asset's bytes are stored and it may be used.</summary>
    Ready = 0,

    /// <summary>The asset waits for a reviewer; only its uploader and reviewers may see it.</summary>
    PendingReview = 1,

    /// <summary>A reviewer rejected the asset.</summary>
    Rejected = 2,
}

/// <summary>Who may read the files of a collection.</summary>
public enum MediaVisibility
{
    /// <summary>Files have stable, cacheable URLs.</summary>
    Public = 0,

    /// <summary>Files are reachable only through signed, expiring URLs or authorized requests.</summary>
    Private = 1,
}
