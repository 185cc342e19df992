using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace MediaKit.IntegrationTests;

/// <summary>Seed 003's share links: hashed tokens, exact use limits under concurrency, expiry, revocation, audit and events.</summary>
public sealed class ShareLinkTests
{
    [Fact]
    public async Task A_link_used_in_parallel_serves_exactly_its_maximum_uses()
    {
        const int maxUses = 5;
        await using var host = await SeedThreeHost.StartAsync();
        var png = await host.UploadAsync("alice", TestFiles.Png(5000));
        var link = await CreateAsync(host, png.Id, new MediaShareLinkRequest { MaxUses = maxUses });

        // A public request: no tenant or user of the caller is involved.
        host.Tenant.TenantId = "somewhere-else";
        using var start = new ManualResetEventSlim();
        var hits = Enumerable.Range(0, 24).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await using var content = await host.WithAsync<IMediaShares, MediaContent>(s => s.OpenAsync(link.Token));
                using var copy = new MemoryStream();
                await content.Stream.CopyToAsync(copy);
                return (Bytes: copy.Length, Code: (string?)null);
            }
            catch (MediaException ex)
            {
                return (Bytes: 0L, Code: ex.Code);
            }
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(hits);

        Assert.Equal(maxUses, results.Count(r => r.Code is null));
        Assert.All(results.Where(r => r.Code is null), r => Assert.Equal(5000, r.Bytes));
        Assert.All(results.Where(r => r.Code is not null), r => Assert.Equal(MediaErrorCodes.ShareExhausted, r.Code));
        var stored = await host.WithDbAsync(db => db.Set<MediaShareLink>().AsNoTracking().SingleAsync());
        Assert.Equal(maxUses, stored.UseCount);
        var accesses = await host.WithDbAsync(db => db.Set<MediaAuditEntry>().CountAsync(e => e.Action == MediaAuditActions.ShareAccessed));
        Assert.Equal(maxUses, accesses);
        Assert.Equal(Enumerable.Range(1, maxUses), host.Events().Events.OfType<MediaShareAccessed>().Select(e => e.UseCount).Order());
        var exhausted = await Assert.ThrowsAsync<MediaException>(() => host.WithAsync<IMediaShares, MediaSharedFile>(s => s.FindAsync(link.Token)));
        Assert.Equal(MediaErrorCodes.ShareExhausted, exhausted.Code);
    }

    [Fact]
    public async Task Only_the_SHA_256_of_the_token_is_stored_and_a_similar_token_finds_nothing()
    {
        await using var host = await SeedThreeHost.StartAsync();
        var png = await host.UploadAsync("alice", TestFiles.Png());
        var link = await CreateAsync(host, png.Id, new MediaShareLinkRequest());

        Assert.Equal(43, link.Token.Length);
        var stored = await host.WithDbAsync(db => db.Set<MediaShareLink>().AsNoTracking().SingleAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(link.Token))), stored.TokenHash);
        Assert.DoesNotContain(link.Token, stored.TokenHash, StringComparison.Ordinal);

        var tampered = (link.Token[0] == 'A' ? "B" : "A") + link.Token[1..];
        foreach (var token in new[] { tampered, link.Token[..^1], "", stored.TokenHash })
        {
            var error = await Assert.ThrowsAsync<MediaException>(() => host.WithAsync<IMediaShares, MediaContent>(s => s.OpenAsync(token)));
            Assert.Equal(MediaErrorCodes.ShareNotFound, error.Code);
        }

        Assert.Equal(0, (await host.WithDbAsync(db => db.Set<MediaShareLink>().AsNoTracking().SingleAsync())).UseCount);
    }

    [Fact]
    public async Task An_expired_link_stops_working_at_its_expiry_and_counts_no_use()
    {
        await using var host = await SeedThreeHost.StartAsync();
        var png = await host.UploadAsync("alice", TestFiles.Png());
        var link = await CreateAsync(host, png.Id, new MediaShareLinkRequest { ExpiresIn = TimeSpan.FromHours(1) });
        await (await host.WithAsync<IMediaShares, MediaContent>(s => s.OpenAsync(link.Token))).DisposeAsync();

        host.Time.Advance(TimeSpan.FromHours(1));

        var error = await Assert.ThrowsAsync<MediaException>(() => host.WithAsync<IMediaShares, MediaContent>(s => s.OpenAsync(link.Token)));
        Assert.Equal(MediaErrorCodes.ShareExpired, error.Code);
        Assert.Equal(1, (await host.WithDbAsync(db => db.Set<MediaShareLink>().AsNoTracking().SingleAsync())).UseCount);
    }

    [Fact]
    public async Task A_revoked_link_stops_working_at_once_and_the_revocation_is_audited()
    {
        await using var host = await SeedThreeHost.StartAsync();
        var png = await host.UploadAsync("alice", TestFiles.Png());
        host.Actor.ActorId = "alice";
        var link = await CreateAsync(host, png.Id, new MediaShareLinkRequest { Access = MediaShareAccess.Download });

        Assert.True(await host.WithAsync<IMediaShares, bool>(s => s.RevokeAsync(link.Link.Id)));
        Assert.False(await host.WithAsync<IMediaShares, bool>(s => s.RevokeAsync(link.Link.Id)));

        var error = await Assert.ThrowsAsync<MediaException>(() => host.WithAsync<IMediaShares, MediaContent>(s => s.OpenAsync(link.Token)));
        Assert.Equal(MediaErrorCodes.ShareNotFound, error.Code);
        var actions = await host.WithDbAsync(db => db.Set<MediaAuditEntry>().Where(e => e.Action.StartsWith("share.")).Select(e => e.Action + " " + e.Actor).ToListAsync());
        Assert.Equal(["share.created alice", "share.revoked alice"], actions.Order());
        var listed = Assert.Single(await host.WithAsync<IMediaShares, IReadOnlyList<MediaShareLink>>(s => s.ListAsync(png.Id)));
        Assert.NotNull(listed.RevokedAt);
    }

    [Fact]
    public async Task A_link_to_a_file_in_the_trash_or_under_review_serves_nothing()
    {
        await using var host = await SeedThreeHost.StartAsync();
        var png = await host.UploadAsync("alice", TestFiles.Png());
        var link = await CreateAsync(host, png.Id, new MediaShareLinkRequest());
        await host.WithStoreAsync(s => s.DeleteAsync(png.Id));

        var error = await Assert.ThrowsAsync<MediaException>(() => host.WithAsync<IMediaShares, MediaContent>(s => s.OpenAsync(link.Token)));
        Assert.Equal(MediaErrorCodes.ShareNotFound, error.Code);

        // Restored: the same link works again until it expires. Rejected: it does not.
        await host.WithStoreAsync(s => s.RestoreAsync(png.Id));
        await (await host.WithAsync<IMediaShares, MediaContent>(s => s.OpenAsync(link.Token))).DisposeAsync();
        host.Reviewer().IsReviewer = true;
        await host.WithAsync<IMediaReview, MediaAsset?>(r => r.RejectAsync(png.Id, "No"));
        error = await Assert.ThrowsAsync<MediaException>(() => host.WithAsync<IMediaShares, MediaContent>(s => s.OpenAsync(link.Token)));
        Assert.Equal(MediaErrorCodes.ShareNotFound, error.Code);
    }

    [Fact]
    public async Task Nobody_shares_what_they_cannot_see_and_another_tenant_cannot_revoke()
    {
        await using var host = await SeedThreeHost.StartAsync();
        var pdf = await host.UploadAsync("alice", SeedThreeHost.Pdf());
        host.Actor.ActorId = "bob";
        Assert.Null(await host.WithAsync<IMediaShares, MediaShareLinkCreated?>(s => s.CreateAsync(pdf.Id, new MediaShareLinkRequest())));

        var png = await host.UploadAsync("alice", TestFiles.Png());
        var link = await CreateAsync(host, png.Id, new MediaShareLinkRequest());
        host.Tenant.TenantId = "store-b";
        Assert.Null(await host.WithAsync<IMediaShares, MediaShareLinkCreated?>(s => s.CreateAsync(png.Id, new MediaShareLinkRequest())));
        Assert.False(await host.WithAsync<IMediaShares, bool>(s => s.RevokeAsync(link.Link.Id)));
        Assert.Empty(await host.WithAsync<IMediaShares, IReadOnlyList<MediaShareLink>>(s => s.ListAsync(png.Id)));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(30, null)]
    [InlineData(3600, 0)]
    public async Task Out_of_range_lifetimes_and_use_limits_are_refused(int seconds, int? maxUses)
    {
        await using var host = await SeedThreeHost.StartAsync();
        var png = await host.UploadAsync("alice", TestFiles.Png());

        var error = await Assert.ThrowsAsync<MediaException>(() => host.WithAsync<IMediaShares, MediaShareLinkCreated?>(s =>
            s.CreateAsync(png.Id, new MediaShareLinkRequest { ExpiresIn = TimeSpan.FromSeconds(seconds), MaxUses = maxUses })));
        Assert.Equal(MediaErrorCodes.InvalidRequest, error.Code);
    }

    private static async Task<MediaShareLinkCreated> CreateAsync(MediaKitHost host, Guid assetId, MediaShareLinkRequest request)
        => (await host.WithAsync<IMediaShares, MediaShareLinkCreated?>(s => s.CreateAsync(assetId, request)))!;
}
