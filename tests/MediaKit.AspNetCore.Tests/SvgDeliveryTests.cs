using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.AspNetCore.Tests;

/// <summary>
/// "An SVG with a script never reaches a browser as active content", end to end through the sample's HTTP API: the
/// sanitizing <c>branding</c> collection, and a download-only collection that keeps the file as uploaded.
/// </summary>
public sealed class SvgDeliveryTests : IDisposable
{
    private const string Hostile = """
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" width="10" height="10">
          <script>alert(document.cookie)</script>
          <foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(2)"/></body></foreignObject>
          <a xlink:href="javascript:alert(3)"><rect width="10" height="10" fill="red"/></a>
          <image href="http://evil.example/beacon.png"/>
        </svg>
        """;

    private readonly StoreAppFactory _app = new(services: s => s.Configure<MediaKitOptions>(o =>
        o.Collections.Add("raw-vectors", c => { c.Accept(MediaContentTypes.Svg); c.SvgHandling = MediaSvgHandling.DownloadOnly; })));

    private readonly HttpClient _client;

    public SvgDeliveryTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_SVG_with_a_script_is_stored_sanitized_and_served_inline_only_inside_a_sandbox()
    {
        var asset = await UploadAsync("branding", "logo.svg", Encoding.UTF8.GetBytes(Hostile));

        using var response = await _client.GetAsync(asset.GetProperty("url").GetString());
        var body = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        foreach (var active in new[] { "<script", "onload", "onerror", "foreignObject", "javascript:", "alert(", "evil.example" })
        {
            Assert.DoesNotContain(active, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("<rect", text, StringComparison.Ordinal);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("sandbox", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        // The record describes the stored (sanitized) bytes, not the upload.
        Assert.Equal(body.Length, asset.GetProperty("length").GetInt64());
        var stored = Assert.Single(_app.StoredFiles());
        Assert.Equal(body, await File.ReadAllBytesAsync(stored));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), response.Headers.ETag?.Tag.Trim('"'));
    }

    [Fact]
    public async Task A_download_only_SVG_is_kept_as_uploaded_and_served_as_an_attachment_inside_a_sandbox()
    {
        var bytes = Encoding.UTF8.GetBytes(Hostile);
        var asset = await UploadAsync("raw-vectors", "drawing.svg", bytes);

        using var response = await _client.GetAsync(asset.GetProperty("url").GetString());

        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_malformed_SVG_is_refused_with_a_stable_code_and_nothing_is_stored()
    {
        using var response = await PostAsync("branding", "logo.svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</svg>"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.False(response.IsSuccessStatusCode && !body.Contains(MediaErrorCodes.SvgInvalid, StringComparison.Ordinal), body);
        Assert.Contains(MediaErrorCodes.SvgInvalid, body, StringComparison.Ordinal);
        Assert.Empty(_app.StoredFiles());
    }

    [Fact]
    public async Task An_SVG_entity_attack_is_refused_and_nothing_is_stored()
    {
        var svg = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&xxe;</text></svg>";

        using var response = await PostAsync("branding", "logo.svg", Encoding.UTF8.GetBytes(svg));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains(MediaErrorCodes.SvgInvalid, body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        Assert.Empty(_app.StoredFiles());
    }

    private async Task<JsonElement> UploadAsync(string collection, string fileName, byte[] bytes)
    {
        using var response = await PostAsync(collection, fileName, bytes);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("items")[0].GetProperty("asset");
    }

    private Task<HttpResponseMessage> PostAsync(string collection, string fileName, byte[] bytes)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/svg+xml");
        content.Add(part, "file", fileName);
        return _client.PostAsync($"/api/media/upload?collection={collection}", content);
    }
}
