using MediaKit.Storage;

namespace MediaKit;

/// <summary>
/// Share links of the current tenant (seed 003): public, expiring links to one file, for viewing or downloading, with an
/// optional number of uses. Whoever holds the link gets the file without signing in; every use is counted atomically and
/// written to the audit trail (<see cref="MediaAuditActions.ShareAccessed"/>).
/// </summary>
/// <remarks>
/// A link's token is 256 random bits, handed out once by <see cref="CreateAsync"/>; only its SHA-256 is stored, so a
/// database leak does not leak working links. A link stops working when it expires, is revoked, has been used
/// <see cref="MediaShareLink.MaxUses"/> times (exactly, also under concurrent use), or when its asset is in the trash, expired
/// or not (or no longer) approved. Every request that is served counts as one use, range requests included.
/// </remarks>
public interface IMediaShares
{
    /// <summary>Creates a link to a live asset that the caller can see.</summary>
    /// <param name="assetId">The asset.</param>
    /// <param name="request">Access, lifetime and maximum uses.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The link and its token (shown only now), or <see langword="null"/> when the asset does not exist in the current tenant, is in the trash or is hidden from the caller.</returns>
    /// <exception cref="MediaException">The lifetime or maximum uses are out of range (<see cref="MediaErrorCodes.InvalidRequest"/>).</exception>
    Task<MediaShareLinkCreated?> CreateAsync(Guid assetId, MediaShareLinkRequest request, CancellationToken cancellationToken = default);

    /// <summary>The links of an asset of the current tenant, active or not, newest first.</summary>
    Task<IReadOnlyList<MediaShareLink>> ListAsync(Guid assetId, CancellationToken cancellationToken = default);

    /// <summary>A link of the current tenant by id.</summary>
    /// <returns>The link, or <see langword="null"/> when the tenant has none with that id.</returns>
    Task<MediaShareLink?> GetAsync(Guid linkId, CancellationToken cancellationToken = default);

    /// <summary>Revokes a link of the current tenant; it stops working at once.</summary>
    /// <returns><see langword="true"/> when the link existed and was active.</returns>
    Task<bool> RevokeAsync(Guid linkId, CancellationToken cancellationToken = default);

    /// <summary>Finds what a token gives access to, without using it.</summary>
    /// <param name="token">The token from <see cref="MediaShareLinkCreated.Token"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The link and its asset.</returns>
    /// <exception cref="MediaException">The link is unknown, revoked, or its asset is not served (<see cref="MediaErrorCodes.ShareNotFound"/>), expired
    /// (<see cref="MediaErrorCodes.ShareExpired"/>) or used up (<see cref="MediaErrorCodes.ShareExhausted"/>).</exception>
    Task<MediaSharedFile> FindAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Uses a link: counts one use, records the access and opens the file (or a range of it).</summary>
    /// <param name="token">The token from <see cref="MediaShareLinkCreated.Token"/>.</param>
    /// <param name="range">A byte range, or <see langword="null"/> for the whole file.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The content, which the caller disposes.</returns>
    /// <exception cref="MediaException">The same errors as <see cref="FindAsync"/>; <see cref="MediaErrorCodes.InvalidRequest"/> for a range outside the file. No use is counted then.</exception>
    Task<MediaContent> OpenAsync(string token, BlobRange? range = null, CancellationToken cancellationToken = default);
}

/// <summary>What a new share link allows.</summary>
public sealed record MediaShareLinkRequest
{
    /// <summary>The longest lifetime of a link: 365 days.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    /// <summary>View inline (where safe) or download as an attachment. Default <see cref="MediaShareAccess.View"/>.</summary>
    public MediaShareAccess Access { get; init; } = MediaShareAccess.View;

    /// <summary>How long the link works: one minute to <see cref="MaxLifetime"/>. Default seven days.</summary>
    public TimeSpan ExpiresIn { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How many times the link may be used, at least 1; <see langword="null"/> (the default) for no limit.</summary>
    public int? MaxUses { get; init; }
}

/// <summary>A new share link and its token.</summary>
/// <param name="Link">The stored link (which holds only the token's hash).</param>
/// <param name="Token">The secret part of the link's URL: 43 URL-safe characters. It cannot be shown again.</param>
public sealed record MediaShareLinkCreated(MediaShareLink Link, string Token);

/// <summary>A share link together with the asset it gives access to.</summary>
/// <param name="Link">The link.</param>
/// <param name="Asset">The shared asset.</param>
public sealed record MediaSharedFile(MediaShareLink Link, MediaAsset Asset);
