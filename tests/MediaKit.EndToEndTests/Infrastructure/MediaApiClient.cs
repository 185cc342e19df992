using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediaKit.EndToEndTests.Infrastructure;

/// <summary>
/// MediaKit's HTTP API of the sample app, called as one demo account with its bearer token
/// (<c>Authorization: Bearer demo:{account}</c>, Development only): seeds assets fast and manages share links.
/// Reads the wire format itself rather than MediaKit's response types, so the tests check the JSON clients see.
/// Shared with benchmarks/picker, which links this file.
/// </summary>
internal sealed class MediaApiClient : IDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    /// <summary>A client of the app at <paramref name="baseAddress"/>, signed in as <paramref name="account"/>.</summary>
    public MediaApiClient(Uri baseAddress, string account)
    {
        Account = account;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "demo:" + account);
    }

    /// <summary>The demo account the calls are made as.</summary>
    public string Account { get; }

    /// <summary>The underlying client, for requests this class has no method for.</summary>
    public HttpClient Http => _http;

    /// <summary>Uploads files in one multipart request (<c>POST /api/media/upload?collection=</c>); fails unless every file is stored.</summary>
    public async Task<IReadOnlyList<UploadedAsset>> UploadAsync(string collection, IEnumerable<(string FileName, byte[] Bytes)> files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "application/octet-stream");
            form.Add(part, "files", name);
        }

        using var response = await _http.PostAsync($"api/media/upload?collection={Uri.EscapeDataString(collection)}", form);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Upload as {Account} answered {(int)response.StatusCode}: {body}");
        }

        var results = JsonSerializer.Deserialize<UploadResponse>(body, s_json)!.Items;
        var failed = results.Where(r => r.Asset is null).ToList();
        return failed.Count == 0
            ? [.. results.Select(r => r.Asset!)]
            : throw new HttpRequestException($"Upload as {Account} refused {failed.Count} file(s): {body}");
    }

    /// <summary>Uploads one generated PNG named <paramref name="fileName"/> to <c>products</c>.</summary>
    public async Task<(UploadedAsset Asset, byte[] Bytes)> UploadPngAsync(string fileName, int seed, string collection = "products")
    {
        var bytes = PngImages.Create(seed);
        var assets = await UploadAsync(collection, [(fileName, bytes)]);
        return (assets[0], bytes);
    }

    /// <summary>Creates a share link (<c>POST /api/media/{id}/shares</c>).</summary>
    public async Task<ShareLink> CreateShareAsync(Guid assetId, string access = "view", long? expiresInSeconds = null, int? maxUses = null)
    {
        using var response = await _http.PostAsJsonAsync($"api/media/{assetId}/shares", new { access, expiresIn = expiresInSeconds, maxUses }, s_json);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonSerializer.Deserialize<ShareLink>(body, s_json)!
            : throw new HttpRequestException($"Creating a share link as {Account} answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>Revokes a share link (<c>DELETE /api/media/shares/{id}</c>); answers the status code.</summary>
    public async Task<HttpStatusCode> RevokeShareAsync(Guid shareId)
    {
        using var response = await _http.DeleteAsync($"api/media/shares/{shareId}");
        return response.StatusCode;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>An uploaded asset, as much of it as the tests read.</summary>
    internal sealed record UploadedAsset(Guid Id, string FileName, string Collection, string ContentType, long Length, int? Width, int? Height, string Url);

    /// <summary>A share link as the API answers its creation.</summary>
    internal sealed record ShareLink(Guid Id, Guid AssetId, string Access, DateTimeOffset ExpiresAt, string? Url);

    private sealed record UploadResponse(IReadOnlyList<UploadResult> Items);

    private sealed record UploadResult(string FileName, UploadedAsset? Asset, JsonElement? Error);
}

/// <summary>A ProblemDetails as MediaKit answers it, with its stable <c>code</c>.</summary>
internal sealed record MediaProblem(
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("code")] string? Code)
{
    /// <summary>Reads a ProblemDetails body.</summary>
    public static MediaProblem Parse(string json) => JsonSerializer.Deserialize<MediaProblem>(json)!;
}
