using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MediaKit.AspNetCore.Internal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static MediaKit.AspNetCore.Tests.ApiTestKit;

namespace MediaKit.AspNetCore.Tests;

/// <summary>
/// Every route of <c>MapMediaKit</c>, read from the app's route table so a new route cannot be forgotten: a user without
/// the role is refused on each (403), an anonymous caller too (401), and another organization's ids answer 404 on each —
/// never 403 — with nothing changed.
/// </summary>
public sealed partial class RouteSecurityTests : IDisposable
{
    /// <summary>The only routes anyone may call without signing in: file delivery (public files, signed URLs) and share links (the token is the credential).</summary>
    private static readonly string[] s_anonymousRoutes = ["MediaKit.Content", "MediaKit.SharedContent"];

    private readonly StoreAppFactory _app = new();
    private readonly HttpClient _owner;

    public RouteSecurityTests() => _owner = _app.CreateClient();

    public void Dispose()
    {
        _owner.Dispose();
        _app.Dispose();
    }

    private sealed record Fixture(Guid Asset, Guid Private, Guid Group, Guid Gallery, Guid Share);

    /// <summary>An asset, a private asset, a group holding the asset, a gallery linking the group, and a share link, all of organization acme.</summary>
    private async Task<Fixture> ArrangeAsync()
    {
        var asset = await UploadPngAsync(_owner, seed: 1);
        using var privateUpload = await _owner.PostAsync("/api/media/upload?collection=documents", Multipart(("file", "invoice.txt", "text/plain", "Invoice 1: 42 EUR\n"u8.ToArray())));
        var privateId = JsonDocument.Parse(await privateUpload.Content.ReadAsStringAsync()).RootElement.GetProperty("items")[0].GetProperty("asset").GetProperty("id").GetGuid();
        var group = await PostForIdAsync("/api/media/groups", new { name = "Lookbook" });
        Assert.True((await _owner.PostAsJsonAsync($"/api/media/groups/{group}/items", new { assetId = asset })).IsSuccessStatusCode);
        var gallery = await PostForIdAsync("/api/media/galleries", new { name = "Summer" });
        Assert.True((await _owner.PostAsJsonAsync($"/api/media/galleries/{gallery}/links", new { groupId = group, role = "main" })).IsSuccessStatusCode);
        using var share = await _owner.PostAsJsonAsync($"/api/media/{asset}/shares", new { access = "view", expiresIn = 3600 });
        var shareId = share.IsSuccessStatusCode ? JsonDocument.Parse(await share.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid() : Guid.NewGuid();
        return new Fixture(asset, privateId, group, gallery, shareId);
    }

    private async Task<Guid> PostForIdAsync(string url, object body)
    {
        using var response = await _owner.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private sealed record Route(string Name, string Method, string Pattern, IReadOnlyList<string> Policies, bool Anonymous)
    {
        public bool HasParameters => Pattern.Contains('{', StringComparison.Ordinal);

        public override string ToString() => $"{Method} {Pattern} ({Name})";
    }

    private List<Route> MediaKitRoutes()
    {
        var routes = new List<Route>();
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<MediaKitEndpointMarker>() is null)
            {
                continue;
            }

            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint.DisplayName ?? "";
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                routes.Add(new Route(name, method, endpoint.RoutePattern.RawText ?? "", policies, anonymous));
            }
        }

