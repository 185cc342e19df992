using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MediaKit.AspNetCore.Tests;

/// <summary>Private files through signed URLs: the sample's <c>documents</c> collection is private.</summary>
public sealed class SignedUrlTests : IDisposable
{
    private static readonly byte[] s_text = Encoding.ASCII.GetBytes("Invoice 2025-001\nTotal: 42.00 EUR\n");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly StoreAppFactory _app;
    private readonly HttpClient _client;

    public SignedUrlTests()
    {
        _app = new StoreAppFactory(services: s => s.AddSingleton<TimeProvider>(_time));
        _client = _app.CreateClient();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_private_file_is_refused_without_a_signature_and_served_with_one()
    {
        var id = await UploadAsync();

        await AssertProblemAsync(await _client.GetAsync($"/api/media/{id}/content"), MediaErrorCodes.SignatureRequired);

        var signed = await SignedUrlAsync(_client, id);
        using var response = await _client.GetAsync(signed.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(s_text, await response.Content.ReadAsByteArrayAsync());
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true });
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(_time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(), signed.ExpiresAt.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task The_asset_response_of_a_private_file_carries_a_signed_url()
    {
        var id = await UploadAsync();

        var asset = await _client.GetFromJsonAsync<JsonElement>($"/api/media/{id}");
        var url = asset.GetProperty("url").GetString()!;

        Assert.Contains("sig=", url, StringComparison.Ordinal);
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> Tamperings => new() { "asset", "exp", "sig", "variant", "kid", "no-sig" };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_tampered_signed_url_is_refused(string part)
    {
        var id = await UploadAsync();
        var other = await UploadAsync("other.txt");
        var url = (await SignedUrlAsync(_client, id)).Url;
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), url).Query);

        var tampered = part switch
        {
            "asset" => url.Replace(id.ToString(), other.ToString(), StringComparison.Ordinal),
            "exp" => url.Replace($"exp={query["exp"]}", $"exp={Bump(query["exp"]!)}", StringComparison.Ordinal),
            "sig" => url.Replace($"sig={query["sig"]}", $"sig={Bump(query["sig"]!)}", StringComparison.Ordinal),
            "variant" => url.Replace("?exp=", "?variant=thumb&exp=", StringComparison.Ordinal),
            "kid" => url.Replace("kid=k1", "kid=k9", StringComparison.Ordinal),
            _ => url[..url.IndexOf("&sig=", StringComparison.Ordinal)],
        };
        Assert.NotEqual(url, tampered);

        await AssertProblemAsync(await _client.GetAsync(tampered), MediaErrorCodes.SignatureInvalid);
    }

