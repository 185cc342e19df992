using System.Text.Json.Serialization;

namespace MediaKit.AspNetCore;

/// <summary>An asset as the HTTP API returns it.</summary>
/// <param name="Id">The asset's id.</param>
/// <param name="Collection">The collection.</param>
/// <param name="FileName">The display file name.</param>
/// <param name="Title">The title.</param>
/// <param name="AltText">The alternative text.</param>
/// <param name="Tags">The tags.</param>
/// <param name="ContentType">The content type decided from the bytes.</param>
/// <param name="Kind">The kind, lowercase.</param>
/// <param name="Length">The size in bytes.</param>
/// <param name="Width">The width in pixels, when known.</param>
/// <param name="Height">The height in pixels, when known.</param>
/// <param name="DurationSeconds">The duration in seconds, when known.</param>
/// <param name="Status">The review state, lowercase.</param>
/// <param name="CreatedAt">When the asset was created.</param>
/// <param name="UpdatedAt">When the asset last changed.</param>
/// <param name="DeletedAt">When the asset was moved to the trash.</param>
/// <param name="Url">The URL of the file: stable for public collections, signed and expiring for private ones (see <see cref="IMediaUrls"/>).</param>
/// <param name="Variants">The variants with their URLs.</param>
public sealed record MediaAssetResponse(
    Guid Id,
    string Collection,
    string FileName,
    string? Title,
    string? AltText,
    IReadOnlyList<string> Tags,
    string ContentType,
    string Kind,
    long Length,
    int? Width,
    int? Height,
    double? DurationSeconds,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt,
    string Url,
    IReadOnlyList<MediaVariantResponse> Variants)
{
    /// <summary>Where the asset is used (the first page of references), in <c>GET {id}</c> only; <see langword="null"/> in listings.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MediaUsageResponse>? UsedBy { get; init; }

    /// <summary>The cursor of the next page of references when there are more than <see cref="UsedBy"/> holds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UsedByNextCursor { get; init; }

    /// <summary>The reviewer's note (the reason of a rejection), when there is one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReviewNote { get; init; }
}

/// <summary>A reference from an entity of the app to an asset ("where used").</summary>
/// <param name="ResourceType">The entity's type, such as <c>product</c>.</param>
/// <param name="ResourceId">The entity's id.</param>
/// <param name="Field">The entity's field, such as <c>gallery</c>.</param>
/// <param name="Position">The asset's position in the field.</param>
public sealed record MediaUsageResponse(string ResourceType, string ResourceId, string Field, int Position);

/// <summary>The body of <c>POST /bulk-delete</c>.</summary>
/// <param name="Ids">The assets to delete.</param>
/// <param name="Force">Delete assets that are in use too.</param>
public sealed record MediaBulkDeleteRequest(IReadOnlyList<Guid>? Ids, bool Force = false);

/// <summary>The outcome of one id of <c>POST /bulk-delete</c>.</summary>
/// <param name="Id">The asset.</param>
/// <param name="Deleted">Whether it was moved to the trash.</param>
/// <param name="Error">Why not: <see cref="MediaErrorCodes.NotFound"/>, <see cref="MediaErrorCodes.InUse"/> or <see cref="MediaErrorCodes.Forbidden"/>.</param>
/// <param name="UsedBy">For <see cref="MediaErrorCodes.InUse"/>, where the asset is used.</param>
public sealed record MediaBulkDeleteResult(
    Guid Id,
    bool Deleted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MediaErrorResponse? Error = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<MediaUsageResponse>? UsedBy = null);

/// <summary>The response of <c>POST /bulk-delete</c>: one result per id, in request order.</summary>
/// <param name="Items">The per-id results.</param>
public sealed record MediaBulkDeleteResponse(IReadOnlyList<MediaBulkDeleteResult> Items);

/// <summary>A variant as the HTTP API returns it.</summary>
/// <param name="Name">The variant's name.</param>
/// <param name="ContentType">The content type.</param>
/// <param name="Length">The size in bytes.</param>
/// <param name="Width">The width in pixels.</param>
/// <param name="Height">The height in pixels.</param>
/// <param name="Url">The URL of the variant's file, signed for private collections.</param>
public sealed record MediaVariantResponse(string Name, string ContentType, long Length, int? Width, int? Height, string Url);

/// <summary>One page of assets.</summary>
/// <param name="Items">The assets.</param>
/// <param name="NextCursor">The cursor of the next page, if any.</param>
/// <param name="Total">The total, for page-number listings; a lower bound when <see cref="TotalIsExact"/> is <see langword="false"/>.</param>
public sealed record MediaPageResponse(IReadOnlyList<MediaAssetResponse> Items, string? NextCursor, long? Total)
{
    /// <summary>
    /// <see langword="false"/> when more assets match than the request's <c>total_limit</c> (default
    /// <see cref="MediaQuery.DefaultTotalCountLimit"/>): <see cref="Total"/> is then that limit, shown as "1,000+".
    /// </summary>
    public bool TotalIsExact { get; init; } = true;
}

/// <summary>The outcome of one file of an upload request.</summary>
/// <param name="FileName">The file name the client sent.</param>
/// <param name="Asset">The stored asset, when the file was accepted.</param>
/// <param name="Error">The typed error, when it was refused.</param>
public sealed record MediaUploadResult(string FileName, MediaAssetResponse? Asset, MediaErrorResponse? Error);

/// <summary>A typed error of one file.</summary>
/// <param name="Code">The stable error code (see <see cref="MediaErrorCodes"/>).</param>
/// <param name="Message">A message for people.</param>
public sealed record MediaErrorResponse(string Code, string Message);

/// <summary>The response of an upload request: one result per file, in request order.</summary>
/// <param name="Items">The per-file results.</param>
public sealed record MediaUploadResponse(IReadOnlyList<MediaUploadResult> Items);

/// <summary>The response of <c>GET {id}/signed-url</c>.</summary>
/// <param name="SignedUrl">The URL: signed and expiring for a private collection, the stable URL for a public one.</param>
/// <param name="ExpiresAt">When the URL stops working; <see langword="null"/> for a stable public URL.</param>
public sealed record MediaSignedUrlResponse(string SignedUrl, DateTimeOffset? ExpiresAt);
