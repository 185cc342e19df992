using System.Buffers;
using System.Globalization;
using MediaKit.Catalog;
using MediaKit.Internal;
using MediaKit.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MediaKit.AspNetCore.Internal;

/// <summary>
/// File delivery, <c>GET {id}/content</c>: one lookup of what serving needs (<see cref="IMediaDeliveryCatalog"/>, usually
/// answered from memory), a <c>304</c> for a matching <c>If-None-Match</c> before any storage I/O, then the bytes.
/// </summary>
/// <remarks>
/// The rules are those of <see cref="IMediaStore.OpenReadAsync"/> (live assets of the caller's tenant, not expired; files pending
/// review only for their uploader and reviewers, which this path leaves to the store) and of the collection's visibility.
/// Without a delivery catalog, or when the host replaced MediaKit's <see cref="IMediaStore"/>, every request goes through the
/// store as before (<see cref="ContentThroughStoreAsync"/>).
/// </remarks>
internal sealed partial class MediaApi
{
    /// <summary>The largest buffer a file is copied through: a 100 KB image is read in one go.</summary>
    private const int MaxCopyBufferSize = 256 * 1024;

    private const string PrivateCacheControl = "private, no-store";
    private const string RevalidatePublicCacheControl = "public, no-cache";
    private const string SandboxPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    private DeliveryRoute _deliveryRoute;
    private string? _publicCacheControl;

    private enum DeliveryRoute
    {
        Unknown,
        Catalog,
        Store,
    }

