using MediaKit.AspNetCore.Internal;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks of MediaKit's catalog and blob stores.</summary>
/// <remarks>
/// <code>
/// builder.Services.AddHealthChecks().AddMediaKit();
/// app.MapHealthChecks("/health/ready", new() { Predicate = c =&gt; c.Tags.Contains(MediaKitHealthChecks.ReadyTag) });
/// </code>
/// </remarks>
public static class MediaKitHealthChecks
{
    /// <summary>The name of the catalog check: <c>mediakit.catalog</c>.</summary>
    public const string CatalogCheckName = "mediakit.catalog";

    /// <summary>The name of the storage check: <c>mediakit.storage</c>.</summary>
    public const string StorageCheckName = "mediakit.storage";

    /// <summary>A tag on both checks: <c>mediakit</c>.</summary>
    public const string Tag = "mediakit";

    /// <summary>A tag on both checks, for hosts that map readiness separately from liveness: <c>ready</c>. Neither check says
    /// anything about whether the process itself is alive, so neither should restart it.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Adds two checks. <see cref="CatalogCheckName"/> looks up one asset id through <c>IMediaCatalog</c> (a primary-key query that
    /// fails when the database is unreachable or MediaKit's tables are missing). <see cref="StorageCheckName"/> probes every registered
    /// blob store: through <c>IMediaBlobStoreHealth</c> where the store implements it (the local disk creates and deletes an empty
    /// file in its root; S3 sends a HeadBucket), otherwise by looking up a key no blob uses. A failing check reports
    /// <paramref name="failureStatus"/> with the store's or database's error as the exception; the description names no paths or URLs.
    /// </summary>
    /// <param name="builder">The builder returned by <c>services.AddHealthChecks()</c>.</param>
    /// <param name="failureStatus">The status a failing check reports. Default <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">The checks' tags. Default <see cref="Tag"/> and <see cref="ReadyTag"/>.</param>
    /// <param name="timeout">How long each check may take. Default: no limit of its own (the request's cancellation applies).</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddMediaKit(this IHealthChecksBuilder builder, HealthStatus failureStatus = HealthStatus.Unhealthy, IEnumerable<string>? tags = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var tagList = tags?.ToArray() ?? [Tag, ReadyTag];
        builder.Add(new HealthCheckRegistration(CatalogCheckName, sp => ActivatorUtilities.CreateInstance<MediaCatalogHealthCheck>(sp), failureStatus, tagList, timeout));
        builder.Add(new HealthCheckRegistration(StorageCheckName, sp => ActivatorUtilities.CreateInstance<MediaStorageHealthCheck>(sp), failureStatus, tagList, timeout));
        return builder;
    }
}
