using MediaKit;
using MediaKit.Internal;
using MediaKit.Processing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the variant backfill service.</summary>
public static class MediaKitVariantBackfillBuilderExtensions
{
    /// <summary>
    /// Runs the variant backfill (<see cref="IMediaVariantBackfill"/>) at startup and every <see cref="MediaVariantBackfillOptions.Interval"/>:
    /// existing assets get the variants their collection defines but they lack. Every app instance may add it: a lease per
    /// collection in the database lets one instance work on a collection at a time.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMediaKit</c>.</param>
    /// <param name="configure">Sets the interval, batch size and lease (also reachable as <see cref="MediaKitOptions.VariantBackfill"/>).</param>
    /// <returns>The builder.</returns>
    public static IMediaKitBuilder AddVariantBackfillService(this IMediaKitBuilder builder, Action<MediaVariantBackfillOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (configure is not null)
        {
            builder.Services.Configure<MediaKitOptions>(o => configure(o.VariantBackfill));
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, MediaVariantBackfill.MediaVariantBackfillService>());
        return builder;
    }
}
