namespace MediaKit;

/// <summary>The limits and permissions of an import (<see cref="IMediaImporter"/>).</summary>
public sealed class MediaImportOptions
{
    /// <summary>The default <see cref="MaxLength"/>: 50 MB (decimal).</summary>
    public const long DefaultMaxLength = 50_000_000;

    /// <summary>The default <see cref="MaxRedirects"/>.</summary>
    public const int DefaultMaxRedirects = 5;

    /// <summary>The default <see cref="Timeout"/>: 30 seconds.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Directories whose files may be imported by local path. Empty by default: no local file can be imported.
    /// A path is accepted only when, after resolving <c>..</c> and every symbolic link, it is a regular file inside one
    /// of these directories (which may themselves be links).
    /// </summary>
    public IList<string> AllowedRoots { get; } = [];

    /// <summary>
    /// Whether URLs may point at loopback (<c>127.0.0.0/8</c>, <c>::1</c>), private (<c>10/8</c>, <c>172.16/12</c>,
    /// <c>192.168/16</c>, <c>fc00::/7</c>) and carrier-grade NAT (<c>100.64/10</c>) addresses. Default <see langword="false"/>.
    /// </summary>
    /// <remarks>
    /// For tests and for intranets whose old file server has a private address only: turning it on lets whoever
    /// writes the rows make the server send requests into its own network. Link-local addresses (including the cloud
    /// metadata endpoint <c>169.254.169.254</c>), unspecified, multicast and reserved addresses stay refused.
    /// </remarks>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// The most bytes read from one source; reading stops at the limit. Default <see cref="DefaultMaxLength"/>.
    /// The collection's own size limit applies as well.
    /// </summary>
    public long MaxLength { get; set; } = DefaultMaxLength;

    /// <summary>The longest one source may take, from the first connection to the stored asset. Default <see cref="DefaultTimeout"/>.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>How many HTTP redirects are followed for one URL, each checked like the first request. 0 to 20; default <see cref="DefaultMaxRedirects"/>.</summary>
    public int MaxRedirects { get; set; } = DefaultMaxRedirects;

    /// <summary>Recorded as the uploader (<see cref="MediaAsset.UploadedBy"/>) of every imported asset.</summary>
    public string? UploadedBy { get; set; }
}
