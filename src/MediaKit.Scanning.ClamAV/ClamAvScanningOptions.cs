namespace MediaKit.Scanning.ClamAV;

/// <summary>How MediaKit reaches clamd, and what an upload does when clamd cannot give a verdict.</summary>
public sealed class ClamAvScanningOptions
{
    /// <summary>The host name or IP address of clamd's TCP socket (<c>TCPSocket</c>/<c>TCPAddr</c> in clamd.conf). Default <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The TCP port of clamd. Default 3310, clamd's own default.</summary>
    public int Port { get; set; } = 3310;

    /// <summary>
    /// The path of clamd's Unix socket (<c>LocalSocket</c> in clamd.conf). When set, it is used instead of
    /// <see cref="Host"/> and <see cref="Port"/>. Default <see langword="null"/>.
    /// </summary>
    public string? UnixSocketPath { get; set; }

    /// <summary>How long connecting to clamd may take before it counts as unreachable. Default 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one scan may take in all (sending the file and waiting for the verdict). Default 2 minutes.</summary>
    public TimeSpan ScanTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The size of the chunks the file is sent in, in bytes; it is also the only buffer a scan holds. Default 64 KiB;
    /// between 1 KiB and 1 MiB.
    /// </summary>
    public int ChunkSize { get; set; } = 64 * 1024;

    /// <summary>
    /// What an upload does when clamd gives no verdict (unreachable, timed out, or refused the stream, for example over
    /// its <c>StreamMaxLength</c>). <see langword="false"/> (the default) fails closed: the upload is refused with
    /// <see cref="MediaErrorCodes.ScanUnavailable"/> or <see cref="MediaErrorCodes.ScanFailed"/> and nothing is stored.
    /// <see langword="true"/> fails open: the file is stored unscanned and a warning is logged.
    /// </summary>
    public bool FailOpen { get; set; }
}