    [Fact]
    public async Task An_expired_signed_url_is_refused()
    {
        var id = await UploadAsync();
        var url = (await SignedUrlAsync(_client, id, "&expiresIn=60")).Url;
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(url)).StatusCode);

        _time.Advance(TimeSpan.FromSeconds(61));

        await AssertProblemAsync(await _client.GetAsync(url), MediaErrorCodes.SignatureExpired);
    }

    [Fact]
    public async Task The_same_signed_url_comes_from_the_cache_until_shortly_before_it_expires()
    {
        var id = await UploadAsync();
        var first = await SignedUrlAsync(_client, id);

        _time.Advance(TimeSpan.FromMinutes(30));
        var cached = await SignedUrlAsync(_client, id);

        _time.Advance(TimeSpan.FromMinutes(25));
        var renewed = await SignedUrlAsync(_client, id);

        Assert.Equal(first.Url, cached.Url);
        Assert.Equal(first.ExpiresAt, cached.ExpiresAt);
        Assert.NotEqual(first.Url, renewed.Url);
        Assert.True(renewed.ExpiresAt > first.ExpiresAt);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(renewed.Url)).StatusCode);
    }

    [Fact]
    public async Task A_url_signed_with_the_previous_key_verifies_while_that_key_is_configured()
    {
        var id = await UploadAsync();
        var url = (await SignedUrlAsync(_client, id)).Url;
        var k1 = StoreAppFactory.DefaultKeys["k1"];
        var k2 = StoreAppFactory.NewKey();

        using (var rotated = new StoreAppFactory(_app.DataPath, new Dictionary<string, string> { ["k1"] = k1, ["k2"] = k2 }, "k2"))
        {
            using var client = rotated.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
            Assert.Contains("kid=k2", (await SignedUrlAsync(client, id)).Url, StringComparison.Ordinal);
        }

        using var retired = new StoreAppFactory(_app.DataPath, new Dictionary<string, string> { ["k2"] = k2 });
        using var retiredClient = retired.CreateClient();
        await AssertProblemAsync(await retiredClient.GetAsync(url), MediaErrorCodes.SignatureInvalid);
    }

    [Fact]
    public async Task Another_tenants_asset_has_no_signed_url()
    {
        var id = await UploadAsync();

        // The tenant is the signed-in user's organization: an admin of another organization.
        using var client = _app.CreateClientAs("globex-admin");

        var response = await client.GetAsync($"/api/media/{id}/signed-url");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(MediaErrorCodes.NotFound, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3601")]
    [InlineData("soon")]
    public async Task An_expiry_out_of_range_is_a_400_problem(string expiresIn)
    {
        var id = await UploadAsync();
        var response = await _client.GetAsync($"/api/media/{id}/signed-url?expiresIn={expiresIn}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_public_file_keeps_its_stable_url_and_needs_no_signature()
    {
        var png = NetVips.Image.Black(8, 8).PngsaveBuffer();
        using var content = new MultipartFormDataContent { { new ByteArrayContent(png), "file", "p.png" } };
        using var upload = await _client.PostAsync("/api/media/upload?collection=products", content);
        var id = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("items")[0].GetProperty("asset").GetProperty("id").GetGuid();

        var signed = await _client.GetFromJsonAsync<JsonElement>($"/api/media/{id}/signed-url");

        var url = signed.GetProperty("signedUrl").GetString()!;
        Assert.StartsWith($"/api/media/{id}/content?v=", url, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, signed.GetProperty("expiresAt").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/media/{id}/content")).StatusCode);
    }

    [Fact]
    public async Task A_public_url_is_cached_for_long_only_while_it_names_the_current_bytes()
    {
        var id = await UploadPublicAsync(NetVips.Image.Black(8, 8).PngsaveBuffer());
        var url = (await _client.GetFromJsonAsync<JsonElement>($"/api/media/{id}/signed-url")).GetProperty("signedUrl").GetString()!;

        // The URL the library hands out: immutable for a year.
        using (var current = await _client.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, current.StatusCode);
            Assert.True(current.Headers.CacheControl is { Public: true, MaxAge.TotalDays: 365 }, current.Headers.CacheControl?.ToString());
            Assert.Contains("immutable", current.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }

        // The same file without the token (an old link): cacheable, but revalidated, so a replacement is seen at once.
        using (var bare = await _client.GetAsync($"/api/media/{id}/content"))
        {
            Assert.True(bare.Headers.CacheControl is { Public: true, NoCache: true, MaxAge: null }, bare.Headers.CacheControl?.ToString());
        }

        // Replacing the bytes gives a new URL; the old one is no longer cached for long.
        using var replace = new MultipartFormDataContent { { new ByteArrayContent(NetVips.Image.Black(9, 9).PngsaveBuffer()), "file", "p2.png" } };
        Assert.True((await _client.PutAsync($"/api/media/{id}/content", replace)).IsSuccessStatusCode);
        var replacedUrl = (await _client.GetFromJsonAsync<JsonElement>($"/api/media/{id}/signed-url")).GetProperty("signedUrl").GetString()!;
        Assert.NotEqual(url, replacedUrl);
        using var stale = await _client.GetAsync(url);
        Assert.True(stale.Headers.CacheControl is { NoCache: true }, stale.Headers.CacheControl?.ToString());
    }

    private async Task<Guid> UploadPublicAsync(byte[] png)
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(png), "file", "p.png" } };
        using var upload = await _client.PostAsync("/api/media/upload?collection=products", content);
        return JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("items")[0].GetProperty("asset").GetProperty("id").GetGuid();
    }

    private static string Bump(string value)
    {
        var last = value[^1];
        var replacement = last switch { '9' => '0', 'z' => 'a', 'Z' => 'A', '-' => '_', '_' => '-', _ => (char)(last + 1) };
        return value[..^1] + replacement;
    }

    private async Task<Guid> UploadAsync(string fileName = "invoice.txt")
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(s_text);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Add(part, "file", fileName);
        using var response = await _client.PostAsync("/api/media/upload?collection=documents", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("items")[0].GetProperty("asset").GetProperty("id").GetGuid();
    }

    private static async Task<(string Url, DateTimeOffset ExpiresAt)> SignedUrlAsync(HttpClient client, Guid id, string query = "")
    {
        using var response = await client.GetAsync($"/api/media/{id}/signed-url?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("signedUrl").GetString()!, json.GetProperty("expiresAt").GetDateTimeOffset());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"Expected 403, got {response.StatusCode}: {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        response.Dispose();
    }
}
