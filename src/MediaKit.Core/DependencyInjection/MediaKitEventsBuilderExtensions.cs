using MediaKit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Subscribes to MediaKit's events.</summary>
public static class MediaKitEventsBuilderExtensions
{
    /// <summary>
    /// Registers <typeparamref name="THandler"/> (scoped) to receive every <see cref="MediaEvent"/> after its change was saved.
    /// Adding the same handler type twice registers it once. A handler that throws is logged and never fails the operation.
    /// </summary>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <param name="builder">The builder returned by <c>AddMediaKit</c>.</param>
    /// <returns>The builder.</returns>
    public static IMediaKitBuilder AddEventHandler<THandler>(this IMediaKitBuilder builder)
        where THandler : class, IMediaEventHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IMediaEventHandler, THandler>());
        return builder;
    }
}
