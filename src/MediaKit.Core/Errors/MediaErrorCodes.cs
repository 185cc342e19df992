namespace MediaKit;

/// <summary>
/// The stable, machine-readable codes carried by <see cref="MediaException.Code"/> and by the HTTP API's
/// ProblemDetails. Codes never change meaning once shipped.
/// </summary>
public static class MediaErrorCodes
{
    /// <summary>The named collection is not configured.</summary>
    public const string UnknownCollection = "media.unknown_collection";

    /// <summary>The file is larger than the collection allows for its kind.</summary>
    public const string TooLarge = "media.too_large";

    /// <summary>The file is empty.</summary>
    public const string Empty = "media.empty";

    /// <summary>The file's content type, decided from its bytes, is not accepted by the collection.</summary>
    public const string TypeNotAllowed = "media.type_not_allowed";

    /// <summary>The file's name or declared content type contradicts its bytes (a PHP file named <c>photo.jpg</c>).</summary>
    public const string TypeMismatch = "media.type_mismatch";

    /// <summary>The file claims a format by its bytes but cannot be decoded (truncated, corrupt, or over a decoding limit).</summary>
    public const string Corrupt = "media.corrupt";

    /// <summary>The upload stream ended early or failed (the client disconnected).</summary>
    public const string UploadIncomplete = "media.upload_incomplete";

    /// <summary>The blob store failed; the upload was rolled back.</summary>
    public const string StorageFailed = "media.storage_failed";

    /// <summary>The catalog (database) failed; the upload was rolled back.</summary>
    public const string CatalogFailed = "media.catalog_failed";

    /// <summary>A blob already exists under a key that was written create-only.</summary>
    public const string BlobExists = "media.blob_exists";

    /// <summary>The asset changed (or was deleted) between reading and saving it; reload and retry.</summary>
    public const string Conflict = "media.conflict";

    /// <summary>No asset with the given id exists in the caller's tenant.</summary>
    public const string NotFound = "media.not_found";

    /// <summary>The asset is used by entities of the app and the delete was not forced.</summary>
    public const string InUse = "media.in_use";

    /// <summary>A scanner found malware or otherwise refused the file.</summary>
    public const string Infected = "media.infected";

    /// <summary>The malware scanner could not be reached or did not answer in time, so the file was refused unscanned (scanners fail closed unless configured otherwise).</summary>
    public const string ScanUnavailable = "media.scan_unavailable";

    /// <summary>The malware scanner answered with an error instead of a verdict (for example, the file is over the scanner's own size limit), so the file was refused unscanned.</summary>
    public const string ScanFailed = "media.scan_failed";

    /// <summary>An SVG file is not well-formed XML, declares a DTD or entities, or is not an <c>svg</c> document, so it could not be sanitized.</summary>
    public const string SvgInvalid = "media.svg_invalid";

    /// <summary>The request is malformed (a bad cursor, a bad argument).</summary>
    public const string InvalidRequest = "media.invalid_request";

    /// <summary>An import row's source is neither an absolute <c>http</c>/<c>https</c> URL nor a fully qualified local path, or a redirect led to another scheme.</summary>
    public const string ImportInvalidSource = "media.import_invalid_source";

    /// <summary>An import URL (or one of its redirects) resolves to an address MediaKit refuses to contact: loopback, private, link-local (cloud metadata), unspecified, multicast or reserved.</summary>
    public const string ImportForbiddenAddress = "media.import_forbidden_address";

    /// <summary>An import source could not be read: the server answered with an error, redirected too often, the connection failed, or the local file is missing.</summary>
    public const string ImportFetchFailed = "media.import_fetch_failed";

    /// <summary>Importing one source took longer than <see cref="MediaImportOptions.Timeout"/>.</summary>
    public const string ImportTimeout = "media.import_timeout";

    /// <summary>An import source is larger than <see cref="MediaImportOptions.MaxLength"/>; reading stopped at the limit.</summary>
    public const string ImportTooLarge = "media.import_too_large";

    /// <summary>A local import path is outside every <see cref="MediaImportOptions.AllowedRoots"/> (by traversal or by a symbolic link), or no root is configured.</summary>
    public const string ImportForbiddenPath = "media.import_forbidden_path";

    /// <summary>A file of a private collection was requested without a signature (<c>exp</c>, <c>kid</c> and <c>sig</c>) and without an authorized read.</summary>
    public const string SignatureRequired = "media.signature_required";

    /// <summary>A signed URL was altered (asset, variant, expiry or signature), is malformed, or names a key that is not configured.</summary>
    public const string SignatureInvalid = "media.signature_invalid";

    /// <summary>A signed URL is genuine but its expiry has passed.</summary>
    public const string SignatureExpired = "media.signature_expired";

    /// <summary>Decoding or processing a file took longer than the engine's time limit per file; the upload was rolled back.</summary>
    public const string ProcessingTimeout = "media.processing_timeout";

    /// <summary>An animated image has more frames than the engine allows (checked from the header, before decoding).</summary>
    public const string TooManyFrames = "media.too_many_frames";

    /// <summary>Generating the variants of a file failed for a reason other than a corrupt file or a limit; the upload was rolled back.</summary>
    public const string ProcessingFailed = "media.processing_failed";

    /// <summary>
    /// The file is of an accepted type, but its compression cannot be decoded by the installed image engine (for example an
    /// HEVC-compressed HEIC photo with a libvips built without an HEVC decoder); nothing was stored.
    /// </summary>
    public const string CodecUnavailable = "media.codec_unavailable";

    /// <summary>The HTTP request is not signed in (no valid cookie or token) for an endpoint that needs a user.</summary>
    public const string Unauthenticated = "media.unauthenticated";

    /// <summary>The signed-in user lacks the permission (a <c>MediaKitPolicies</c> policy) the endpoint requires, or may not delete a file someone else uploaded.</summary>
    public const string Forbidden = "media.forbidden";

    /// <summary>A cookie-authenticated request that changes state carried no valid antiforgery token.</summary>
    public const string AntiforgeryFailed = "media.antiforgery_failed";

    /// <summary>The caller sent too many uploads in the rate limiter's window; retry after the time in <c>Retry-After</c>.</summary>
    public const string RateLimited = "media.rate_limited";

    /// <summary>An upload request carries more files than the API allows in one request.</summary>
    public const string TooManyFiles = "media.too_many_files";

    /// <summary>An asset's files are on a blob store, or a move names a store, that is not registered (<c>UseFileSystemStorage(name, ...)</c>, <c>UseS3Storage(name, ...)</c>).</summary>
    public const string StoreNotConfigured = "media.store_not_configured";

    /// <summary>The file does not fit in its owner's storage quota of the collection (<see cref="MediaCollectionOptions.QuotaPerOwner"/>); the error says how much is used and allowed.</summary>
    public const string QuotaExceeded = "media.quota_exceeded";

    /// <summary>No active share link has this token: it never existed, was revoked, or its file is in the trash, expired or not approved.</summary>
    public const string ShareNotFound = "media.share_not_found";

    /// <summary>The share link's expiry has passed.</summary>
    public const string ShareExpired = "media.share_expired";

    /// <summary>The share link was used as many times as it allows.</summary>
    public const string ShareExhausted = "media.share_exhausted";
}
