using MediaKit;
using MediaKit.AspNetCore;
using MediaKit.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps MediaKit's HTTP API.</summary>
public static class MediaKitEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the media API under <paramref name="prefix"/>: <c>GET /</c> (list), <c>POST /upload</c> (streamed multipart),
    /// <c>GET /{id}</c>, <c>PATCH /{id}</c> (file name, title, alt text, tags), <c>GET /{id}/content</c> (file delivery with ranges and entity tags; files of private collections need a signed URL,
    /// see <see cref="MediaKitEndpointOptions.AllowAuthorizedPrivateReads"/>), <c>GET /{id}/signed-url</c> (<c>?variant=&amp;expiresIn=</c>
    /// in seconds; answers <c>{ signedUrl, expiresAt }</c>), <c>DELETE /{id}</c> and
    /// <c>POST /{id}/restore</c>. Every failure is a ProblemDetails with a stable <c>code</c>.
    /// </summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="prefix">The route prefix, such as <c>/api/media</c>.</param>
    /// <param name="configure">Adjusts the API's options.</param>
    /// <returns>The route group, on which the host sets authorization, rate limiting and the like.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="prefix"/> differs from <see cref="MediaKitOptions.DeliveryPath"/>, so the URLs MediaKit hands out would not reach this API.</exception>
    public static RouteGroupBuilder MapMediaKit(this IEndpointRouteBuilder endpoints, string prefix = "/api/media", Action<MediaKitEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var options = new MediaKitEndpointOptions();
        configure?.Invoke(options);
        var api = new MediaApi(prefix.TrimEnd('/'), options);
        var deliveryPath = endpoints.ServiceProvider.GetService<IOptions<MediaKitOptions>>()?.Value.DeliveryPath;
        if (deliveryPath is not null && !string.Equals(deliveryPath.TrimEnd('/'), prefix.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"MapMediaKit maps the API at '{prefix}', but MediaKitOptions.DeliveryPath is '{deliveryPath}': file URLs would not reach it. Set DeliveryPath in AddMediaKit(o => o.DeliveryPath = \"{prefix}\").");
        }

        var group = endpoints.MapGroup(prefix).WithTags("Media");
        group.MapGet("/", api.ListAsync).WithName("MediaKit.List").Produces<MediaPageResponse>();
        group.MapPost("/upload", api.UploadAsync).WithName("MediaKit.Upload").Produces<MediaUploadResponse>()
            .Accepts<IFormFile>("multipart/form-data").ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/{id:guid}", api.GetAsync).WithName("MediaKit.Get").Produces<MediaAssetResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/content", api.ContentAsync).WithName("MediaKit.Content").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id:guid}/signed-url", api.SignedUrlAsync).WithName("MediaKit.SignedUrl").Produces<MediaSignedUrlResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id:guid}", api.PatchAsync).WithName("MediaKit.Update").Produces<MediaAssetResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", api.DeleteAsync).WithName("MediaKit.Delete").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/restore", api.RestoreAsync).WithName("MediaKit.Restore").ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
