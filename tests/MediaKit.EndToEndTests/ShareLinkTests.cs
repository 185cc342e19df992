using MediaKit.EndToEndTests.Infrastructure;

namespace MediaKit.EndToEndTests;

/// <summary>Seed 003: a share link opens in a browser that never signed in, until it is revoked.</summary>
[RequiresChromium]
[Collection(SampleAppCollection.Name)]
public sealed class ShareLinkTests(SampleAppFixture app)
{
    [Fact]
    public async Task A_share_link_serves_the_file_to_a_fresh_browser_until_it_is_revoked()
    {
        using var admin = app.Api("acme-admin");
        var (asset, bytes) = await admin.UploadPngAsync($"shared-{Guid.NewGuid():N}.png", seed: 5001);
        var share = await admin.CreateShareAsync(asset.Id, access: "view", expiresInSeconds: 3600);
        Assert.NotNull(share.Url);
        Assert.StartsWith("/api/media/s/", share.Url, StringComparison.Ordinal);

        await using (var stranger = await app.NewSessionAsync(account: null))
        {
            Assert.Empty(await stranger.Context.CookiesAsync());
            var response = await stranger.Page.GotoAsync(share.Url);
            Assert.NotNull(response);
            Assert.Equal(200, response.Status);
            Assert.Equal("image/png", response.Headers["content-type"]);
            Assert.Contains("no-store", response.Headers["cache-control"], StringComparison.Ordinal);
            var served = await response.BodyAsync();
            Assert.Equal(bytes.Length, served.Length);
            Assert.Equal(bytes, served);
        }

        Assert.Equal(204, (int)await admin.RevokeShareAsync(share.Id));

        await using var later = await app.NewSessionAsync(account: null);
        var refused = await later.Page.GotoAsync(share.Url);
        Assert.NotNull(refused);
        Assert.Equal(404, refused.Status);
        var body = await refused.BodyAsync();
        Assert.NotEqual(bytes, body);
        // A revoked link answers like an unknown one: it says nothing about the file.
        Assert.Equal("media.share_not_found", MediaProblem.Parse(System.Text.Encoding.UTF8.GetString(body)).Code);
    }
}
