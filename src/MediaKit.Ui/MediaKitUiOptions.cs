namespace MediaKit.Ui;

/// <summary>Settings of MediaKit's Blazor components (<c>AddMediaKitUi</c>).</summary>
public sealed class MediaKitUiOptions
{
    /// <summary>
    /// The path prefix the host gave <c>MapMediaKit</c> (default <c>/api/media</c>): the components upload to
    /// <c>{ApiPath}/upload</c> from the browser, with byte progress, and link the CSV export under it.
    /// </summary>
    public string ApiPath { get; set; } = "/api/media";

    /// <summary>Files shown per page in the picker's library tab and the library grid (default 48, at most 200).</summary>
    public int PageSize { get; set; } = 48;

    /// <summary>
    /// Where a usage links to, such as <c>u =&gt; u.ResourceType == "product" ? $"/products/{u.ResourceId}" : null</c>; the
    /// library's details panel lists "used by" with these links (no link when <see langword="null"/>).
    /// </summary>
    public Func<MediaUsage, string?>? UsageLink { get; set; }
}
