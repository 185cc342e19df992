namespace MediaKit;

/// <summary>
/// The base of every error MediaKit reports on purpose. <see cref="Code"/> is one of <see cref="MediaErrorCodes"/>.
/// </summary>
public class MediaException : Exception
{
    /// <summary>Creates an error with a stable code and a message for people.</summary>
    public MediaException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>The stable, machine-readable code of the error (see <see cref="MediaErrorCodes"/>).</summary>
    public string Code { get; }
}

/// <summary>The collection named in a request is not configured.</summary>
public sealed class MediaCollectionNotFoundException(string collection)
    : MediaException(MediaErrorCodes.UnknownCollection, $"No media collection named '{collection}' is configured.")
{
    /// <summary>The requested collection name.</summary>
    public string Collection { get; } = collection;
}

/// <summary>The file is larger than its collection allows. The upload stopped reading at the limit.</summary>
public sealed class MediaTooLargeException(long limit, MediaKind kind)
    : MediaException(MediaErrorCodes.TooLarge, $"The file is larger than the {limit:N0} bytes allowed for {kind.ToString().ToLowerInvariant()} files in this collection.")
{
    /// <summary>The limit that applied, in bytes.</summary>
    public long Limit { get; } = limit;

    /// <summary>The kind of the file, as far as it was known when the limit was hit.</summary>
    public MediaKind Kind { get; } = kind;
}

/// <summary>The file's type, decided from its bytes, is not accepted by the collection, or contradicts its name or declared type.</summary>
public sealed class MediaTypeRejectedException : MediaException
{
    /// <summary>Creates the error.</summary>
    /// <param name="code"><see cref="MediaErrorCodes.TypeNotAllowed"/> or <see cref="MediaErrorCodes.TypeMismatch"/>.</param>
    /// <param name="detectedContentType">The content type decided from the bytes.</param>
    /// <param name="message">A message for people.</param>
    public MediaTypeRejectedException(string code, string detectedContentType, string message)
        : base(code, message)
    {
        DetectedContentType = detectedContentType;
    }

    /// <summary>The content type decided from the file's bytes.</summary>
    public string DetectedContentType { get; }
}

/// <summary>A blob already exists under a key that was written create-only.</summary>
public sealed class MediaBlobExistsException(string key)
    : MediaException(MediaErrorCodes.BlobExists, $"A blob already exists under key '{key}'.")
{
    /// <summary>The key.</summary>
    public string Key { get; } = key;
}

/// <summary>
/// The asset changed (or was deleted) between the moment it was read and the moment the change was saved: the catalog
/// refused the stale write (checked through <see cref="MediaAsset.ConcurrencyStamp"/>). Nothing was changed; reload and retry.
/// </summary>
public sealed class MediaConcurrencyException(Guid assetId, Exception? innerException = null)
    : MediaException(MediaErrorCodes.Conflict, $"Media asset {assetId} was changed by someone else; reload it and try again.", innerException)
{
    /// <summary>The asset's id.</summary>
    public Guid AssetId { get; } = assetId;
}

/// <summary>No asset with the given id exists in the caller's tenant (or it is in the trash where that matters).</summary>
public sealed class MediaNotFoundException(Guid assetId)
    : MediaException(MediaErrorCodes.NotFound, $"Media asset {assetId} was not found.")
{
    /// <summary>The requested id.</summary>
    public Guid AssetId { get; } = assetId;
}

/// <summary>
/// The asset is used by entities of the app, so it is not deleted unless the caller forces it
/// (seed 001: "where is this file used?" before deleting it).
/// </summary>
public sealed class MediaInUseException(Guid assetId, IReadOnlyList<MediaUsage> usages, int totalUsages)
    : MediaException(MediaErrorCodes.InUse, $"Media asset {assetId} is used in {totalUsages} place(s), for example {string.Join(", ", usages.Take(3).Select(u => $"{u.ResourceType} {u.ResourceId} ({u.Field})"))}. Remove those references or force the delete.")
{
    /// <summary>The asset.</summary>
    public Guid AssetId { get; } = assetId;

    /// <summary>The first references (at most 20), oldest first.</summary>
    public IReadOnlyList<MediaUsage> Usages { get; } = usages;

    /// <summary>How many references there are in all.</summary>
    public int TotalUsages { get; } = totalUsages;
}
