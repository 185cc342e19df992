namespace MediaKit.Processing;

/// <summary>
/// Reads the dimensions, duration and other facts of a stored file during upload. Image engines
/// (<c>MediaKit.Imaging.Vips</c>) and media tools (ffprobe) implement it; several may be registered.
/// </summary>
public interface IMediaProbe
{
    /// <summary>Whether this probe understands files of <paramref name="contentType"/>.</summary>
    bool CanProbe(string contentType);

    /// <summary>Probes a file.</summary>
    /// <param name="content">The stored file, opened for reading.</param>
    /// <param name="contentType">The content type decided from the bytes.</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>What was found, or <see langword="null"/> when nothing could be read (the upload still succeeds).</returns>
    /// <exception cref="MediaException">The file is corrupt or breaks a decoding limit; the upload is rolled back.</exception>
    Task<MediaProbeResult?> ProbeAsync(Stream content, string contentType, CancellationToken cancellationToken);
}

/// <summary>What a probe found about a file.</summary>
public sealed record MediaProbeResult
{
    /// <summary>The upright width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>The upright height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>The duration in seconds.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>A compact placeholder string for images.</summary>
    public string? Placeholder { get; init; }

    /// <summary>Other facts found, by the keys of <see cref="MediaMetadataKeys"/> (or a probe's own prefixed keys).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>
/// Scans uploaded files for malware (ClamAV and the like). Every registered scanner sees every file before its record is committed.
/// </summary>
public interface IMediaScanner
{
    /// <summary>Scans a stored file.</summary>
    /// <param name="content">The stored file, opened for reading.</param>
    /// <param name="contentType">The content type decided from the bytes.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The verdict.</returns>
    Task<MediaScanResult> ScanAsync(Stream content, string contentType, CancellationToken cancellationToken);
}

/// <summary>A scanner's verdict.</summary>
/// <param name="IsClean">Whether the file may be stored.</param>
/// <param name="Threat">The name of what was found, when the file is not clean.</param>
public sealed record MediaScanResult(bool IsClean, string? Threat = null)
{
    /// <summary>A clean verdict.</summary>
    public static MediaScanResult Clean { get; } = new(true);
}
