namespace MediaKit.AspNetCore;

/// <summary>Options of the HTTP API mapped by <c>MapMediaKit</c>.</summary>
public sealed class MediaKitEndpointOptions
{
    /// <summary>The most files one upload request may carry. Default 20.</summary>
    public int MaxFilesPerRequest { get; set; } = 20;

    /// <summary>
    /// How long browsers and CDNs may cache public file responses whose URL names the current bytes (the <c>v</c> parameter
    /// <see cref="IMediaUrls"/> writes; it changes when the file is replaced). Default 365 days. A URL without it is cacheable
    /// but revalidated every time (<c>public, no-cache</c>, answered with a 304 while the bytes are unchanged).
    /// </summary>
    public TimeSpan PublicCacheMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Whether a signed-in user may read files of private collections through <c>GET {id}/content</c> without a signed URL.
    /// Default <see langword="false"/>: every private read needs a valid, unexpired signature. When <see langword="true"/>,
    /// a request without a signature is served if <c>HttpContext.User</c> is authenticated; the authorization the host puts on
    /// the group returned by <c>MapMediaKit</c> decides who that is. A request that carries a signature is always judged by
    /// it. Keep in mind that an authorization policy on the group also applies to the content endpoint, so anonymous
    /// holders of signed URLs need it to allow them.
    /// </summary>
    public bool AllowAuthorizedPrivateReads { get; set; }

    /// <summary>The longest lifetime <c>GET {id}/signed-url</c> hands out (its <c>expiresIn</c>, in seconds, is capped by it). Default one hour.</summary>
    public TimeSpan MaxSignedUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Whether a user who may upload (<see cref="MediaKitPolicies.Upload"/>) may also delete the files they uploaded themselves
    /// (seed 001: "only the uploader or a manager may delete"). Default <see langword="false"/>: deleting needs
    /// <see cref="MediaKitPolicies.Manage"/>. When <see langword="true"/>, <c>DELETE /{id}</c> and <c>POST /bulk-delete</c> need
    /// <see cref="MediaKitPolicies.Upload"/>, and a caller without <see cref="MediaKitPolicies.Manage"/> is refused with 403
    /// (<see cref="MediaErrorCodes.Forbidden"/>) for a file someone else uploaded. Purging always needs <see cref="MediaKitPolicies.Manage"/>.
    /// </summary>
    public bool UploaderMayDelete { get; set; }

    /// <summary>The most ids one <c>POST /bulk-delete</c> or <c>GET /export.csv</c> request may name. Default 200.</summary>
    public int MaxIdsPerRequest { get; set; } = 200;

    /// <summary>
    /// The bytes an upload request may carry beyond its files (multipart headers and boundaries, form fields), added to the
    /// collection's size limit times the number of files allowed when the request body limit is set. Default 64 KiB per file.
    /// </summary>
    public long MultipartOverheadPerFile { get; set; } = 64 * 1024;
}
