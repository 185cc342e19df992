using MediaKit;
using MediaKit.AspNetCore;
using MediaKit.Ui;
using MediaKit.Ui.Internal;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what MediaKit's Blazor components need.</summary>
public static class MediaKitUiServiceCollectionExtensions
{
    /// <summary>
    /// Adds MediaKit's components' services: their options, and a circuit handler that gives every MediaKit call made from
    /// an interactive server component the circuit's signed-in user (its tenant, its id as the actor, its review rights)
    /// instead of a request that no longer exists.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the API path, the page size and where usages link to.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddMediaKitUi(this IServiceCollection services, Action<MediaKitUiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<MediaKitUiOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.ApiPath.StartsWith('/') && o.PageSize is > 0 and <= MediaQuery.MaxLimit, "MediaKit.Ui: ApiPath must start with '/' and PageSize be 1 to 200.").ValidateOnStart();
        services.AddHttpContextAccessor();
        services.TryAddScoped<MediaKitUser>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, MediaKitCircuitUserHandler>());
        return services;
    }
}
