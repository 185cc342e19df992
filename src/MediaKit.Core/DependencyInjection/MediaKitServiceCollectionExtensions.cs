using MediaKit;
using MediaKit.Catalog;
using MediaKit.Internal;
using MediaKit.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers MediaKit.</summary>
public static class MediaKitServiceCollectionExtensions
{
    /// <summary>
    /// Adds MediaKit's services: <see cref="IMediaStore"/>, <see cref="IMediaUsages"/>, <see cref="IMediaReconciler"/>, <see cref="IMediaUrls"/>
    /// with the default HMAC <see cref="IMediaUrlSigner"/>, the default tenant accessor and
    /// validation of <see cref="MediaKitOptions"/> at startup. Calling it again only adds configuration.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Configures collections and options.</param>
    /// <returns>A builder on which to choose the catalog, the blob store and the image engine.</returns>
    public static IMediaKitBuilder AddMediaKit(this IServiceCollection services, Action<MediaKitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<MediaKitOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(MediaKitMarker)))
        {
            return new MediaKitBuilder(services);
        }

        services.AddSingleton<MediaKitMarker>();
        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MediaKitOptions>, MediaKitOptionsValidator>());
        services.TryAddScoped<MediaKit.Processing.IMediaVariantBackfill, MediaVariantBackfill>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMediaTenantAccessor, DefaultTenantAccessor>();
        services.TryAddScoped<IMediaStore, MediaStore>();
        services.TryAddScoped<IMediaUsages, MediaUsages>();
        services.TryAddSingleton<IMediaActorAccessor, NoActorAccessor>();

        // Review, quotas, share links and events (seed 003).
        services.TryAddSingleton<IMediaReviewerAccessor, NoReviewerAccessor>();
        services.TryAddScoped<MediaReviewVisibility>();
        services.TryAddScoped<MediaEventPublisher>();
        services.TryAddScoped<MediaQuotas>();
        services.TryAddScoped<IMediaQuotas>(sp => sp.GetRequiredService<MediaQuotas>());
        services.TryAddScoped<IMediaReview, MediaReview>();
        services.TryAddScoped<MediaStore>();
        services.TryAddScoped<IMediaShares, MediaShares>();
        services.TryAddScoped<MediaAudit>();
        services.TryAddScoped<IMediaAuditTrail>(sp => sp.GetRequiredService<MediaAudit>());
        services.TryAddScoped<IMediaCleanup, MediaCleanup>();
        services.TryAddScoped<IMediaGroups, MediaGroups>(); services.TryAddScoped<IMediaGalleries, MediaGalleries>();
        services.TryAddScoped<IMediaReconciler, MediaReconciler>();
        services.TryAddSingleton<MediaBlobStores>();
        // Every store MediaKit uses is traced and measured (MediaKitDiagnostics), whichever provider registered it.
        services.TryAddSingleton<IMediaBlobStores>(sp => new InstrumentedBlobStores(sp.GetRequiredService<MediaBlobStores>()));
        services.TryAddSingleton<IMediaStoreMover, MediaStoreMover>();
        services.TryAddScoped<IMediaImporter, MediaImporter>();
        services.TryAddSingleton<MediaUrlKeys>();
        services.TryAddSingleton<MediaUrlCache>();
        services.TryAddSingleton<IMediaUrlSigner, HmacMediaUrlSigner>();
        services.TryAddScoped<IMediaUrls, MediaUrls>();
        return new MediaKitBuilder(services);
    }

    /// <summary>
    /// Runs the cleanup job (<see cref="IMediaCleanup"/>) in the background every <see cref="MediaCleanupOptions.Interval"/>.
    /// Every app instance may add it: a lease in the database lets one instance run at a time.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMediaKit</c>.</param>
    /// <param name="configure">Sets the cleanup rules (also reachable as <see cref="MediaKitOptions.Cleanup"/>).</param>
    /// <returns>The builder.</returns>
    public static IMediaKitBuilder AddCleanupService(this IMediaKitBuilder builder, Action<MediaCleanupOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (configure is not null)
        {
            builder.Services.Configure<MediaKitOptions>(o => configure(o.Cleanup));
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, MediaCleanup.MediaCleanupService>());
        return builder;
    }

    private sealed class MediaKitBuilder(IServiceCollection services) : IMediaKitBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}

/// <summary>Shows that <c>AddMediaKit</c> ran, so a second call adds no services twice.</summary>
internal sealed class MediaKitMarker;

internal sealed class DefaultTenantAccessor(IOptions<MediaKitOptions> options) : IMediaTenantAccessor
{
    public string TenantId => options.Value.DefaultTenantId;
}

