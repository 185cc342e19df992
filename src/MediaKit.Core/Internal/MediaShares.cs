using System.Text.Json;
using MediaKit.Catalog;
using MediaKit.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaKit.Internal;

/// <summary>The default <see cref="IMediaShares"/>: links stored by token hash, uses counted by one conditional update.</summary>
internal sealed partial class MediaShares(
    IMediaCatalog catalog,
    IMediaAuditCatalog auditCatalog,
    IMediaStore store,
    MediaStore reader,
    IMediaTenantAccessor tenant,
    IMediaActorAccessor actor,
    MediaEventPublisher events,
    TimeProvider time,
    IMediaShareCatalog? shareCatalog = null,
    ILogger<MediaShares>? logger = null) : IMediaShares
{
    private readonly ILogger _logger = logger ?? NullLogger<MediaShares>.Instance;

    private IMediaShareCatalog Shares => shareCatalog ?? throw new InvalidOperationException(
        "MediaKit: share links need a catalog that implements IMediaShareCatalog. Use UseEntityFrameworkCore<TContext>() or register one.");

    public async Task<MediaShareLinkCreated?> CreateAsync(Guid assetId, MediaShareLinkRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ExpiresIn < TimeSpan.FromMinutes(1) || request.ExpiresIn > MediaShareLinkRequest.MaxLifetime)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"A share link lives between one minute and {MediaShareLinkRequest.MaxLifetime.TotalDays:0} days.");
        }

        if (request.MaxUses is < 1 || !Enum.IsDefined(request.Access))
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, "A share link's maximum uses must be at least 1, and its access view or download.");
        }

        // Through the store: the caller must be able to see the asset (tenant, trash, expiry and review rules).
        var asset = await store.FindAsync(assetId, cancellationToken);
        if (asset is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var token = ShareTokens.NewToken();
        var link = new MediaShareLink
        {
            Id = Guid.CreateVersion7(now),
            TenantId = asset.TenantId,
            AssetId = asset.Id,
            TokenHash = ShareTokens.Hash(token),
            Access = request.Access,
            ExpiresAt = now + request.ExpiresIn,
            MaxUses = request.MaxUses,
            CreatedBy = actor.ActorId,
            CreatedAt = now,
        };
        Stage(link, MediaAuditActions.ShareCreated, new { LinkId = link.Id, Access = link.Access.ToString(), link.ExpiresAt, link.MaxUses }, actor.ActorId);
        await Shares.AddAsync(link, cancellationToken);
        Log.Created(_logger, link.Id, asset.Id, link.Access, link.ExpiresAt);
        return new MediaShareLinkCreated(link, token);
    }

    public async Task<IReadOnlyList<MediaShareLink>> ListAsync(Guid assetId, CancellationToken cancellationToken = default)
        => await store.FindAsync(assetId, cancellationToken) is null ? [] : await Shares.ListAsync(tenant.TenantId, assetId, cancellationToken);

    public Task<MediaShareLink?> GetAsync(Guid linkId, CancellationToken cancellationToken = default)
        => Shares.FindAsync(tenant.TenantId, linkId, cancellationToken);

    public async Task<bool> RevokeAsync(Guid linkId, CancellationToken cancellationToken = default)
    {
        var tenantId = tenant.TenantId;
        var link = await Shares.FindAsync(tenantId, linkId, cancellationToken);
        if (link is null || link.RevokedAt is not null)
        {
            return false;
        }

        Stage(link, MediaAuditActions.ShareRevoked, new { LinkId = link.Id }, actor.ActorId);
        return await Shares.RevokeAsync(tenantId, linkId, time.GetUtcNow(), cancellationToken);
    }

    public Task<MediaSharedFile> FindAsync(string token, CancellationToken cancellationToken = default)
        => ResolveAsync(token, cancellationToken);

    public async Task<MediaContent> OpenAsync(string token, BlobRange? range = null, CancellationToken cancellationToken = default)
    {
        var (link, asset) = await ResolveAsync(token, cancellationToken);
        if (range is { } r && (r.Offset < 0 || r.Offset >= asset.Length || r.Length is <= 0))
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"The range starting at {r.Offset} is outside the file's {asset.Length} bytes.");
        }

        // Open first, count second: a file whose bytes are missing costs the holder no use.
        var content = await reader.OpenAssetAsync(asset, variant: null, range, cancellationToken)
            ?? throw Unavailable(MediaErrorCodes.ShareNotFound);
        try
        {
            var now = time.GetUtcNow();
            Stage(link, MediaAuditActions.ShareAccessed, new { LinkId = link.Id, Access = link.Access.ToString(), Range = range is { } x ? $"{x.Offset}-{x.Length}" : null }, actor.ActorId);
            var uses = await Shares.TryUseAsync(link.Id, now, cancellationToken);
            if (uses is not { } count)
            {
                // Another request took the last use, or the link expired or was revoked since it was read.
                var current = await Shares.FindByTokenHashAsync(link.TokenHash, cancellationToken);
                throw Unavailable(current is null ? MediaErrorCodes.ShareNotFound : StateOf(current, now) ?? MediaErrorCodes.ShareExhausted);
            }

            Log.Accessed(_logger, link.Id, asset.Id, count);
            await events.PublishAsync(new MediaShareAccessed(link.TenantId, asset.Id, link.Id, link.Access, count, now), cancellationToken);
            return content;
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }
    }

    private async Task<MediaSharedFile> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        if (!ShareTokens.IsWellFormed(token))
        {
            throw Unavailable(MediaErrorCodes.ShareNotFound);
        }

        var hash = ShareTokens.Hash(token);
        var link = await Shares.FindByTokenHashAsync(hash, cancellationToken);
        if (link is null || !ShareTokens.HashEquals(hash, link.TokenHash))
        {
            throw Unavailable(MediaErrorCodes.ShareNotFound);
        }

        var now = time.GetUtcNow();
        if (StateOf(link, now) is { } code)
        {
            throw Unavailable(code);
        }

        // Read in the link's tenant: the holder of a link is not signed in. Only live, approved, unexpired files are shared.
        var asset = await catalog.FindAsync(link.TenantId, link.AssetId, includeDeleted: false, cancellationToken);
        if (asset is null || asset.Status != MediaAssetStatus.Ready || asset.ExpiresAt <= now)
        {
            throw Unavailable(MediaErrorCodes.ShareNotFound);
        }

        return new MediaSharedFile(link, asset);
    }

    /// <summary>Why a link cannot be used now, or <see langword="null"/> when it can.</summary>
    private static string? StateOf(MediaShareLink link, DateTimeOffset now)
        => link.RevokedAt is not null ? MediaErrorCodes.ShareNotFound
            : link.ExpiresAt <= now ? MediaErrorCodes.ShareExpired
            : link.MaxUses is { } max && link.UseCount >= max ? MediaErrorCodes.ShareExhausted
            : null;

    private static MediaException Unavailable(string code) => new(code, code switch
    {
        MediaErrorCodes.ShareExpired => "This share link has expired; ask for a new one.",
        MediaErrorCodes.ShareExhausted => "This share link has been used as many times as it allows; ask for a new one.",
        _ => "No active share link has this address.",
    });

    private void Stage(MediaShareLink link, string action, object details, string? actorId)
        => auditCatalog.Stage(new MediaAuditEntry
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            TenantId = link.TenantId,
            AssetId = link.AssetId,
            Action = action,
            Actor = actorId,
            At = time.GetUtcNow(),
            Details = JsonSerializer.Serialize(details),
        });

    private static partial class Log
    {
        [LoggerMessage(EventId = 1911, Level = LogLevel.Information, Message = "Share link {LinkId} created for media asset {AssetId}: {Access} until {ExpiresAt}")]
        public static partial void Created(ILogger logger, Guid linkId, Guid assetId, MediaShareAccess access, DateTimeOffset expiresAt);

        [LoggerMessage(EventId = 1912, Level = LogLevel.Information, Message = "Share link {LinkId} of media asset {AssetId} used ({UseCount} uses)")]
        public static partial void Accessed(ILogger logger, Guid linkId, Guid assetId, int useCount);
    }
}
