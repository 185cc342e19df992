using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.AspNetCore.Tests;

/// <summary>The HTTP API as a browser or a script meets it, through the sample store app.</summary>
public sealed class MediaApiTests : IDisposable
{
    private static readonly byte[] s_png = Png(96, 64);
    private readonly StoreAppFactory _app = new();
    private readonly HttpClient _client;

    public MediaApiTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_uploaded_file_is_listed_and_served_with_safe_headers()
    {
        var asset = await UploadAsync("products", "shoe.png", s_png);

        var list = await _client.GetFromJsonAsync<JsonElement>("/api/media/?collection=products");
        Assert.Equal(asset.GetProperty("id").GetString(), list.GetProperty("items")[0].GetProperty("id").GetString());

        using var response = await _client.GetAsync(asset.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(s_png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task A_matching_If_None_Match_answers_304()
    {
        var asset = await UploadAsync("products", "shoe.png", s_png);
        using var first = await _client.GetAsync(asset.GetProperty("url").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Get, asset.GetProperty("url").GetString());
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    public static TheoryData<string, int, int> Ranges => new()
    {
        { "bytes=10-19", 10, 10 },
        { $"bytes={s_png.Length - 8}-", s_png.Length - 8, 8 },
        { "bytes=-8", s_png.Length - 8, 8 },
        { "bytes=100-999999", 100, s_png.Length - 100 },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task A_range_request_answers_206_with_exactly_those_bytes(string range, int offset, int length)
    {
        var asset = await UploadAsync("products", "shoe.png", s_png);

        using var request = new HttpRequestMessage(HttpMethod.Get, asset.GetProperty("url").GetString());
        request.Headers.TryAddWithoutValidation("Range", range);
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(s_png.AsSpan(offset, length).ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes {offset}-{offset + length - 1}/{s_png.Length}", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task A_range_past_the_end_answers_416()
    {
        var asset = await UploadAsync("products", "shoe.png", s_png);

        using var request = new HttpRequestMessage(HttpMethod.Get, asset.GetProperty("url").GetString());
        request.Headers.TryAddWithoutValidation("Range", "bytes=999999-");
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{s_png.Length}", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task A_PHP_file_named_photo_jpg_is_refused_with_a_problem_and_nothing_is_stored()
    {
        using var response = await PostFilesAsync("products", ("file", "photo.jpg", "image/jpeg", "<?php system($_GET['c']); ?>"u8.ToArray()));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, MediaErrorCodes.TypeMismatch);
        Assert.Empty(_app.StoredFiles());
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/media/");
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_file_over_the_collection_limit_is_refused_with_413()
    {
        var big = new byte[10_000_100];
        s_png.CopyTo(big, 0);

        using var response = await PostFilesAsync("products", ("file", "big.png", "image/png", big));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, MediaErrorCodes.TooLarge);
        Assert.Empty(_app.StoredFiles());
    }

    [Fact]
    public async Task An_unknown_collection_is_a_400_problem()
    {
        using var response = await PostFilesAsync("nope", ("file", "shoe.png", "image/png", s_png));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, MediaErrorCodes.UnknownCollection);
    }

    [Fact]
    public async Task A_truncated_image_is_refused_and_nothing_is_stored()
    {
        using var response = await PostFilesAsync("products", ("file", "cut.png", "image/png", s_png[..60]));

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, MediaErrorCodes.Corrupt);
        Assert.Empty(_app.StoredFiles());
    }

    [Fact]
    public async Task An_uploaded_image_reports_its_dimensions()
    {
        var asset = await UploadAsync("products", "wide.png", Png(120, 40));

        Assert.Equal(120, asset.GetProperty("width").GetInt32());
        Assert.Equal(40, asset.GetProperty("height").GetInt32());
    }

    [Fact]
    public async Task A_request_with_several_files_reports_each_file()
    {
        using var response = await PostFilesAsync(
            "products",
            ("files", "one.png", "image/png", s_png),
            ("files", "evil.jpg", "image/jpeg", "<html><script>alert(1)</script></html>"u8.ToArray()),
            ("files", "two.png", "image/png", s_png.Reverse().Skip(1).Prepend((byte)0).ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        Assert.Equal(3, items.GetArrayLength());
        Assert.Equal(JsonValueKind.Object, items[0].GetProperty("asset").ValueKind);
        Assert.Equal(MediaErrorCodes.TypeMismatch, items[1].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(MediaErrorCodes.TypeMismatch, items[2].GetProperty("error").GetProperty("code").GetString());

        // One original (plus its generated variants, all under the one asset's folder); nothing of the refused files.
        Assert.Single(_app.StoredFiles(), f => Path.GetFileName(f).StartsWith("original-", StringComparison.Ordinal));
        var assetFolder = Path.GetDirectoryName(_app.StoredFiles().Single(f => Path.GetFileName(f).StartsWith("original-", StringComparison.Ordinal)));
        Assert.All(_app.StoredFiles(), f => Assert.Equal(assetFolder, Path.GetDirectoryName(f)));
    }

    [Fact]
    public async Task An_SVG_logo_is_sanitized_and_served_inline_under_a_sandboxing_policy()
    {
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"1\" height=\"1\"/></svg>");
        var asset = await UploadAsync("branding", "logo.svg", svg);

        using var response = await _client.GetAsync(asset.GetProperty("url").GetString());

        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType ?? "inline");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("onload", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_soft_deleted_file_stops_being_served_and_restore_brings_it_back()
    {
        var asset = await UploadAsync("products", "shoe.png", s_png);
        var id = asset.GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/media/{id}")).StatusCode);
        await AssertProblemAsync(await _client.GetAsync($"/api/media/{id}/content"), HttpStatusCode.NotFound, MediaErrorCodes.NotFound);
        await AssertProblemAsync(await _client.GetAsync($"/api/media/{id}"), HttpStatusCode.NotFound, MediaErrorCodes.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync($"/api/media/{id}/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/media/{id}/content")).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_used_file_is_a_409_that_lists_where_it_is_used_unless_forced()
    {
        var asset = await UploadAsync("products", "shoe.png", s_png);
        var id = Guid.Parse(asset.GetProperty("id").GetString()!);
        using (var scope = _app.Services.CreateScope())
        {
            ApiTestKit.ActAs(scope.ServiceProvider, StoreAppFactory.DefaultAccount); // the tenant is the signed-in user's organization
            await scope.ServiceProvider.GetRequiredService<IMediaUsages>().SetAsync("product", "42", "gallery", [id]);
        }

        using var refused = await _client.DeleteAsync($"/api/media/{id}");
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(MediaErrorCodes.InUse, problem.GetProperty("code").GetString());
        Assert.Equal(1, problem.GetProperty("totalUsages").GetInt32());
        Assert.Equal("42", problem.GetProperty("usages")[0].GetProperty("resourceId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/media/{id}/content")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/media/{id}?force=true")).StatusCode);
    }

    [Fact]
    public async Task PATCH_changes_the_descriptive_fields_and_keeps_the_file()
    {
        var asset = await UploadAsync("products", "IMG_0001.png", s_png);
        var url = $"/api/media/{asset.GetProperty("id").GetString()}";

        using var response = await _client.PatchAsJsonAsync(url, new { fileName = "red\u202Egnp.exe sneaker.png", title = "Red sneaker", altText = "A red sneaker, side view", tags = new[] { "shoes", "red", "shoes" } });
        var changed = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("redgnp.exe sneaker.png", changed.GetProperty("fileName").GetString());
        Assert.Equal("Red sneaker", changed.GetProperty("title").GetString());
        Assert.Equal(["shoes", "red"], changed.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(s_png, await _client.GetByteArrayAsync(url + "/content"));

        using var cleared = await _client.PatchAsJsonAsync(url, new { title = "" });
        Assert.Equal(JsonValueKind.Null, (await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").ValueKind);
        await AssertProblemAsync(await _client.PatchAsJsonAsync(url, new { title = new string('x', 513) }), HttpStatusCode.BadRequest, MediaErrorCodes.InvalidRequest);
        await AssertProblemAsync(await _client.PatchAsJsonAsync($"/api/media/{Guid.CreateVersion7()}", new { title = "x" }), HttpStatusCode.NotFound, MediaErrorCodes.NotFound);
    }

    [Fact]
    public async Task Purge_removes_the_bytes()
    {
        var asset = await UploadAsync("products", "shoe.png", s_png);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/media/{asset.GetProperty("id").GetString()}?mode=purge")).StatusCode);

        Assert.Empty(_app.StoredFiles());
    }

    [Fact]
    public async Task Listing_pages_with_a_cursor_until_every_file_was_seen_once()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await UploadAsync("products", $"p{i}.png", Png(10 + i, 10))).GetProperty("id").GetString()!);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await _client.GetFromJsonAsync<JsonElement>($"/api/media/?limit=3&sort_by=name&sort_order=asc{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(7, seen.Count);
        Assert.True(ids.SetEquals(seen));
    }

    [Fact]
    public async Task A_page_number_listing_says_when_its_total_is_capped()
    {
        for (var i = 0; i < 4; i++)
        {
            await UploadAsync("products", $"t{i}.png", Png(10 + i, 10));
        }

        var capped = await _client.GetFromJsonAsync<JsonElement>("/api/media/?page=1&limit=2&total_limit=3");
        var exact = await _client.GetFromJsonAsync<JsonElement>("/api/media/?page=1&limit=2");

        Assert.Equal((3, false, 2), (capped.GetProperty("total").GetInt64(), capped.GetProperty("totalIsExact").GetBoolean(), capped.GetProperty("items").GetArrayLength()));
        Assert.Equal((4, true), (exact.GetProperty("total").GetInt64(), exact.GetProperty("totalIsExact").GetBoolean()));
    }

    [Theory]
    [InlineData("/api/media/?sort_by=colour")]
    [InlineData("/api/media/?limit=5000")]
    [InlineData("/api/media/?cursor=not-a-cursor")]
    [InlineData("/api/media/?kind=1")]
    [InlineData("/api/media/?page=1&total_limit=0")]
    [InlineData("/api/media/?page=1&total_limit=100001")]
    public async Task A_bad_list_request_is_a_400_problem(string url)
        => await AssertProblemAsync(await _client.GetAsync(url), HttpStatusCode.BadRequest, MediaErrorCodes.InvalidRequest);

    [Fact]
    public async Task An_unknown_id_is_a_404_problem()
        => await AssertProblemAsync(await _client.GetAsync($"/api/media/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound, MediaErrorCodes.NotFound);

    [Fact]
    public async Task The_library_page_lists_uploaded_files()
    {
        await UploadAsync("products", "red-sneaker.png", s_png);

        var html = await _client.GetStringAsync("/library");

        Assert.Contains("red-sneaker.png", html, StringComparison.Ordinal);
        Assert.Contains("class=\"mk-upload-zone\"", html, StringComparison.Ordinal);   // MediaKit.Ui's library, prerendered
    }

    /// <summary>A real PNG with a gradient, so the sample's image engine accepts it.</summary>
    private static byte[] Png(int width, int height)
    {
        using var image = NetVips.Image.Xyz(width, height)[0].Cast(NetVips.Enums.BandFormat.Uchar);
        return image.PngsaveBuffer(compression: 0);
    }

    private async Task<JsonElement> UploadAsync(string collection, string fileName, byte[] bytes)
    {
        using var response = await PostFilesAsync(collection, ("file", fileName, "application/octet-stream", bytes));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("items")[0].GetProperty("asset");
    }

    private Task<HttpResponseMessage> PostFilesAsync(string collection, params (string Field, string FileName, string ContentType, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (field, fileName, contentType, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Add(part, field, fileName);
        }

        return _client.PostAsync($"/api/media/upload?collection={collection}", content);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }
}