    public async Task ContentAsync(Guid id, HttpContext context)
    {
        var services = context.RequestServices;
        var request = context.Request;
        var variant = Text(request.Query["variant"]);
        var tenantId = services.GetRequiredService<IMediaTenantAccessor>().TenantId;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        // A signature is checked before the asset is looked up, so an altered URL says nothing about which ids exist.
        var signature = services.GetRequiredService<MediaUrlKeys>().Verify(id, variant, tenantId, request.Query["exp"], request.Query["kid"], request.Query["sig"], now);
        if (signature is MediaUrlSignatureStatus.Invalid or MediaUrlSignatureStatus.Expired)
        {
            await SignatureProblem(signature).ExecuteAsync(context);
            return;
        }

        if (DeliveryCatalog(services) is not { } catalog)
        {
            await ContentThroughStoreAsync(id, variant, signature, context);
            return;
        }

        var file = await catalog.FindForDeliveryAsync(tenantId, id, variant, context.RequestAborted);
        if (file is { Status: not MediaAssetStatus.Ready })
        {
            // A file pending review or rejected is served only to its uploader and to reviewers: the store applies that rule.
            await ContentThroughStoreAsync(id, variant, signature, context);
            return;
        }

        if (file is null || file.ExpiresAt <= now)
        {
            await NotFound(id).ExecuteAsync(context);
            return;
        }

        var collection = services.GetRequiredService<IOptions<MediaKitOptions>>().Value.Collections.Find(file.Collection);
        var isPublic = collection?.Visibility == MediaVisibility.Public;
        if (!isPublic && signature != MediaUrlSignatureStatus.Valid
            && !(options.AllowAuthorizedPrivateReads && context.User.Identity?.IsAuthenticated == true))
        {
            await SignatureProblem(signature).ExecuteAsync(context);
            return;
        }

        // The same entity tags as MediaStore.OpenAssetAsync gives (MediaContent.EntityTag), so share links and delivery agree.
        var entityTag = file.Variant is null ? $"\"{file.Sha256}\"" : $"\"{file.Sha256[..16]}-{file.Variant}-{file.Length}\"";
        var sanitizedSvg = collection?.SvgHandling == MediaSvgHandling.Sanitize
            && string.Equals(file.ContentType, MediaContentTypes.Svg, StringComparison.OrdinalIgnoreCase);
        var attachment = MediaContentTypes.IsActive(file.ContentType) && !sanitizedSvg;
        var cacheControl = !isPublic ? PrivateCacheControl : PublicCacheControl(request, MediaUrls.ContentToken(file.Sha256, file.Variant, file.Length));

        var response = context.Response;
        if (MatchesIfNoneMatch(request, entityTag))
        {
            // The client has these bytes: nothing to read from storage.
            SetFileHeaders(response, entityTag, file.UpdatedAt, file.FileName, cacheControl, attachment);
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        if (ParseRange(request, file.Length, out var range) == RangeOutcome.Unsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = $"bytes */{file.Length}";
            return;
        }

        await using var stream = await OpenFileAsync(file, range, services, context.RequestAborted);
        if (stream is null)
        {
            await NotFound(id).ExecuteAsync(context);
            return;
        }

        SetFileHeaders(response, entityTag, file.UpdatedAt, file.FileName, cacheControl, attachment);
        await WriteBodyAsync(context, stream, file.ContentType, file.Length, range);
    }

    /// <summary>
    /// The delivery catalog, when delivery may use it: MediaKit's own <see cref="IMediaStore"/> is registered (a host's store
    /// may add rules of its own, so its reads go through it). Decided on the first request; registrations do not change.
    /// </summary>
    private IMediaDeliveryCatalog? DeliveryCatalog(IServiceProvider services)
    {
        if (_deliveryRoute == DeliveryRoute.Unknown)
        {
            _deliveryRoute = services.GetService<IMediaStore>() is MediaStore && services.GetService<IMediaDeliveryCatalog>() is not null
                ? DeliveryRoute.Catalog
                : DeliveryRoute.Store;
        }

        return _deliveryRoute == DeliveryRoute.Catalog ? services.GetService<IMediaDeliveryCatalog>() : null;
    }

    /// <summary>Opens the file where the catalog says it is, or where a move that finished meanwhile put it.</summary>
    private static async Task<Stream?> OpenFileAsync(MediaDeliveryFile file, BlobRange? range, IServiceProvider services, CancellationToken cancellationToken)
    {
        var stores = services.GetRequiredService<IMediaBlobStores>();
        var stream = await stores.Get(file.StoreName).OpenReadAsync(file.StorageKey, range, cancellationToken);
        if (stream is null && services.GetService<IMediaStoreCatalog>() is { } storeCatalog
            && await storeCatalog.FindStoreNameAsync(file.AssetId, cancellationToken) is { } storeNow && storeNow != file.StoreName)
        {
            // A move switched the asset to another store after the record was read, and has already deleted the old copy.
            stream = await stores.Get(storeNow).OpenReadAsync(file.StorageKey, range, cancellationToken);
        }

        if (stream is null)
        {
            Log.BytesMissing(services.GetService<ILogger<MediaApi>>() ?? (ILogger)NullLogger.Instance, file.AssetId, file.StorageKey);
        }

        return stream;
    }

    private static bool MatchesIfNoneMatch(HttpRequest request, string entityTag)
    {
        var values = request.Headers.IfNoneMatch;
        if (values.Count == 0)
        {
            return false;
        }

        foreach (var value in values)
        {
            if (value is not null && (value.Contains(entityTag, StringComparison.Ordinal) || value.AsSpan().Trim().SequenceEqual("*")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The headers of a file response (200, 206 and 304 alike): entity tag, <c>nosniff</c>, a sandboxing CSP, the disposition.</summary>
    private static void SetFileHeaders(HttpResponse response, string entityTag, DateTimeOffset lastModified, string fileName, string cacheControl, bool attachment)
    {
        var headers = response.Headers;
        headers.ETag = entityTag;
        headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);
        headers.AcceptRanges = "bytes";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = SandboxPolicy;
        headers.CacheControl = cacheControl;
        var disposition = new ContentDispositionHeaderValue(attachment ? "attachment" : "inline");
        disposition.SetHttpFileName(fileName);
        headers.ContentDisposition = disposition.ToString();
    }

    /// <summary>
    /// Copies <paramref name="count"/> bytes of the file through one pooled buffer. A local file is read inline: on Linux a file
    /// read is a blocking call either way (asynchronous reads only move it to another pool thread), and the page cache
    /// answers it in microseconds; other streams (object stores) are read asynchronously.
    /// </summary>
    private static async Task CopyFileAsync(Stream source, Stream body, long count, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(count, 1, MaxCopyBufferSize));
        try
        {
            var inline = source is FileStream && !OperatingSystem.IsWindows();
            while (count > 0)
            {
                var wanted = (int)Math.Min(buffer.Length, count);
                var read = inline ? source.Read(buffer, 0, wanted) : await source.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken);
                if (read == 0)
                {
                    // Shorter than the catalog says: the response ends early and the server aborts it, as the length promised more.
                    return;
                }

                await body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Delivery through <see cref="IMediaStore"/>: the asset read whole, then its file opened.</summary>
    private async Task ContentThroughStoreAsync(Guid id, string? variant, MediaUrlSignatureStatus signature, HttpContext context)
    {
        var services = context.RequestServices;
        var store = services.GetRequiredService<IMediaStore>();
        var mediaOptions = services.GetRequiredService<IOptions<MediaKitOptions>>().Value;
        var request = context.Request;
        var response = context.Response;
        var asset = await store.FindAsync(id, context.RequestAborted);
        if (asset is null)
        {
            await NotFound(id).ExecuteAsync(context);
            return;
        }

        var isPublic = mediaOptions.Collections.Find(asset.Collection)?.Visibility == MediaVisibility.Public;
        if (!isPublic && signature != MediaUrlSignatureStatus.Valid
            && !(options.AllowAuthorizedPrivateReads && context.User.Identity?.IsAuthenticated == true))
        {
            await SignatureProblem(signature).ExecuteAsync(context);
            return;
        }

        var length = variant is null ? asset.Length : asset.Variants.Find(v => v.Name == variant)?.Length;
        BlobRange? range = null;
        if (length is { } total && ParseRange(request, total, out range) == RangeOutcome.Unsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = $"bytes */{total}";
            return;
        }

        // The record was just read for the checks above; MediaKit's own store opens the file without reading it again.
        await using var content = store is MediaStore found
            ? await found.OpenAssetAsync(asset, variant, range, context.RequestAborted)
            : await store.OpenReadAsync(id, variant, range, context.RequestAborted);
        if (content is null)
        {
            await NotFound(id).ExecuteAsync(context);
            return;
        }

        // An SVG of a collection that sanitizes on upload may render inline (the sandboxing policy of WriteContentAsync still applies);
        // every other active type, and SVG kept as uploaded (MediaSvgHandling.DownloadOnly), is a download.
        var sanitizedSvg = string.Equals(content.ContentType, MediaContentTypes.Svg, StringComparison.OrdinalIgnoreCase)
            && mediaOptions.Collections.Find(asset.Collection)?.SvgHandling == MediaSvgHandling.Sanitize;
        var cacheControl = !isPublic
            ? PrivateCacheControl
            : PublicCacheControl(request, MediaUrls.ContentToken(asset.Sha256, variant, length ?? asset.Length));
        await WriteContentAsync(context, content, cacheControl, attachment: MediaContentTypes.IsActive(content.ContentType) && !sanitizedSvg);
    }

    /// <summary>
    /// A public file is cached for <see cref="MediaKitEndpointOptions.PublicCacheMaxAge"/> only when its URL names the current
    /// bytes (<c>v</c>, as <see cref="IMediaUrls"/> writes it): a URL without it, or with the token of replaced bytes, would
    /// otherwise keep serving old bytes from caches. Those responses are cacheable but revalidated (a cheap 304).
    /// </summary>
    private string PublicCacheControl(HttpRequest request, string token)
        => request.Query.TryGetValue("v", out var v) && string.Equals(v.ToString(), token, StringComparison.Ordinal)
            ? _publicCacheControl ??= $"public, max-age={(long)options.PublicCacheMaxAge.TotalSeconds}, immutable"
            : RevalidatePublicCacheControl;

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "The bytes of media asset {AssetId} are missing from storage (key {Key}); delivery answered 404")]
        public static partial void BytesMissing(ILogger logger, Guid assetId, string key);
    }
}
