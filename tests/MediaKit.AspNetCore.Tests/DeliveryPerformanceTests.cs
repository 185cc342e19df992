using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static MediaKit.AspNetCore.Tests.ApiTestKit;

namespace MediaKit.AspNetCore.Tests;

/// <summary>
/// What the fast delivery path (one cached lookup, 304 before any I/O) must not change, through the sample app: the clock is
/// frozen, so an answer cached by an earlier request never expires during a test and only an invalidation can explain a change.
/// </summary>
public sealed class DeliveryPerformanceTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly StoreAppFactory _app;
    private readonly HttpClient _client;

    public DeliveryPerformanceTests()
    {
        _app = new StoreAppFactory(services: s => s.AddSingleton<TimeProvider>(_time));
        _client = _app.CreateClient();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_soft_deleted_file_stops_being_served_at_once_after_it_was_served_and_cached()
    {
        var id = await UploadPngAsync(_client);
        var variant = await FirstVariantAsync(id);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/media/{id}/content")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/media/{id}/content?variant={variant}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/media/{id}")).StatusCode);

        await AssertProblemAsync(await _client.GetAsync($"/api/media/{id}/content"), HttpStatusCode.NotFound, MediaErrorCodes.NotFound);
        await AssertProblemAsync(await _client.GetAsync($"/api/media/{id}/content?variant={variant}"), HttpStatusCode.NotFound, MediaErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_replaced_file_is_served_with_its_new_bytes_and_entity_tag_at_once()
    {
        var id = await UploadPngAsync(_client, seed: 1);
        using var before = await _client.GetAsync($"/api/media/{id}/content");
        var oldTag = before.Headers.ETag!.Tag;
        var oldBytes = await before.Content.ReadAsByteArrayAsync();

        var replacement = Png(seed: 2);
        using (var put = await _client.PutAsync($"/api/media/{id}/content", Multipart(("file", "photo-2.png", "image/png", replacement))))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        using var after = await _client.GetAsync($"/api/media/{id}/content");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(replacement, await after.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(oldBytes, replacement);
        Assert.NotEqual(oldTag, after.Headers.ETag!.Tag);
        Assert.Equal("photo-2.png", after.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        // The old tag no longer matches; the new one does.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/api/media/{id}/content", ("If-None-Match", oldTag))).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync($"/api/media/{id}/content", ("If-None-Match", after.Headers.ETag.Tag))).StatusCode);
    }

    [Fact]
    public async Task A_matching_entity_tag_is_answered_304_with_the_file_headers_and_without_reading_the_file()
    {
        var id = await UploadPngAsync(_client);
        var variant = await FirstVariantAsync(id);
        using var first = await _client.GetAsync($"/api/media/{id}/content");
        using var firstVariant = await _client.GetAsync($"/api/media/{id}/content?variant={variant}");
        var tag = first.Headers.ETag!.Tag;
        var variantTag = firstVariant.Headers.ETag!.Tag;
        Assert.NotEqual(tag, variantTag);

        // With the bytes gone, only a response that never opens the file can still be a 304.
        foreach (var file in _app.StoredFiles())
        {
            File.Delete(file);
        }

        using var notModified = await GetAsync($"/api/media/{id}/content", ("If-None-Match", tag));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(tag, notModified.Headers.ETag?.Tag);
        Assert.True(notModified.Headers.CacheControl is { Public: true });
        Assert.Equal("nosniff", notModified.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync($"/api/media/{id}/content?variant={variant}", ("If-None-Match", variantTag))).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync($"/api/media/{id}/content", ("If-None-Match", "*"))).StatusCode);

        // Without the tag the missing bytes are a 404, not an empty 200.
        await AssertProblemAsync(await _client.GetAsync($"/api/media/{id}/content"), HttpStatusCode.NotFound, MediaErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_file_and_a_variant_of_another_tenant_are_404_even_when_its_own_tenant_has_it_cached()
    {
        var id = await UploadPngAsync(_client);
        var variant = await FirstVariantAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/media/{id}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/media/{id}/content?variant={variant}")).StatusCode);

        using var globex = _app.CreateClientAs("globex-superadmin");

        await AssertProblemAsync(await globex.GetAsync($"/api/media/{id}/content"), HttpStatusCode.NotFound, MediaErrorCodes.NotFound);
        await AssertProblemAsync(await globex.GetAsync($"/api/media/{id}/content?variant={variant}"), HttpStatusCode.NotFound, MediaErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_range_of_a_cached_file_is_206_and_a_range_past_its_end_is_416()
    {
        var png = Png(seed: 3);
        var id = await UploadPngAsync(_client, seed: 3);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/media/{id}/content")).StatusCode);

        using var partial = await GetAsync($"/api/media/{id}/content", ("Range", "bytes=10-19"));
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(png[10..20], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 10-19/{png.Length}", partial.Content.Headers.ContentRange?.ToString());

        using var past = await GetAsync($"/api/media/{id}/content", ("Range", $"bytes={png.Length}-"));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, past.StatusCode);
        Assert.Equal($"bytes */{png.Length}", past.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task A_private_file_served_through_a_signed_url_still_refuses_tampered_and_unsigned_requests()
    {
        using var upload = await _client.PostAsync("/api/media/upload?collection=documents", Multipart(("file", "invoice.txt", "text/plain", Encoding.ASCII.GetBytes("Invoice 2025-002\nTotal: 7.00 EUR\n"))));
        var id = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("items")[0].GetProperty("asset").GetProperty("id").GetGuid();
        var signed = (await _client.GetFromJsonAsync<JsonElement>($"/api/media/{id}/signed-url")).GetProperty("signedUrl").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(signed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(signed)).StatusCode);

        var sig = signed[(signed.IndexOf("sig=", StringComparison.Ordinal) + 4)..];
        var altered = signed.Replace($"sig={sig}", $"sig={(sig[0] == 'A' ? 'B' : 'A')}{sig[1..]}", StringComparison.Ordinal);

        await AssertProblemAsync(await _client.GetAsync(altered), HttpStatusCode.Forbidden, MediaErrorCodes.SignatureInvalid);
        await AssertProblemAsync(await _client.GetAsync($"/api/media/{id}/content"), HttpStatusCode.Forbidden, MediaErrorCodes.SignatureRequired);
        await AssertProblemAsync(await _client.GetAsync(signed.Replace(id.ToString(), Guid.CreateVersion7().ToString(), StringComparison.Ordinal)), HttpStatusCode.Forbidden, MediaErrorCodes.SignatureInvalid);
    }

    [Fact]
    public async Task A_file_whose_folder_became_a_link_out_of_the_root_is_not_served_after_files_were_served()
    {
        var served = await UploadPngAsync(_client, seed: 4);
        var target = await UploadPngAsync(_client, seed: 5);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/media/{served}/content")).StatusCode);

        // The target's folder is swapped for a link to a folder outside the root holding a file of the same name.
        var file = Assert.Single(_app.StoredFiles(), f => f.Contains(target.ToString("N"), StringComparison.Ordinal) && f.Contains("original", StringComparison.Ordinal));
        var folder = Path.GetDirectoryName(file)!;
        var outside = Path.Combine(Path.GetTempPath(), "mediakit-outside-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outside);
        try
        {
            File.WriteAllText(Path.Combine(outside, Path.GetFileName(file)), "secret outside the root");
            Directory.Delete(folder, recursive: true);
            Directory.CreateSymbolicLink(folder, outside);

            using var response = await _client.GetAsync($"/api/media/{target}/content");

            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    private async Task<string> FirstVariantAsync(Guid id)
    {
        var asset = await _client.GetFromJsonAsync<JsonElement>($"/api/media/{id}");
        return asset.GetProperty("variants")[0].GetProperty("name").GetString()!;
    }

    private async Task<HttpResponseMessage> GetAsync(string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _client.SendAsync(request);
    }
}