internal sealed class MediaKitOptionsValidator(IServiceProvider services) : IValidateOptions<MediaKitOptions>
{
    public ValidateOptionsResult Validate(string? name, MediaKitOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DefaultTenantId))
        {
            failures.Add("MediaKit: DefaultTenantId must not be empty.");
        }

        if (options.MaxFileNameLength is < 16 or > 1024)
        {
            failures.Add($"MediaKit: MaxFileNameLength must be between 16 and 1024 (was {options.MaxFileNameLength}).");
        }

        if (options.ReconciliationGracePeriod < TimeSpan.FromMinutes(1))
        {
            failures.Add($"MediaKit: ReconciliationGracePeriod must be at least one minute so uploads in flight are never removed (was {options.ReconciliationGracePeriod}).");
        }

        var cleanup = options.Cleanup;
        if (cleanup.OrphanGracePeriod < TimeSpan.FromMinutes(1))
        {
            failures.Add($"MediaKit: Cleanup.OrphanGracePeriod must be at least one minute (was {cleanup.OrphanGracePeriod}).");
        }

        if (cleanup.DeleteOrphansAfter is { } deleteAfter && deleteAfter < cleanup.OrphanGracePeriod)
        {
            failures.Add($"MediaKit: Cleanup.DeleteOrphansAfter ({deleteAfter}) must not be shorter than Cleanup.OrphanGracePeriod ({cleanup.OrphanGracePeriod}).");
        }

        if (cleanup.PurgeDeletedAfter is { } purgeAfter && purgeAfter < TimeSpan.Zero)
        {
            failures.Add($"MediaKit: Cleanup.PurgeDeletedAfter must not be negative (was {purgeAfter}).");
        }

        if (cleanup.Interval < TimeSpan.FromSeconds(1) || cleanup.LeaseDuration < TimeSpan.FromSeconds(10) || cleanup.BatchSize is < 1 or > 10_000)
        {
            failures.Add("MediaKit: Cleanup.Interval must be at least one second, Cleanup.LeaseDuration at least ten seconds, and Cleanup.BatchSize between 1 and 10000.");
        }

        var storage = options.Storage;
        if (storage.MoveBatchSize is < 1 or > 10_000 || storage.MoveConcurrency is < 1 or > 64 || storage.MoveClaimDuration < TimeSpan.FromSeconds(10) || storage.MoveInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add("MediaKit: Storage.MoveBatchSize must be between 1 and 10000, Storage.MoveConcurrency between 1 and 64, Storage.MoveClaimDuration at least ten seconds and Storage.MoveInterval at least one second.");
        }

        if (options.Collections.Count == 0)
        {
            failures.Add("MediaKit: no collection is configured. Add one in AddMediaKit(o => o.Collections.Add(\"products\", c => c.AcceptImages())).");
        }

        foreach (var collection in options.Collections)
        {
            ValidateCollection(collection, failures);
        }

        ValidateDelivery(options, services.GetService<Microsoft.Extensions.Hosting.IHostEnvironment>(), failures);
        MediaVariantOptionsValidator.Validate(options, failures);

        using (var scope = services.CreateScope())
        {
            var isService = scope.ServiceProvider.GetService<IServiceProviderIsService>();
            var uploadStore = options.Storage.UploadStore;
            var named = scope.ServiceProvider.GetServices<MediaBlobStoreRegistration>().Select(r => r.Name).ToList();
            if (uploadStore == MediaStorageOptions.DefaultStoreName && isService is not null && !isService.IsService(typeof(IMediaBlobStore)))
            {
                failures.Add(named.Count == 0
                    ? "MediaKit: no blob store is configured. Call UseFileSystemStorage(...) or UseS3Storage(...) on the builder returned by AddMediaKit()."
                    : $"MediaKit: Storage.UploadStore is '{MediaStorageOptions.DefaultStoreName}', but only named stores are registered ({string.Join(", ", named)}). Choose one with UseUploadStore(name), or register an unnamed store.");
            }
            else if (uploadStore != MediaStorageOptions.DefaultStoreName && !named.Contains(uploadStore))
            {
                failures.Add($"MediaKit: Storage.UploadStore '{uploadStore}' is not a registered store name. Register it with UseFileSystemStorage(\"{uploadStore}\", ...) or UseS3Storage(\"{uploadStore}\", ...).");
            }

            if (isService is not null && !isService.IsService(typeof(IMediaCatalog)))
            {
                failures.Add("MediaKit: no catalog is configured. Call UseEntityFrameworkCore<TContext>() on the builder returned by AddMediaKit().");
            }
            else if (isService is not null && (!isService.IsService(typeof(IMediaUsageCatalog)) || !isService.IsService(typeof(IMediaMaintenanceCatalog)) || !isService.IsService(typeof(IMediaAuditCatalog))))
            {
                failures.Add("MediaKit: the catalog provider registers IMediaCatalog but not IMediaUsageCatalog, IMediaMaintenanceCatalog and IMediaAuditCatalog; a catalog must provide all of them.");
            }
            else if (isService is not null && !isService.IsService(typeof(IMediaQuotaCatalog)) && options.Collections.FirstOrDefault(c => c.QuotaPerOwner is > 0) is { } quoted)
            {
                failures.Add($"MediaKit: collection '{quoted.Name}' has a QuotaPerOwner, but the catalog provider does not register IMediaQuotaCatalog, which enforces it.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateDelivery(MediaKitOptions options, Microsoft.Extensions.Hosting.IHostEnvironment? environment, List<string> failures)
    {
        if (options.PublicBaseUrl is { } baseUrl
            && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0))
        {
            failures.Add($"MediaKit: PublicBaseUrl '{baseUrl}' must be an absolute http or https URL without a query or fragment.");
        }

        if (string.IsNullOrEmpty(options.DeliveryPath) || options.DeliveryPath[0] != '/' || options.DeliveryPath.IndexOfAny(['?', '#']) >= 0)
        {
            failures.Add($"MediaKit: DeliveryPath '{options.DeliveryPath}' must be a path starting with '/', such as /api/media.");
        }

        var signing = options.Signing;
        foreach (var (id, secret) in signing.Keys)
        {
            if (id.Length is 0 or > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                failures.Add($"MediaKit: Signing.Keys: the key id '{id}' must be 1 to 64 letters, digits, '-', '_' or '.'.");
            }

            var bytes = new byte[((secret?.Length ?? 0) * 3 / 4) + 3];
            if (secret is null || !Convert.TryFromBase64String(secret, bytes, out var length))
            {
                failures.Add($"MediaKit: Signing.Keys['{id}'] is not base64. Generate one with: openssl rand -base64 32");
            }
            else if (length < MediaUrlSigningOptions.MinKeyLength)
            {
                failures.Add($"MediaKit: Signing.Keys['{id}'] is {length} bytes; a signing key must be at least {MediaUrlSigningOptions.MinKeyLength} bytes. Generate one with: openssl rand -base64 32");
            }
        }

        if (signing.CurrentKeyId is { } current && !signing.Keys.ContainsKey(current))
        {
            failures.Add($"MediaKit: Signing.CurrentKeyId '{current}' is not one of the configured Signing.Keys.");
        }
        else if (signing.CurrentKeyId is null && signing.Keys.Count > 1)
        {
            failures.Add("MediaKit: Signing.Keys holds several keys; set Signing.CurrentKeyId to the one new URLs are signed with.");
        }

        if (signing.MaxLifetime < TimeSpan.FromSeconds(1) || signing.DefaultLifetime < TimeSpan.FromSeconds(1) || signing.DefaultLifetime > signing.MaxLifetime)
        {
            failures.Add($"MediaKit: Signing.DefaultLifetime ({signing.DefaultLifetime}) must be at least one second and not longer than Signing.MaxLifetime ({signing.MaxLifetime}).");
        }

        if (signing.Keys.Count == 0 && options.Collections.Any(c => c.Visibility == MediaVisibility.Private) && environment?.EnvironmentName != "Development")
        {
            failures.Add("MediaKit: a collection is private but no signing key is configured. Set Signing.Keys (for example MediaKit:Signing:Keys:k1 = output of 'openssl rand -base64 32') and Signing.CurrentKeyId. Only the Development environment generates a temporary key.");
        }
    }

    private static void ValidateCollection(MediaCollectionOptions collection, List<string> failures)
    {
        var prefix = $"MediaKit: collection '{collection.Name}':";
        if (collection.Name.Length > 64 || !collection.Name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
        {
            failures.Add($"{prefix} the name must be 1 to 64 lowercase letters, digits, '-' or '_'.");
        }

        foreach (var type in collection.AcceptedTypes.Concat(collection.ReviewTypes).Concat(collection.AutoApproveTypes))
        {
            var parts = type.Split('/');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[0] == "*" || parts[1].Length == 0 || (parts[1].Contains('*', StringComparison.Ordinal) && parts[1] != "*"))
            {
                failures.Add($"{prefix} '{type}' is not a content type or a 'type/*' pattern.");
            }
        }

        if (collection.MaxLength is <= 0)
        {
            failures.Add($"{prefix} MaxLength must be positive (was {collection.MaxLength}).");
        }

        foreach (var (kind, limit) in collection.MaxLengthByKind)
        {
            if (limit <= 0)
            {
                failures.Add($"{prefix} the size limit for {kind} must be positive (was {limit}).");
            }
        }

        if (collection.QuotaPerOwner is <= 0)
        {
            failures.Add($"{prefix} QuotaPerOwner must be positive (was {collection.QuotaPerOwner}).");
        }
    }
}