        Assert.True(routes.Count >= 20, $"Only {routes.Count} MediaKit routes were found in the route table.");
        return routes;
    }

    private static HttpRequestMessage RequestFor(Route route, Fixture f)
    {
        var url = Parameter().Replace(route.Pattern, m => m.Groups[1].Value switch
        {
            "id" or "assetId" => f.Asset.ToString(),
            "groupId" => f.Group.ToString(),
            "galleryId" => f.Gallery.ToString(),
            "shareId" => f.Share.ToString(),
            "role" => "main",
            "token" => "not-a-token",
            var other => throw new InvalidOperationException($"The test does not know what to put in {{{other}}} of {route}: teach it."),
        });
        if (route.Name == "MediaKit.ExportCsv")
        {
            url += $"?ids={f.Asset},{f.Private}";
        }

        var request = new HttpRequestMessage(new HttpMethod(route.Method), url);
        if (route.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = route.Name is "MediaKit.Upload" or "MediaKit.ReplaceContent"
                ? Multipart(("file", "replacement.png", "image/png", Png(seed: 99)))
                : JsonContent.Create(new
                {
                    ids = new[] { f.Asset, f.Private },
                    assetIds = new[] { f.Asset },
                    assetId = f.Asset,
                    groupId = f.Group,
                    role = "main",
                    position = 0,
                    name = "renamed",
                    description = "changed",
                    note = "looks fine",
                    title = "changed",
                    altText = "changed",
                    access = "view",
                    expiresIn = 60,
                    visibility = "public",
                    force = true,
                });
        }

        return request;
    }

    [Fact]
    public void Every_route_but_file_delivery_and_share_links_requires_a_MediaKit_policy()
    {
        var routes = MediaKitRoutes();
        Assert.Equal(s_anonymousRoutes.Order(), routes.Where(r => r.Anonymous).Select(r => r.Name).Distinct().Order());
        foreach (var route in routes.Where(r => !r.Anonymous))
        {
            Assert.True(route.Policies.Count > 0 && route.Policies.All(MediaKitPolicies.All.Contains), $"{route} has no MediaKit policy: {string.Join(", ", route.Policies)}");
        }
    }

    [Fact]
    public async Task Floor_staff_is_refused_on_every_route_and_nothing_changes()
        => await AssertEveryRouteRefusedAsync("acme-staff", HttpStatusCode.Forbidden, MediaErrorCodes.Forbidden, _ => true);

    [Fact]
    public async Task An_anonymous_caller_is_refused_on_every_route_and_nothing_changes()
        => await AssertEveryRouteRefusedAsync(null, HttpStatusCode.Unauthorized, MediaErrorCodes.Unauthenticated, _ => true);

    [Fact]
    public async Task A_member_is_refused_on_every_route_that_needs_manage_or_approve()
        => await AssertEveryRouteRefusedAsync(
            "acme-member",
            HttpStatusCode.Forbidden,
            MediaErrorCodes.Forbidden,
            r => r.Policies.Contains(MediaKitPolicies.Manage) || r.Policies.Contains(MediaKitPolicies.Approve));

    private async Task AssertEveryRouteRefusedAsync(string? account, HttpStatusCode status, string code, Func<Route, bool> applies)
    {
        var f = await ArrangeAsync();
        var before = await SnapshotAsync(_app);
        using var client = _app.CreateClientAs(account);
        var checkedRoutes = 0;
        foreach (var route in MediaKitRoutes().Where(r => !r.Anonymous && applies(r)))
        {
            using var request = RequestFor(route, f);
            using var response = await client.SendAsync(request);
            await AssertProblemAsync(response, status, code, route.ToString());
            checkedRoutes++;
        }

        Assert.True(checkedRoutes >= 5, $"Only {checkedRoutes} routes were checked.");
        Assert.Equal(before, await SnapshotAsync(_app));
    }

    [Fact]
    public async Task Another_organizations_ids_answer_404_on_every_route_and_nothing_changes()
    {
        var f = await ArrangeAsync();
        var before = await SnapshotAsync(_app);
        using var rival = _app.CreateClientAs("globex-superadmin");
        var acmeIds = new[] { f.Asset, f.Private, f.Group, f.Gallery, f.Share }.Select(id => id.ToString()).ToArray();
        foreach (var route in MediaKitRoutes())
        {
            using var request = RequestFor(route, f);
            using var response = await rival.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (route.Name == "MediaKit.SharedContent")
            {
                // A share token names no id of any tenant; the share tests cover it.
                continue;
            }

            if (route.HasParameters)
            {
                var code = route.Pattern.Contains("{shareId", StringComparison.Ordinal) ? MediaErrorCodes.ShareNotFound : MediaErrorCodes.NotFound;
                await AssertProblemAsync(response, HttpStatusCode.NotFound, code, route.ToString());
            }
            else if (route.Name == "MediaKit.BulkDelete")
            {
                Assert.True(response.IsSuccessStatusCode, body);
                Assert.All(JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray(), item =>
                    Assert.Equal(MediaErrorCodes.NotFound, item.GetProperty("error").GetProperty("code").GetString()));
            }
            else
            {
                // Listings, exports and creations: whatever they answer, they say nothing of acme's ids.
                Assert.True((int)response.StatusCode < 500, $"{route}: {body}");
                Assert.DoesNotContain(acmeIds, id => body.Contains(id, StringComparison.OrdinalIgnoreCase));
            }
        }

        // The rival's own creations (an upload, a group, a gallery) are theirs; acme's rows and files are untouched.
        var after = await SnapshotAsync(_app);
        Assert.All(before.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains(line, after, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Acme_still_reaches_everything_the_rival_was_refused()
    {
        var f = await ArrangeAsync();
        Assert.Equal(HttpStatusCode.OK, (await _owner.GetAsync($"/api/media/{f.Asset}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _owner.GetAsync($"/api/media/groups/{f.Group}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _owner.GetAsync($"/api/media/galleries/{f.Gallery}")).StatusCode);
        var csv = await _owner.GetStringAsync($"/api/media/export.csv?ids={f.Asset}");
        Assert.Contains(f.Asset.ToString(), csv, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex Parameter();
}
