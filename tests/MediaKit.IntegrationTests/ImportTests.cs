using System.Globalization;
using System.Net;
using System.Text;
using MediaKit.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.IntegrationTests;

/// <summary>
/// Importing existing URLs and files (seed 001's old URL columns, seed 004's <c>products.image_url</c>) on SQLite and
/// local disk, from a real HTTP server on 127.0.0.1.
/// </summary>
public sealed class ImportTests
{
    private static readonly byte[] s_photo = TestFiles.Png(3000);
    private static readonly byte[] s_photo2 = TestFiles.Png(4000);

    /// <summary>What the old site serves. Everything is on 127.0.0.1, so only AllowPrivateNetworks lets it through.</summary>
    private static async Task OldSiteAsync(string path, Stream stream, CancellationToken cancellationToken)
    {
        switch (path)
        {
            case "/photo.png":
                await TinyHttpServer.RespondAsync(stream, 200, s_photo, "image/png", cancellationToken: cancellationToken);
                break;
            case "/images/photo2.png":
                await TinyHttpServer.RespondAsync(stream, 200, s_photo2, "image/png", cancellationToken: cancellationToken);
                break;
            case "/moved":
                await TinyHttpServer.RedirectAsync(stream, "/images/photo2.png", 301, cancellationToken);
                break;
            case "/to-metadata":
                await TinyHttpServer.RedirectAsync(stream, "http://169.254.169.254/latest/meta-data/iam/security-credentials/", cancellationToken: cancellationToken);
                break;
            case "/loop":
                await TinyHttpServer.RedirectAsync(stream, "/loop", cancellationToken: cancellationToken);
                break;
            case "/page.jpg":
                await TinyHttpServer.RespondAsync(stream, 200, "<!DOCTYPE html><html><body>Not found</body></html>"u8.ToArray(), "text/html", cancellationToken: cancellationToken);
                break;
            case "/big-declared.png":
                // Announces 5 MB; the importer must give up on the header alone.
                await TinyHttpServer.WriteHeadAsync(stream, "Content-Type: image/png\r\nContent-Length: 5000000\r\n", cancellationToken);
                await stream.WriteAsync(TestFiles.Png(5_000_000), cancellationToken);
                break;
            case "/big-chunked.png":
                // No length: only counting while streaming can stop it.
                await TinyHttpServer.WriteHeadAsync(stream, "Content-Type: image/png\r\nTransfer-Encoding: chunked\r\n", cancellationToken);
                var chunk = TestFiles.Png(16 * 1024);
                for (var i = 0; i < 200; i++)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"), cancellationToken);
                    await stream.WriteAsync(chunk, cancellationToken);
                    await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
                }

                await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
                break;
            default:
                await TinyHttpServer.RespondAsync(stream, 404, "not found"u8.ToArray(), "text/plain", cancellationToken: cancellationToken);
                break;
        }
    }

    private static MediaImportOptions Intranet(Action<MediaImportOptions>? configure = null)
    {
        var options = new MediaImportOptions { AllowPrivateNetworks = true, MaxLength = 1_000_000 };
        configure?.Invoke(options);
        return options;
    }

    private static MediaImportRow Row(string id, string source, string field = "image", int? position = null, string collection = "images")
        => new("product", id, field, source, collection) { Position = position };

    [Fact]
    public async Task Each_row_from_the_old_site_is_imported_or_fails_with_its_own_code()
    {
        await using var host = await MediaKitHost.StartAsync();
        await using var site = new TinyHttpServer(OldSiteAsync);

        var report = await ImportAsync(host, Intranet(),
        [
            Row("1", site.Url("/photo.png")),
            Row("2", site.Url("/moved")),
            Row("3", site.Url("/to-metadata")),
            Row("4", site.Url("/page.jpg")),
            Row("5", site.Url("/big-declared.png")),
            Row("6", site.Url("/big-chunked.png")),
            Row("7", site.Url("/missing.png")),
            Row("8", site.Url("/loop")),
            Row("9", $"ftp://127.0.0.1:{site.Port}/photo.png"),
            Row("10", site.Url("/photo.png"), collection: "no-such-collection"),
        ]);

        Assert.Equal(Enumerable.Range(1, 10), report.Rows.Select(r => r.RowNumber));
        Assert.Equal(
            [
                "Imported -", "Imported -", $"Failed {MediaErrorCodes.ImportForbiddenAddress}", $"Failed {MediaErrorCodes.TypeMismatch}",
                $"Failed {MediaErrorCodes.ImportTooLarge}", $"Failed {MediaErrorCodes.ImportTooLarge}", $"Failed {MediaErrorCodes.ImportFetchFailed}",
                $"Failed {MediaErrorCodes.ImportFetchFailed}", $"Failed {MediaErrorCodes.ImportInvalidSource}", $"Failed {MediaErrorCodes.UnknownCollection}",
            ],
            report.Rows.Select(r => $"{r.Outcome} {r.ErrorCode ?? "-"}"));
        Assert.Equal((2, 0, 8), (report.Imported, report.AlreadyImported, report.Failed));
        Assert.All(report.Rows.Where(r => r.Outcome == MediaImportOutcome.Failed), r => Assert.False(string.IsNullOrEmpty(r.ErrorMessage)));
        Assert.Contains("169.254.169.254", report.Rows[2].ErrorMessage, StringComparison.Ordinal);

        // The redirect loop was followed exactly MaxRedirects times after the first request.
        Assert.Equal(1 + MediaImportOptions.DefaultMaxRedirects, site.Requests.Count(p => p == "/loop"));

        // What was imported is stored whole, named after the URL, and referenced by its field.
        var photo = await host.WithStoreAsync(s => s.FindAsync(report.Rows[0].AssetId!.Value));
        var moved = await host.WithStoreAsync(s => s.FindAsync(report.Rows[1].AssetId!.Value));
        Assert.Equal(("photo.png", "image/png", s_photo.LongLength), (photo!.FileName, photo.ContentType, photo.Length));
        Assert.Equal(("moved", s_photo2.LongLength), (moved!.FileName, moved.Length));
        Assert.Equal([photo.Id], await FieldAsync(host, "1", "image"));
        Assert.Equal([moved.Id], await FieldAsync(host, "2", "image"));
        for (var i = 3; i <= 10; i++)
        {
            Assert.Empty(await FieldAsync(host, i.ToString(CultureInfo.InvariantCulture), "image"));
        }

        // Failed rows leave nothing behind: two records, two files.
        Assert.Equal(2, (await host.AllRecordsAsync()).Count);
        Assert.Equal(2, host.AllFiles().Count);
    }

    [Fact]
    public async Task Running_the_same_rows_again_imports_nothing_twice()
    {
        await using var host = await MediaKitHost.StartAsync();
        await using var site = new TinyHttpServer(OldSiteAsync);
        var root = Directory.CreateDirectory(Path.Combine(host.Root, "old-uploads")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(root, "local.png"), TestFiles.Png(5000));
        var options = Intranet(o => o.AllowedRoots.Add(root));
        MediaImportRow[] rows =
        [
            Row("1", site.Url("/photo.png")),
            Row("2", site.Url("/photo.png"), field: "gallery"),
            Row("2", site.Url("/moved"), field: "gallery"),
            Row("2", Path.Combine(root, "local.png"), field: "gallery", position: 0),
            Row("3", site.Url("/missing.png")),
        ];

        var first = await ImportAsync(host, options, rows);
        var records = await host.AllRecordsAsync();
        var files = host.AllFiles();
        var gallery = await FieldAsync(host, "2", "gallery");
        var second = await ImportAsync(host, options, rows);

        Assert.Equal(
            [MediaImportOutcome.Imported, MediaImportOutcome.Imported, MediaImportOutcome.Imported, MediaImportOutcome.Imported, MediaImportOutcome.Failed],
            first.Rows.Select(r => r.Outcome));
        Assert.Equal(
            [MediaImportOutcome.AlreadyImported, MediaImportOutcome.AlreadyImported, MediaImportOutcome.AlreadyImported, MediaImportOutcome.AlreadyImported, MediaImportOutcome.Failed],
            second.Rows.Select(r => r.Outcome));
        Assert.Equal(first.Rows.Select(r => r.AssetId), second.Rows.Select(r => r.AssetId));
        Assert.Equal([first.Rows[3].AssetId!.Value, first.Rows[1].AssetId!.Value, first.Rows[2].AssetId!.Value], gallery);

        Assert.Equal(4, records.Count);
        Assert.Equal(records.Select(r => r.Id).Order(), (await host.AllRecordsAsync()).Select(r => r.Id).Order());
        Assert.Equal(files.Order(), host.AllFiles().Order());
        Assert.Equal(gallery, await FieldAsync(host, "2", "gallery"));
        Assert.Equal([first.Rows[0].AssetId!.Value], await FieldAsync(host, "1", "image"));
    }

    [Fact]
    public async Task A_de_duplicating_collection_reuses_the_asset_for_another_field_and_reports_the_same_field_as_already_imported()
    {
        await using var host = await MediaKitHost.StartAsync();
        await using var site = new TinyHttpServer(OldSiteAsync);

        var report = await ImportAsync(host, Intranet(),
        [
            Row("1", site.Url("/photo.png"), collection: "dedup"),
            Row("2", site.Url("/photo.png"), collection: "dedup"),
        ]);
        var again = await ImportAsync(host, Intranet(), [Row("2", site.Url("/photo.png"), collection: "dedup")]);

        Assert.Equal([MediaImportOutcome.Imported, MediaImportOutcome.Imported], report.Rows.Select(r => r.Outcome));
        Assert.Equal(report.Rows[0].AssetId, report.Rows[1].AssetId);
        Assert.Equal(MediaImportOutcome.AlreadyImported, again.Rows[0].Outcome);
        Assert.Single(await host.AllRecordsAsync());
        Assert.Single(host.AllFiles());
    }

    [Fact]
    public async Task A_loopback_url_is_refused_by_default_before_any_connection_reaches_the_server()
    {
        await using var host = await MediaKitHost.StartAsync();
        await using var site = new TinyHttpServer(OldSiteAsync);

        // No options: the configured defaults apply, and they do not allow private networks.
        var report = await ImportAsync(host, null,
        [
            Row("1", site.Url("/photo.png")),
            Row("2", $"http://localhost:{site.Port}/photo.png"),
            Row("3", $"http://[::ffff:127.0.0.1]:{site.Port}/photo.png"),
            Row("4", $"http://[::1]:{site.Port}/photo.png"),
            Row("5", $"http://2130706433:{site.Port}/photo.png"),
        ]);

        Assert.All(report.Rows, r => Assert.Equal((MediaImportOutcome.Failed, MediaErrorCodes.ImportForbiddenAddress), (r.Outcome, r.ErrorCode)));
        Assert.Equal(0, site.Connections);
        await host.AssertNothingLeftAsync();

        // The same URL with private networks allowed reaches the server: the refusal above was the policy, not the server.
        var allowed = await ImportAsync(host, Intranet(), [Row("1", site.Url("/photo.png"))]);
        Assert.Equal(MediaImportOutcome.Imported, allowed.Rows[0].Outcome);
        Assert.Equal(1, site.Connections);
    }

    [Fact]
    public async Task A_redirect_from_an_allowed_host_to_loopback_or_the_metadata_address_is_refused_at_the_hop()
    {
        await using var host = await MediaKitHost.StartAsync();
        await using var target = new TinyHttpServer(OldSiteAsync);
        await using var site = new TinyHttpServer((path, stream, ct) => path switch
        {
            "/to-loopback" => TinyHttpServer.RedirectAsync(stream, target.Url("/photo.png"), cancellationToken: ct),
            "/to-localhost" => TinyHttpServer.RedirectAsync(stream, $"http://localhost:{target.Port}/photo.png", 307, ct),
            "/to-mapped" => TinyHttpServer.RedirectAsync(stream, $"http://[::ffff:7f00:1]:{target.Port}/photo.png", 308, ct),
            "/to-metadata" => TinyHttpServer.RedirectAsync(stream, "http://169.254.169.254/latest/meta-data/", 303, ct),
            "/to-file" => TinyHttpServer.RedirectAsync(stream, "file:///etc/passwd", cancellationToken: ct),
            _ => OldSiteAsync(path, stream, ct),
        });

        // This one server stands in for a public host; everything else is judged by the real policy, private networks refused.
        bool policy(IPEndPoint endpoint) => endpoint.Equals(site.EndPoint) || ImportAddressPolicy.IsAllowed(endpoint.Address, allowPrivateNetworks: false);
        var report = await ImportAsync(host, new MediaImportOptions(),
        [
            Row("1", site.Url("/photo.png")),
            Row("2", site.Url("/to-loopback")),
            Row("3", site.Url("/to-localhost")),
            Row("4", site.Url("/to-mapped")),
            Row("5", site.Url("/to-metadata")),
            Row("6", site.Url("/to-file")),
        ], policy);

        Assert.Equal(
            [
                "Imported -", $"Failed {MediaErrorCodes.ImportForbiddenAddress}", $"Failed {MediaErrorCodes.ImportForbiddenAddress}",
                $"Failed {MediaErrorCodes.ImportForbiddenAddress}", $"Failed {MediaErrorCodes.ImportForbiddenAddress}", $"Failed {MediaErrorCodes.ImportInvalidSource}",
            ],
            report.Rows.Select(r => $"{r.Outcome} {r.ErrorCode ?? "-"}"));
        Assert.Equal(["/photo.png", "/to-loopback", "/to-localhost", "/to-mapped", "/to-metadata", "/to-file"], site.Requests);
        Assert.Equal(0, target.Connections);
        Assert.Single(await host.AllRecordsAsync());
    }

    [Fact]
    public async Task A_source_that_stalls_fails_with_a_timeout_when_its_time_is_up_and_the_import_goes_on()
    {
        await using var host = await MediaKitHost.StartAsync();
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var site = new TinyHttpServer(async (path, stream, ct) =>
        {
            if (path != "/slow.png")
            {
                await OldSiteAsync(path, stream, ct);
                return;
            }

            await TinyHttpServer.WriteHeadAsync(stream, "Content-Type: image/png\r\nContent-Length: 100000\r\n", ct);
            await stream.WriteAsync(s_photo.AsMemory(0, 100), ct);
            await stream.FlushAsync(ct);
            stalled.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });

        var importing = ImportAsync(host, Intranet(o => o.Timeout = TimeSpan.FromSeconds(30)),
        [
            Row("1", site.Url("/slow.png")),
            Row("2", site.Url("/photo.png")),
        ]);
        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        host.Time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200);
        Assert.False(importing.IsCompleted);
        host.Time.Advance(TimeSpan.FromSeconds(2));
        var report = await importing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((MediaImportOutcome.Failed, MediaErrorCodes.ImportTimeout), (report.Rows[0].Outcome, report.Rows[0].ErrorCode));
        Assert.Equal(MediaImportOutcome.Imported, report.Rows[1].Outcome);
        Assert.Single(await host.AllRecordsAsync());
        Assert.Single(host.AllFiles());
    }

    [Fact]
    public async Task A_local_file_under_an_allowed_root_is_imported_and_paths_that_leave_the_root_are_refused()
    {
        await using var host = await MediaKitHost.StartAsync();
        var root = Directory.CreateDirectory(Path.Combine(host.Root, "old-uploads")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(host.Root, "private")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(root, "product-1.png"), s_photo);
        await File.WriteAllBytesAsync(Path.Combine(outside, "secret.png"), s_photo2);
        File.CreateSymbolicLink(Path.Combine(root, "product-2.png"), Path.Combine(outside, "secret.png"));
        Directory.CreateSymbolicLink(Path.Combine(root, "archive"), outside);
        var options = new MediaImportOptions { AllowedRoots = { root } };

        var report = await ImportAsync(host, options,
        [
            Row("1", Path.Combine(root, "product-1.png")),
            Row("2", Path.Combine(root, "..", "private", "secret.png")),
            Row("3", Path.Combine(root, "product-2.png")),
            Row("4", Path.Combine(root, "archive", "secret.png")),
            Row("5", Path.Combine(outside, "secret.png")),
            Row("6", Path.Combine(root, "missing.png")),
            Row("7", "old-uploads/product-1.png"),
        ]);
        var withoutRoots = await ImportAsync(host, new MediaImportOptions(), [Row("8", Path.Combine(root, "product-1.png"))]);

        Assert.Equal(
            [
                "Imported -", $"Failed {MediaErrorCodes.ImportForbiddenPath}", $"Failed {MediaErrorCodes.ImportForbiddenPath}",
                $"Failed {MediaErrorCodes.ImportForbiddenPath}", $"Failed {MediaErrorCodes.ImportForbiddenPath}", $"Failed {MediaErrorCodes.ImportFetchFailed}",
                $"Failed {MediaErrorCodes.ImportInvalidSource}",
            ],
            report.Rows.Select(r => $"{r.Outcome} {r.ErrorCode ?? "-"}"));
        Assert.Equal((MediaImportOutcome.Failed, MediaErrorCodes.ImportForbiddenPath), (withoutRoots.Rows[0].Outcome, withoutRoots.Rows[0].ErrorCode));
        var asset = Assert.Single(await host.AllRecordsAsync());
        Assert.Equal(("product-1.png", s_photo.LongLength), (asset.FileName, asset.Length));
        Assert.Equal([asset.Id], await FieldAsync(host, "1", "image"));
    }

    [Fact]
    public async Task Rows_stream_in_from_an_async_source_and_bad_options_are_refused_before_any_row()
    {
        await using var host = await MediaKitHost.StartAsync();
        await using var site = new TinyHttpServer(OldSiteAsync);
        await using var scope = host.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<IMediaImporter>();

        await Assert.ThrowsAsync<ArgumentException>(() => importer.ImportAsync([Row("1", site.Url("/photo.png"))], Intranet(o => o.MaxLength = 0)));
        await Assert.ThrowsAsync<ArgumentException>(() => importer.ImportAsync([Row("1", site.Url("/photo.png"))], Intranet(o => o.MaxRedirects = 21)));
        await Assert.ThrowsAsync<ArgumentException>(() => importer.ImportAsync([Row("1", site.Url("/photo.png"))], Intranet(o => o.Timeout = TimeSpan.Zero)));
        Assert.Equal(0, site.Connections);

        var report = await importer.ImportAsync(Rows(site), Intranet());

        Assert.Equal([MediaImportOutcome.Imported, MediaImportOutcome.Imported], report.Rows.Select(r => r.Outcome));
        Assert.Equal(["/photo.png", "/moved", "/images/photo2.png"], site.Requests);

        static async IAsyncEnumerable<MediaImportRow> Rows(TinyHttpServer site)
        {
            await Task.Yield();
            yield return Row("1", site.Url("/photo.png"));
            await Task.Yield();
            yield return Row("2", site.Url("/moved"));
        }
    }

    private static async Task<MediaImportReport> ImportAsync(MediaKitHost host, MediaImportOptions? options, IEnumerable<MediaImportRow> rows, Func<IPEndPoint, bool>? policy = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<IMediaImporter>();
        if (policy is not null)
        {
            ((MediaImporter)importer).EndpointPolicy = policy;
        }

        return await importer.ImportAsync(rows, options);
    }

    private static async Task<List<Guid>> FieldAsync(MediaKitHost host, string productId, string field)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var usages = await scope.ServiceProvider.GetRequiredService<IMediaUsages>().GetAsync("product", productId, field);
        return [.. usages.Select(u => u.AssetId)];
    }
}
