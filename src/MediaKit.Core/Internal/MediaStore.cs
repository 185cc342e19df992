using MediaKit.Catalog;
using MediaKit.Processing;
using MediaKit.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MediaKit.Internal;

/// <summary>The default <see cref="IMediaStore"/>: the ingestion pipeline over a blob store and a catalog.</summary>
internal sealed partial class MediaStore : IMediaStore
{
    private readonly IMediaCatalog _catalog;
    private readonly IMediaUsageCatalog _usages;
    private readonly MediaAudit _audit;
    private readonly OperationBlobStore _blobs;
    private readonly IMediaBlobStores _stores;
    private readonly IMediaStoreCatalog? _storeCatalog;
    private readonly IMediaTenantAccessor _tenant;
    private readonly IEnumerable<IMediaProbe> _probes;
    private readonly IEnumerable<IMediaScanner> _scanners;
    private readonly TimeProvider _time;
    private readonly MediaKitOptions _options;
    private readonly ILogger<MediaStore> _logger;
    private readonly MediaVariantGenerator _variants;
    private readonly MediaReviewVisibility _visibility;
    private readonly MediaQuotas _quotas;
    private readonly MediaEventPublisher _events;

    public MediaStore(
        IMediaCatalog catalog,
        IMediaUsageCatalog usages,
        MediaAudit audit,
        IMediaBlobStores stores,
        IMediaTenantAccessor tenant,
        IEnumerable<IMediaProbe> probes,
        IEnumerable<IMediaScanner> scanners,
        TimeProvider time,
        IOptions<MediaKitOptions> options,
        MediaReviewVisibility visibility,
        MediaQuotas quotas,
        MediaEventPublisher events,
        ILogger<MediaStore>? logger = null,
        IEnumerable<IMediaProcessor>? processors = null,
        IMediaStoreCatalog? storeCatalog = null)
    {
        _catalog = catalog;
        _usages = usages;
        _audit = audit;
        _stores = stores;
        var blobs = _blobs = new OperationBlobStore(stores.Get(stores.UploadStore));
        _storeCatalog = storeCatalog;
        _tenant = tenant;
        _probes = probes;
        _scanners = scanners;
        _time = time;
        _options = options.Value;
        _visibility = visibility;
        _quotas = quotas;
        _events = events;
        // Logging is optional: a host without AddLogging still gets a working store.
        _logger = logger ?? NullLogger<MediaStore>.Instance;
        _variants = new MediaVariantGenerator(blobs, processors ?? [], time, _logger);
    }

    private string TenantId => _tenant.TenantId;

    public Task<MediaAsset?> FindAsync(Guid id, CancellationToken cancellationToken = default)
        => FindServableAsync(id, cancellationToken);

    /// <summary>
    /// A live asset whose expiry has not passed: an expired asset stops being served at once, before the cleanup job moves it to the trash.
    /// A file pending review or rejected is found only by its uploader and reviewers.
    /// </summary>
    private async Task<MediaAsset?> FindServableAsync(Guid id, CancellationToken cancellationToken)
    {
        var asset = await _catalog.FindAsync(TenantId, id, includeDeleted: false, cancellationToken);
        return asset is null || (asset is { ExpiresAt: { } expiresAt } && expiresAt <= _time.GetUtcNow()) || !await _visibility.CanSeeAsync(asset, cancellationToken)
            ? null
            : asset;
    }

    public async Task<MediaPage<MediaAsset>> QueryAsync(MediaQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > MediaQuery.MaxLimit)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"The page size must be between 1 and {MediaQuery.MaxLimit}.");
        }

        if (query.Page is < 1)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, "The page number starts at 1.");
        }

        return await _catalog.QueryAsync(TenantId, await _visibility.ScopeAsync(query, cancellationToken), cancellationToken);
    }

    public async Task<MediaContent?> OpenReadAsync(Guid id, string? variant = null, BlobRange? range = null, CancellationToken cancellationToken = default)
    {
        var asset = await FindServableAsync(id, cancellationToken);
        return asset is null ? null : await OpenAssetAsync(asset, variant, range, cancellationToken);
    }

    /// <summary>Opens a file of an asset the caller found and may serve (share links read another tenant's asset through it).</summary>
    /// <returns>The content; <see langword="null"/> when the variant does not exist or the bytes are missing.</returns>
    internal async Task<MediaContent?> OpenAssetAsync(MediaAsset asset, string? variant, BlobRange? range, CancellationToken cancellationToken)
    {
        string key, contentType, etag;
        long length;
        if (variant is null)
        {
            (key, contentType, length, etag) = (asset.StorageKey, asset.ContentType, asset.Length, $"\"{asset.Sha256}\"");
        }
        else
        {
            var found = asset.Variants.Find(v => v.Name == variant);
            if (found is null)
            {
                return null;
            }

            (key, contentType, length, etag) = (found.StorageKey, found.ContentType, found.Length, $"\"{asset.Sha256[..16]}-{found.Name}-{found.Length}\"");
        }

        if (range is { } r && (r.Offset < 0 || r.Offset >= length || r.Length is <= 0))
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"The range starting at {r.Offset} is outside the file's {length} bytes.");
        }

        var stream = await _stores.Get(asset.StoreName).OpenReadAsync(key, range, cancellationToken);
        if (stream is null && _storeCatalog is not null
            && await _storeCatalog.FindStoreNameAsync(asset.Id, cancellationToken) is { } storeNow && storeNow != asset.StoreName)
        {
            // A move switched the asset to another store after it was read here and has already deleted the old copy.
            stream = await _stores.Get(storeNow).OpenReadAsync(key, range, cancellationToken);
        }

        if (stream is null)
        {
            Log.BytesMissing(_logger, asset.Id, key);
            return null;
        }

        return new MediaContent(stream, asset, contentType, length, etag, range);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Stored media asset {AssetId} in collection {Collection}: {ContentType}, {Length} bytes")]
        public static partial void Uploaded(ILogger logger, Guid assetId, string collection, string contentType, long length);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Upload to collection {Collection} rejected: {Code}")]
        public static partial void Rejected(ILogger logger, string collection, string code);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Upload to collection {Collection} matched existing asset {AssetId} by content; the new copy was discarded")]
        public static partial void Deduplicated(ILogger logger, string collection, Guid assetId);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Could not remove blob {Key} after a failed upload; reconciliation will remove it")]
        public static partial void CompensationFailed(ILogger logger, Exception exception, string key);

        [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "The bytes of media asset {AssetId} are missing from storage (key {Key})")]
        public static partial void BytesMissing(ILogger logger, Guid assetId, string key);

        [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Media asset {AssetId} deleted ({Mode})")]
        public static partial void Deleted(ILogger logger, Guid assetId, MediaDeleteMode mode);

        [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Probe {Probe} failed for media asset {AssetId}; the asset is stored without its metadata")]
        public static partial void ProbeFailed(ILogger logger, Exception exception, string probe, Guid assetId);
    }

    /// <summary>
    /// Finds an asset that the caller is about to change: another member's file that is pending review or rejected is
    /// as invisible to changes (edit, replace, delete, restore) as it is to reads, unless the caller reviews.
    /// </summary>
    private async Task<MediaAsset?> FindForChangeAsync(string tenantId, Guid id, bool includeDeleted, CancellationToken cancellationToken)
    {
        var asset = await _catalog.FindAsync(tenantId, id, includeDeleted, cancellationToken);
        return asset is not null && await _visibility.CanSeeAsync(asset, cancellationToken) ? asset : null;
    }
}
