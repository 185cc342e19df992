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

    /// <summary>No asset with the given id exists in the caller's tenant.</summary>
    public const string NotFound = "media.not_found";

    /// <summary>The asset is used by entities of the app and the delete was not forced.</summary>
    public const string InUse = "media.in_use";

    /// <summary>A scanner found malware or otherwise refused the file.</summary>
    public const string Infected = "media.infected";

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
}
