namespace MediaKit.AspNetCore;

/// <summary>Options of the HTTP API mapped by <c>MapMediaKit</c>.</summary>
public sealed class MediaKitEndpointOptions
{
    /// <summary>The most files one upload request may carry. Default 20.</summary>
    public int MaxFilesPerRequest { get; set; } = 20;

    /// <summary>How long browsers and CDNs may cache public file responses. Default 365 days (URLs change when content changes).</summary>
    public TimeSpan PublicCacheMaxAge { get; set; } = TimeSpan.FromDays(365);
}
