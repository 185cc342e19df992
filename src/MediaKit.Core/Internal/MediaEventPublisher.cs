using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaKit.Internal;

/// <summary>Raises events to every <see cref="IMediaEventHandler"/>, after the change they describe was saved; a handler's failure is logged, never thrown.</summary>
/// <remarks>
/// Handlers are resolved when an event is raised, not when the store is built: a handler may then depend on
/// <see cref="IMediaStore"/> (to look an asset up) without a dependency cycle.
/// </remarks>
internal sealed partial class MediaEventPublisher(IServiceProvider services, IMediaActorAccessor actor, ILogger<MediaEventPublisher>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<MediaEventPublisher>.Instance;

    /// <summary>Who is acting, for the events' <see cref="MediaEvent.Actor"/>.</summary>
    public string? ActorId => actor.ActorId;

    public async Task PublishAsync(MediaEvent mediaEvent, CancellationToken cancellationToken)
    {
        foreach (var handler in services.GetServices<IMediaEventHandler>())
        {
            try
            {
                await handler.HandleAsync(mediaEvent, cancellationToken);
            }
            catch (Exception ex)
            {
                // The change is committed: a handler (a notification, a webhook) must not turn it into a reported failure.
                Log.HandlerFailed(_logger, ex, handler.GetType().Name, mediaEvent.GetType().Name, mediaEvent.AssetId);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1901, Level = LogLevel.Error, Message = "Media event handler {Handler} failed on {Event} for asset {AssetId}; the operation itself succeeded")]
        public static partial void HandlerFailed(ILogger logger, Exception exception, string handler, string @event, Guid assetId);
    }
}
