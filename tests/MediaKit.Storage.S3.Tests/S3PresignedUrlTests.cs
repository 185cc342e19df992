using System.Net;
using MediaKit.Storage.S3.Internal;
using MediaKit.Storage.S3.Tests.TestSupport;
using MediaKit.Testing;

namespace MediaKit.Storage.S3.Tests;

/// <summary>Presigned GET URLs for private files, checked by the S3 server itself.</summary>
[RequiresS3Server]
public sealed class S3PresignedUrlTests : IDisposable
{
    private readonly S3BlobStore _store = S3Server.CreateStore(S3Server.NewPrefix("presigned"));
    private readonly S3PresignedUrlSigner _signer;
    private readonly HttpClient _http = new();

    public S3PresignedUrlTests() => _signer = new S3PresignedUrlSigner(_store);

    public void Dispose()
    {
        _http.Dispose();
        _store.Dispose();
    }

    [Fact]
    public async Task A_presigned_url_returns_the_bytes_with_the_signed_content_type()
    {
        var (asset, data) = await StoreAsync("text/plain", "invoice.txt");

        var url = await _signer.SignAsync(new MediaUrlSigningContext(asset, null, DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None);
        using var response = await _http.GetAsync(url.Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        TestData.AssertSameBytes(data, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Active_content_is_presigned_as_an_attachment()
    {
        var (asset, _) = await StoreAsync(MediaContentTypes.Svg, "logo.svg");

        var url = await _signer.SignAsync(new MediaUrlSigningContext(asset, null, DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None);
        using var response = await _http.GetAsync(url.Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    public static TheoryData<string> Tamperings => new() { "path", "expires", "signature" };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_tampered_presigned_url_is_refused_by_the_server(string part)
    {
        var (asset, _) = await StoreAsync("text/plain", "invoice.txt");
        var (other, _) = await StoreAsync("text/plain", "other.txt");
        var url = (await _signer.SignAsync(new MediaUrlSigningContext(asset, null, DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None)).Url;
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query);

        var tampered = part switch
        {
            "path" => url.Replace(asset.StorageKey, other.StorageKey, StringComparison.Ordinal),
            "expires" => url.Replace($"X-Amz-Expires={query["X-Amz-Expires"]}", $"X-Amz-Expires={int.Parse(query["X-Amz-Expires"]!, System.Globalization.CultureInfo.InvariantCulture) + 1}", StringComparison.Ordinal),
            _ => url.Replace($"X-Amz-Signature={query["X-Amz-Signature"]}", $"X-Amz-Signature={Flip(query["X-Amz-Signature"]!)}", StringComparison.Ordinal),
        };
        Assert.NotEqual(url, tampered);

        using var response = await _http.GetAsync(tampered);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_presigned_url_is_refused_by_the_server()
    {
        var (asset, _) = await StoreAsync("text/plain", "invoice.txt");
        var url = (await _signer.SignAsync(new MediaUrlSigningContext(asset, null, DateTimeOffset.UtcNow.AddSeconds(2)), CancellationToken.None)).Url;
        using (var fresh = await _http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        // Bounded wait: the URL expires after two seconds; allow the server's clock a little slack.
        var status = HttpStatusCode.OK;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (status == HttpStatusCode.OK && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            using var response = await _http.GetAsync(url);
            status = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    private static string Flip(string hex) => hex[..^1] + (hex[^1] == '0' ? '1' : '0');

    private async Task<(MediaAsset Asset, byte[] Data)> StoreAsync(string contentType, string fileName)
    {
        var data = TestData.Random(1000);
        var key = $"assets/{Guid.NewGuid():N}.bin";
        await _store.WriteAsync(key, new MemoryStream(data), new BlobWriteOptions { ContentType = "application/octet-stream" }, CancellationToken.None);
        var asset = new MediaAsset { Id = Guid.CreateVersion7(), TenantId = "default", StorageKey = key, ContentType = contentType, FileName = fileName, Length = data.Length };
        return (asset, data);
    }
}
