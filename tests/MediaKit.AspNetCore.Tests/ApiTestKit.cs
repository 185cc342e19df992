using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MediaKit.Samples.Store.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.AspNetCore.Tests;

/// <summary>Requests, payloads and "what is stored" snapshots shared by the security, concurrency and route tests.</summary>
internal static partial class ApiTestKit
{
    /// <summary>A real PNG with a gradient, which the sample's image engine accepts.</summary>
    public static byte[] Png(int width = 32, int height = 24, int seed = 0)
    {
        using var image = NetVips.Image.Xyz(width, height)[0].Cast(NetVips.Enums.BandFormat.Uchar);
        using var shifted = (image + seed % 200).Cast(NetVips.Enums.BandFormat.Uchar);
        return shifted.PngsaveBuffer(compression: 0);
    }

    /// <summary>A PNG whose header declares <paramref name="width"/> × <paramref name="height"/> pixels but which carries almost no data.</summary>
    public static byte[] PixelBomb(int width = 60_000, int height = 60_000)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        WriteChunk(png, "IHDR", ihdr);
        using (var data = new MemoryStream())
        {
            using (var z = new ZLibStream(data, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                z.Write(new byte[4096]); // a few rows of zeros: decoding the whole image would need gigabytes
            }

            WriteChunk(png, "IDAT", data.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, System.IO.Hashing.Crc32.HashToUInt32(typeAndData));
        stream.Write(crc);
    }


    /// <summary>A multipart body written byte for byte, so file names reach the server exactly as an attacker sends them.</summary>
    public static ByteArrayContent RawMultipart(params (string Field, string FileName, string ContentType, byte[] Bytes)[] files)
    {
        const string boundary = "mediakit-attack-boundary";
        using var body = new MemoryStream();
        foreach (var (field, fileName, contentType, bytes) in files)
        {
            body.Write(Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{fileName}\"\r\nContent-Type: {contentType}\r\n\r\n"));
            body.Write(bytes);
            body.Write("\r\n"u8);
        }

        body.Write(Encoding.UTF8.GetBytes($"--{boundary}--\r\n"));
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return content;
    }

    public static MultipartFormDataContent Multipart(params (string Field, string FileName, string ContentType, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (field, fileName, contentType, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Add(part, field, fileName);
        }

        return content;
    }

    /// <summary>Uploads one PNG and answers its id.</summary>
    public static async Task<Guid> UploadPngAsync(HttpClient client, string collection = "products", string fileName = "photo.png", int seed = 0)
    {
        using var response = await client.PostAsync($"/api/media/upload?collection={collection}", Multipart(("file", fileName, "image/png", Png(seed: seed))));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("items")[0].GetProperty("asset").GetProperty("id").GetGuid();
    }

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? what = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{what} Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(code == JsonDocument.Parse(body).RootElement.GetProperty("code").GetString(), $"{what} Expected code {code}: {body}");
    }

    /// <summary>Everything MediaKit stores, as text: every asset, variant, version, usage, group and gallery row, and every file under the media root.</summary>
    public static async Task<string> SnapshotAsync(StoreAppFactory app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var text = new StringBuilder();
        foreach (var a in await db.Set<MediaAsset>().AsNoTracking().OrderBy(a => a.Id).ToListAsync())
        {
            text.AppendLine($"asset {a.Id} {a.TenantId} {a.StorageKey} {a.FileName} {a.Title} {a.Version} {a.Status} {a.DeletedAt?.UtcTicks} {a.UpdatedAt.UtcTicks}");
        }

        foreach (var v in await db.Set<MediaVariant>().AsNoTracking().ToListAsync())
        {
            text.AppendLine($"variant {v.AssetId} {v.Name} {v.StorageKey}");
        }

        foreach (var u in await db.Set<MediaUsage>().AsNoTracking().ToListAsync())
        {
            text.AppendLine($"usage {u.AssetId} {u.ResourceType} {u.ResourceId} {u.Field} {u.Position}");
        }

        foreach (var g in await db.Set<MediaGroup>().AsNoTracking().Include(g => g.Items).ToListAsync())
        {
            text.AppendLine($"group {g.Id} {g.Name} {g.Description} {string.Join(",", g.Items.OrderBy(i => i.Position).Select(i => i.AssetId))}");
        }

        foreach (var g in await db.Set<MediaGallery>().AsNoTracking().Include(g => g.Groups).ToListAsync())
        {
            text.AppendLine($"gallery {g.Id} {g.Name} {g.Description} {string.Join(",", g.Groups.OrderBy(l => l.Position).Select(l => $"{l.GroupId}:{l.Role}:{l.Visibility}"))}");
        }

        foreach (var file in app.StoredFiles().Order(StringComparer.Ordinal))
        {
            text.AppendLine("file " + Path.GetRelativePath(app.MediaPath, file));
        }

        return text.ToString();
    }

    /// <summary>Makes in-process MediaKit calls on <paramref name="services"/> run as a demo account (its organization is the tenant), as a request would.</summary>
    public static void ActAs(IServiceProvider services, string account)
        => services.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext
        {
            User = MediaKit.Samples.Store.Auth.DemoAccounts.Find(account)!.ToPrincipal("test"),
        };

    /// <summary>A browser-like client signed in with the sample's cookie, and the antiforgery token the library page renders.</summary>
    public static async Task<(HttpClient Client, string Token)> SignInWithCookieAsync(StoreAppFactory app, string account)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;
        var page = await client.GetStringAsync("/account/sign-in");
        var formToken = HiddenToken().Match(page).Groups[1].Value;
        using var signIn = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(formToken),
            ["account"] = account,
            ["password"] = "demo",
            ["returnUrl"] = "/library",
        }));
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"Sign-in answered {signIn.StatusCode}: {await signIn.Content.ReadAsStringAsync()}");
        var library = await client.GetStringAsync("/library");
        var token = HiddenToken().Match(library);
        Assert.True(token.Success, "The library page renders no antiforgery token.");
        return (client, WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex HiddenToken();
}
