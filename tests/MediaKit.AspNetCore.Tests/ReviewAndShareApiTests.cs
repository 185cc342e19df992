using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediaKit.Samples.Store.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.AspNetCore.Tests;

/// <summary>
/// Seed 003 through the HTTP API of the sample: the chat collection's review queue and decisions, and share links from
/// creation to the public <c>/s/{token}</c>, including expired, used-up and revoked links that serve nothing.
/// </summary>
public sealed class ReviewAndShareApiTests : IDisposable
{
    // Only Super Admins review here, so an Admin is a member who sees the library but not other people's pending files.
    private readonly StoreAppFactory _app = new(services: s => s.Configure<AuthorizationOptions>(o =>
        o.AddPolicy(MediaKitPolicies.Approve, p => p.RequireAuthenticatedUser().RequireRole("Super Admin"))));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_pending_pdf_is_listed_and_served_only_to_its_uploader_and_reviewers_until_it_is_approved()
    {
        var member = _app.CreateClientAs("acme-member");
        var admin = _app.CreateClientAs("acme-admin");
        var reviewer = _app.CreateClientAs("acme-superadmin");
        var asset = await UploadAsync(member, "chat", "contract.pdf", "application/pdf", Pdf());
        Assert.Equal("pending_review", asset.GetProperty("status").GetString());
        var id = asset.GetProperty("id").GetGuid();

        await ApiTestKit.AssertProblemAsync(await admin.GetAsync($"/api/media/{id}"), HttpStatusCode.NotFound, MediaErrorCodes.NotFound);
        Assert.DoesNotContain(id.ToString(), await admin.GetStringAsync("/api/media/?collection=chat"), StringComparison.Ordinal);
        await ApiTestKit.AssertProblemAsync(await admin.GetAsync($"/api/media/{id}/signed-url"), HttpStatusCode.NotFound, MediaErrorCodes.NotFound);
        await ApiTestKit.AssertProblemAsync(await admin.GetAsync("/api/media/pending"), HttpStatusCode.Forbidden, MediaErrorCodes.Forbidden);
        await ApiTestKit.AssertProblemAsync(await admin.PostAsJsonAsync($"/api/media/{id}/approve", new { note = "ok" }), HttpStatusCode.Forbidden, MediaErrorCodes.Forbidden);

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/media/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/api/media/{id}")).StatusCode);
        Assert.Contains(id.ToString(), await reviewer.GetStringAsync("/api/media/?collection=chat"), StringComparison.Ordinal);
        var pending = await reviewer.GetFromJsonAsync<JsonElement>("/api/media/pending?collection=chat");
        Assert.Equal(id, Assert.Single(pending.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        using var approved = await reviewer.PostAsJsonAsync($"/api/media/{id}/approve", new { note = "Fine" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("ready", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/media/{id}")).StatusCode);
        Assert.Empty((await reviewer.GetFromJsonAsync<JsonElement>("/api/media/pending")).GetProperty("items").EnumerateArray());
        Assert.Equal(["asset.approved acme-superadmin", "asset.uploaded acme-member"], await TrailAsync(id));
    }

    [Fact]
    public async Task A_rejection_needs_a_note_which_the_uploader_then_reads()
    {
        var member = _app.CreateClientAs("acme-member");
        var reviewer = _app.CreateClientAs("acme-superadmin");
        var id = (await UploadAsync(member, "chat", "scan.pdf", "application/pdf", Pdf())).GetProperty("id").GetGuid();

        await ApiTestKit.AssertProblemAsync(await reviewer.PostAsync($"/api/media/{id}/reject", null), HttpStatusCode.BadRequest, MediaErrorCodes.InvalidRequest);
        await ApiTestKit.AssertProblemAsync(await reviewer.PostAsJsonAsync($"/api/media/{Guid.CreateVersion7()}/reject", new { note = "x" }), HttpStatusCode.NotFound, MediaErrorCodes.NotFound);
        using var rejected = await reviewer.PostAsJsonAsync($"/api/media/{id}/reject", new { note = "Blurry, please scan again" });

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var mine = await member.GetFromJsonAsync<JsonElement>($"/api/media/{id}");
        Assert.Equal("rejected", mine.GetProperty("status").GetString());
        Assert.Equal("Blurry, please scan again", mine.GetProperty("reviewNote").GetString());

        // Another organization's reviewer cannot touch it: 404, never 403.
        await ApiTestKit.AssertProblemAsync(
            await _app.CreateClientAs("globex-superadmin").PostAsJsonAsync($"/api/media/{id}/approve", new { }), HttpStatusCode.NotFound, MediaErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_view_link_serves_the_file_inline_to_anyone_and_logs_each_access()
    {
        var member = _app.CreateClientAs("acme-member");
        var png = ApiTestKit.Png(seed: 7);
        var id = (await UploadAsync(member, "chat", "photo.png", "image/png", png)).GetProperty("id").GetGuid();
        var link = await ShareAsync(member, id, new { access = "view", expiresIn = 3600 });
        var anonymous = _app.CreateClientAs(null);

        using var response = await anonymous.GetAsync(link.Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        using var range = new HttpRequestMessage(HttpMethod.Get, link.Url);
        range.Headers.TryAddWithoutValidation("Range", "bytes=0-9");
        using var partial = await anonymous.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(png[..10], await partial.Content.ReadAsByteArrayAsync());

        var shares = await member.GetFromJsonAsync<JsonElement>($"/api/media/{id}/shares");
        Assert.Equal(2, Assert.Single(shares.EnumerateArray()).GetProperty("useCount").GetInt32());
        Assert.Equal(2, (await TrailAsync(id)).Count(e => e.StartsWith(MediaAuditActions.ShareAccessed, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_download_link_is_an_attachment_and_stops_at_its_maximum_uses()
    {
        var member = _app.CreateClientAs("acme-member");
        var id = (await UploadAsync(member, "chat", "photo.png", "image/png", ApiTestKit.Png(seed: 3))).GetProperty("id").GetGuid();
        var link = await ShareAsync(member, id, new { access = "download", maxUses = 1 });
        var anonymous = _app.CreateClientAs(null);

        using (var first = await anonymous.GetAsync(link.Url))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("attachment", first.Content.Headers.ContentDisposition?.DispositionType);
        }

        using var second = await anonymous.GetAsync(link.Url);
        await ApiTestKit.AssertProblemAsync(second, HttpStatusCode.NotFound, MediaErrorCodes.ShareExhausted);
        Assert.Null(second.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task An_expired_link_answers_404_share_expired_and_serves_nothing()
    {
        var member = _app.CreateClientAs("acme-member");
        var id = (await UploadAsync(member, "chat", "photo.png", "image/png", ApiTestKit.Png(seed: 4))).GetProperty("id").GetGuid();
        var link = await ShareAsync(member, id, new { expiresIn = 60 });
        using (var scope = _app.Services.CreateScope())
        {
            // As if the minute had passed.
            await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Set<MediaShareLink>()
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }

        using var response = await _app.CreateClientAs(null).GetAsync(link.Url);

        await ApiTestKit.AssertProblemAsync(response, HttpStatusCode.NotFound, MediaErrorCodes.ShareExpired);
        Assert.Equal(0, (await member.GetFromJsonAsync<JsonElement>($"/api/media/{id}/shares"))[0].GetProperty("useCount").GetInt32());
    }

    [Fact]
    public async Task Only_the_uploader_or_a_manager_shares_and_revokes_and_a_revoked_or_unknown_link_serves_nothing()
    {
        var member = _app.CreateClientAs("acme-member");
        var admin = _app.CreateClientAs("acme-admin");
        var adminsFile = await ApiTestKit.UploadPngAsync(admin, "products", seed: 11);
        await ApiTestKit.AssertProblemAsync(await member.PostAsJsonAsync($"/api/media/{adminsFile}/shares", new { }), HttpStatusCode.Forbidden, MediaErrorCodes.Forbidden);
        await ApiTestKit.AssertProblemAsync(
            await member.PostAsJsonAsync($"/api/media/{adminsFile}/shares", new { access = "edit" }), HttpStatusCode.BadRequest, MediaErrorCodes.InvalidRequest);
        await ApiTestKit.AssertProblemAsync(
            await _app.CreateClientAs("globex-superadmin").PostAsJsonAsync($"/api/media/{adminsFile}/shares", new { }), HttpStatusCode.NotFound, MediaErrorCodes.NotFound);

        var memberFile = (await UploadAsync(member, "chat", "photo.png", "image/png", ApiTestKit.Png(seed: 5))).GetProperty("id").GetGuid();
        var link = await ShareAsync(member, memberFile, new { });
        await ApiTestKit.AssertProblemAsync(await _app.CreateClientAs("globex-superadmin").DeleteAsync($"/api/media/shares/{link.Id}"), HttpStatusCode.NotFound, MediaErrorCodes.ShareNotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/media/shares/{link.Id}")).StatusCode);

        var anonymous = _app.CreateClientAs(null);
        await ApiTestKit.AssertProblemAsync(await anonymous.GetAsync(link.Url), HttpStatusCode.NotFound, MediaErrorCodes.ShareNotFound);
        await ApiTestKit.AssertProblemAsync(await anonymous.GetAsync("/api/media/s/" + new string('A', 43)), HttpStatusCode.NotFound, MediaErrorCodes.ShareNotFound);
        await ApiTestKit.AssertProblemAsync(await anonymous.GetAsync("/api/media/s/..%2F..%2Fstore.db"), HttpStatusCode.NotFound, MediaErrorCodes.ShareNotFound);
    }

    [Fact]
    public async Task An_upload_over_the_quota_answers_413_quota_exceeded_with_the_numbers_and_stores_nothing()
    {
        var first = ApiTestKit.Png(32, 24, seed: 1);
        var second = ApiTestKit.Png(32, 24, seed: 2);
        var quota = first.Length + second.Length - 1;
        using var app = new StoreAppFactory(services: s => s.PostConfigure<MediaKitOptions>(o => o.Collections.Add("chat").QuotaPerOwner = quota));
        var member = app.CreateClientAs("acme-member");
        await UploadAsync(member, "chat", "a.png", "image/png", first);
        var before = await ApiTestKit.SnapshotAsync(app);

        using var refused = await member.PostAsync("/api/media/upload?collection=chat", ApiTestKit.Multipart(("file", "b.png", "image/png", second)));

        await ApiTestKit.AssertProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge, MediaErrorCodes.QuotaExceeded);
        Assert.Contains($"{first.Length:N0} of {quota:N0} bytes are used", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await ApiTestKit.SnapshotAsync(app));
    }

    private static byte[] Pdf()
    {
        var bytes = new byte[4000];
        new Random(42).NextBytes(bytes);
        "%PDF-1.4\n"u8.CopyTo(bytes);
        return bytes;
    }

    private static async Task<JsonElement> UploadAsync(HttpClient client, string collection, string fileName, string contentType, byte[] bytes)
    {
        using var response = await client.PostAsync($"/api/media/upload?collection={collection}", ApiTestKit.Multipart(("file", fileName, contentType, bytes)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("items")[0].GetProperty("asset").Clone();
    }

    private static async Task<(Guid Id, string Url)> ShareAsync(HttpClient client, Guid assetId, object body)
    {
        using var response = await client.PostAsJsonAsync($"/api/media/{assetId}/shares", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var link = JsonDocument.Parse(text).RootElement;
        return (link.GetProperty("id").GetGuid(), link.GetProperty("url").GetString()!);
    }

    private async Task<List<string>> TrailAsync(Guid assetId)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        return await db.Set<MediaAuditEntry>().AsNoTracking().Where(e => e.AssetId == assetId).OrderByDescending(e => e.Id).Select(e => e.Action + " " + e.Actor).ToListAsync();
    }
}
