using MediaKit;
using MediaKit.AspNetCore;
using MediaKit.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps MediaKit's HTTP API.</summary>
public static class MediaKitEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the media API under <paramref name="prefix"/>: <c>GET /</c> (list), <c>POST /upload</c> (streamed multipart),
    /// <c>GET /{id}</c>, <c>PATCH /{id}</c> (file name, title, alt text, tags), <c>GET /{id}/content</c> (file delivery with ranges and entity tags), <c>DELETE /{id}</c> and
    /// <c>POST /{id}/restore</c>. Every failure is a ProblemDetails with a stable <c>code</c>.
    /// </summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="prefix">The route prefix, such as <c>/api/media</c>.</param>
    /// <param name="configure">Adjusts the API's options.</param>
    /// <returns>The route group, on which the host sets authorization, rate limiting and the like.</returns>
    public static RouteGroupBuilder MapMediaKit(this IEndpointRouteBuilder endpoints, string prefix = "/api/media", Action<MediaKitEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var options = new MediaKitEndpointOptions();
        configure?.Invoke(options);
        var api = new MediaApi(prefix.TrimEnd('/'), options);

        var group = endpoints.MapGroup(prefix).WithTags("Media");
        group.MapGet("/", api.ListAsync).WithName("MediaKit.List").Produces<MediaPageResponse>();
        group.MapPost("/upload", api.UploadAsync).WithName("MediaKit.Upload").Produces<MediaUploadResponse>()
            .Accepts<IFormFile>("multipart/form-data").ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/{id:guid}", api.GetAsync).WithName("MediaKit.Get").Produces<MediaAssetResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/content", api.ContentAsync).WithName("MediaKit.Content").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id:guid}", api.PatchAsync).WithName("MediaKit.Update").Produces<MediaAssetResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", api.DeleteAsync).WithName("MediaKit.Delete").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/restore", api.RestoreAsync).WithName("MediaKit.Restore").ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
