namespace MediaKit.AspNetCore;

/// <summary>The body of <c>POST /{id}/approve</c> (optional) and <c>POST /{id}/reject</c> (required).</summary>
/// <param name="Note">The note for the uploader; a rejection's reason.</param>
public sealed record MediaReviewRequest(string? Note);

/// <summary>The body of <c>POST /{id}/shares</c>.</summary>
/// <param name="Access"><c>view</c> (inline where safe; the default) or <c>download</c> (always an attachment).</param>
/// <param name="ExpiresIn">The link's lifetime in seconds; default seven days, at most 365 days.</param>
/// <param name="MaxUses">How many times the link may be used; omitted for no limit.</param>
public sealed record MediaShareCreateRequest(string? Access = null, long? ExpiresIn = null, int? MaxUses = null);

/// <summary>A share link as the HTTP API returns it. The token is never stored: <see cref="Url"/> is given once, at creation.</summary>
/// <param name="Id">The link's id (for <c>DELETE /shares/{id}</c>).</param>
/// <param name="AssetId">The shared asset.</param>
/// <param name="Access"><c>view</c> or <c>download</c>.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
/// <param name="MaxUses">How many uses it allows, or <see langword="null"/> for no limit.</param>
/// <param name="UseCount">How many times it was used.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
/// <param name="Url">The public, app-relative URL (<c>{prefix}/s/{token}</c>), only in the answer to the creation.</param>
public sealed record MediaShareLinkResponse(
    Guid Id,
    Guid AssetId,
    string Access,
    DateTimeOffset ExpiresAt,
    int? MaxUses,
    int UseCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    string? Url);
