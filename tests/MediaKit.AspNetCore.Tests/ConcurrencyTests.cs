using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using MediaKit.Samples.Store.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MediaKit.AspNetCore.Tests.ApiTestKit;

namespace MediaKit.AspNetCore.Tests;

/// <summary>Parallel deletes, replaces, restores and uploads of the same asset through the API: no lost, duplicated or half-written asset.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly StoreAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    // Found two bugs when it was written: a replacement that lost the create-only race for "original-v{n}" deleted the winner's
    // file, and a soft delete racing a replacement surfaced an untyped exception. Both are now media.conflict (409).
    [Fact]
    public async Task Parallel_deletes_replaces_restores_and_uploads_leave_catalog_and_disk_in_agreement()
    {
        using var client = _app.CreateClient();
        var target = await UploadPngAsync(client, seed: 1);
        var uploads = Enumerable.Range(0, 8).Select(i => Png(seed: 20 + i)).ToArray();
        var replacements = Enumerable.Range(0, 8).Select(i => Png(seed: 40 + i)).ToArray();

        using var start = new SemaphoreSlim(0);
        async Task<(string Kind, HttpStatusCode Status, string Body)> Run(string kind, Func<HttpClient, Task<HttpResponseMessage>> send)
        {
            using var c = _app.CreateClient();
            await start.WaitAsync();
            using var response = await send(c);
            return (kind, response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var tasks = new List<Task<(string Kind, HttpStatusCode Status, string Body)>>();
        for (var i = 0; i < 8; i++)
        {
            var n = i;
            tasks.Add(Run("upload", c => c.PostAsync("/api/media/upload?collection=products", Multipart(("file", $"new{n}.png", "image/png", uploads[n])))));
            tasks.Add(Run("replace", c => c.PutAsync($"/api/media/{target}/content", Multipart(("file", $"v{n}.png", "image/png", replacements[n])))));
            tasks.Add(Run("delete", c => c.DeleteAsync($"/api/media/{target}")));
            if (n % 2 == 0)
            {
                tasks.Add(Run("restore", c => c.PostAsync($"/api/media/{target}/restore", null)));
            }
        }

        start.Release(tasks.Count);
        var results = await Task.WhenAll(tasks);

        // Every request ends with a defined answer: success, or not found (in the trash), or a conflict to retry.
        foreach (var (kind, status, body) in results)
        {
            var allowed = kind switch
            {
                "upload" => [HttpStatusCode.OK],
                "replace" => [HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Conflict],
                "delete" => [HttpStatusCode.NoContent, HttpStatusCode.NotFound, HttpStatusCode.Conflict],
                _ => new[] { HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Conflict },
            };
            Assert.True(allowed.Contains(status), $"{kind} answered {(int)status}: {body}\n{string.Join("\n", results.Select(r => $"{r.Kind} {(int)r.Status}"))}");
        }

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var assets = await db.Set<MediaAsset>().AsNoTracking().Include(a => a.Variants).Include(a => a.PreviousVersions).ToListAsync();

        // No upload lost or duplicated: the target plus one row per upload, each with its own bytes.
        Assert.Equal(9, assets.Count);
        var uploadedHashes = uploads.Select(b => Convert.ToHexStringLower(SHA256.HashData(b))).ToHashSet();
        Assert.Equal(8, assets.Count(a => a.Id != target && uploadedHashes.Contains(a.Sha256.ToLowerInvariant())));

        // No lost replace: each one that answered 200 raised the version by one and kept the old file as a version.
        var replaced = results.Count(r => r.Kind == "replace" && r.Status == HttpStatusCode.OK);
        var final = assets.Single(a => a.Id == target);
        Assert.Equal(1 + replaced, final.Version);

        // Catalog and disk agree: every row's file is there, whole, and every file on disk belongs to a row.
        var keys = assets.SelectMany(a => new[] { a.StorageKey }.Concat(a.Variants.Select(v => v.StorageKey)).Concat(a.PreviousVersions.Select(v => v.StorageKey))).ToHashSet(StringComparer.Ordinal);
        var files = _app.StoredFiles()
            .Select(f => Path.GetRelativePath(_app.MediaPath, f).Replace(Path.DirectorySeparatorChar, '/'))
            .ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(files, f => f.StartsWith(".tmp/", StringComparison.Ordinal));
        Assert.Equal(keys.Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
        foreach (var asset in assets)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(_app.MediaPath, asset.StorageKey));
            Assert.Equal(asset.Length, bytes.Length);
            Assert.Equal(asset.Sha256.ToLowerInvariant(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        // What the API serves for the target is exactly the catalog's current file.
        if (final.DeletedAt is null)
        {
            var served = await client.GetByteArrayAsync($"/api/media/{target}/content");
            Assert.Equal(final.Sha256.ToLowerInvariant(), Convert.ToHexStringLower(SHA256.HashData(served)));
        }
        else
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/media/{target}/content")).StatusCode);
        }

        var listed = JsonDocument.Parse(await client.GetStringAsync("/api/media/?limit=50")).RootElement.GetProperty("items").GetArrayLength();
        Assert.Equal(assets.Count(a => a.DeletedAt is null), listed);
    }
}
