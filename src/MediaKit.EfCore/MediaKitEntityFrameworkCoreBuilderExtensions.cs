using MediaKit;
using MediaKit.Catalog;
using MediaKit.EfCore.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses Entity Framework Core as MediaKit's catalog.</summary>
public static class MediaKitEntityFrameworkCoreBuilderExtensions
{
    /// <summary>
    /// Stores MediaKit's records in the host's <typeparamref name="TContext"/>, replacing any catalog chosen before.
    /// </summary>
    /// <remarks>
    /// Register the context yourself (<c>AddDbContext&lt;TContext&gt;</c>) and call <c>modelBuilder.AddMediaKit()</c> in its
    /// <c>OnModelCreating</c>. The catalog is scoped and uses the scope's context, so its saves also commit the host's pending
    /// changes in that context. A concurrent change to the same asset surfaces as
    /// <see cref="MediaConcurrencyException"/> (code <c>media.conflict</c>).
    /// </remarks>
    /// <typeparam name="TContext">The host's context, whose model includes MediaKit's tables.</typeparam>
    /// <param name="builder">The builder returned by <c>AddMediaKit()</c>.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static IMediaKitBuilder UseEntityFrameworkCore<TContext>(this IMediaKitBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Scoped<IMediaCatalog, EfMediaCatalog<TContext>>());
        builder.Services.Replace(ServiceDescriptor.Scoped<IMediaUsageCatalog, EfMediaUsageCatalog<TContext>>());
        builder.Services.Replace(ServiceDescriptor.Scoped<IMediaMaintenanceCatalog, EfMediaMaintenanceCatalog<TContext>>());
        builder.Services.Replace(ServiceDescriptor.Scoped<IMediaVariantCatalog, EfMediaVariantCatalog<TContext>>());
        builder.Services.Replace(ServiceDescriptor.Scoped<IMediaAuditCatalog, EfMediaAuditCatalog<TContext>>());
        builder.Services.Replace(ServiceDescriptor.Scoped<IMediaGroupCatalog, EfMediaGroupCatalog<TContext>>());
        builder.Services.Replace(ServiceDescriptor.Scoped<IMediaQuotaCatalog, EfMediaQuotaCatalog<TContext>>());
        builder.Services.Replace(ServiceDescriptor.Scoped<IMediaShareCatalog, EfMediaShareCatalog<TContext>>());
        builder.Services.Replace(ServiceDescriptor.Scoped<IMediaStoreCatalog, EfMediaStoreCatalog<TContext>>());

        // File delivery's lookup, with its short-lived cache that every save through the catalogs above keeps current.
        builder.Services.TryAddSingleton<MediaDeliveryCache>();
        builder.Services.TryAddScoped<MediaDeliveryChangeWatch>();
        builder.Services.Replace(ServiceDescriptor.Scoped<IMediaDeliveryCatalog, EfMediaDeliveryCatalog<TContext>>());
        return builder;
    }
}
