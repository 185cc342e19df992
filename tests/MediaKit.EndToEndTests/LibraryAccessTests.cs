using System.Text.Json;
using MediaKit.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MediaKit.EndToEndTests;

/// <summary>Seed 004 in the browser: who may see the library, and that an organization sees only its own files.</summary>
[RequiresChromium]
[Collection(SampleAppCollection.Name)]
public sealed class LibraryAccessTests(SampleAppFixture app)
{
    private static readonly LocatorAssertionsToBeVisibleOptions s_visible = new() { Timeout = 20_000 };

    [Fact]
    public async Task Floor_staff_is_refused_the_library_page_and_the_API_and_never_sees_the_files()
    {
        var name = $"staff-must-not-see-{Guid.NewGuid():N}.png";
        using (var admin = app.Api("acme-admin"))
        {
            await admin.UploadPngAsync(name, seed: 4001);
        }

        await using var staff = await app.NewSessionAsync("acme-staff");
        var page = staff.Page;
        var response = await page.GotoAsync("/library");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // Refused: sent to the sign-in page (the cookie's access-denied path) or answered 403, never the library.
        Assert.True(
            page.Url.Contains("/account/sign-in", StringComparison.Ordinal) || response?.Status == 403,
            $"Floor Staff reached {page.Url} (status {response?.Status}) instead of being refused.");
        Assert.Equal(0, await page.GetByRole(AriaRole.Heading, new() { Name = "Media library" }).CountAsync());
        Assert.DoesNotContain(name, await page.ContentAsync(), StringComparison.Ordinal);

        // The API answers the same signed-in browser with a ProblemDetails, not a redirect.
        var list = await page.APIRequest.GetAsync("/api/media");
        Assert.Equal(403, list.Status);
        Assert.StartsWith("application/problem+json", list.Headers["content-type"], StringComparison.Ordinal);
        var body = await list.TextAsync();
        Assert.Equal("media.forbidden", MediaProblem.Parse(body).Code);
        Assert.DoesNotContain(name, body, StringComparison.Ordinal);

        // And the demo bearer token of the same account is refused alike.
        using var token = app.Api("acme-staff");
        using var byToken = await token.Http.GetAsync("api/media");
        Assert.Equal(403, (int)byToken.StatusCode);
        Assert.Equal("media.forbidden", MediaProblem.Parse(await byToken.Content.ReadAsStringAsync()).Code);
    }

    [Fact]
    public async Task Another_organization_never_sees_a_file_in_the_library_page_or_the_API()
    {
        var acmeName = $"acme-only-{Guid.NewGuid():N}.png";
        var globexName = $"globex-own-{Guid.NewGuid():N}.png";
        MediaApiClient.UploadedAsset acmeAsset;
        using (var acme = app.Api("acme-admin"))
        {
            (acmeAsset, _) = await acme.UploadPngAsync(acmeName, seed: 4101);
        }

        using (var globex = app.Api("globex-admin"))
        {
            await globex.UploadPngAsync(globexName, seed: 4102);
        }

        // Acme's own admin sees the file: the check below is not empty by accident.
        await using (var acmeSession = await app.NewSessionAsync("acme-admin"))
        {
            await acmeSession.Page.GotoAsync("/library");
            await Expect(acmeSession.AssetNamed(acmeName)).ToBeVisibleAsync(s_visible);
        }

        await using var globexSession = await app.NewSessionAsync("globex-admin");
        var page = globexSession.Page;
        await page.GotoAsync("/library");

        // Globex's library is shown, with Globex's own file; Acme's file is nowhere in it, nor in a search for it.
        await Expect(globexSession.AssetNamed(globexName)).ToBeVisibleAsync(s_visible);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.DoesNotContain(acmeName, await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync($"/library?search={Uri.EscapeDataString(acmeName[..20])}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.DoesNotContain(acmeName, await page.ContentAsync(), StringComparison.Ordinal);

        // The API of the same browser answers 404 for Acme's id, as for an id that does not exist, and leaves it out of lists.
        var get = await page.APIRequest.GetAsync($"/api/media/{acmeAsset.Id}");
        Assert.Equal(404, get.Status);
        Assert.Equal("media.not_found", MediaProblem.Parse(await get.TextAsync()).Code);
        var list = await page.APIRequest.GetAsync("/api/media?limit=100");
        Assert.Equal(200, list.Status);
        var listed = JsonDocument.Parse(await list.TextAsync()).RootElement.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("fileName").GetString()).ToList();
        Assert.Contains(globexName, listed);
        Assert.DoesNotContain(acmeName, listed);
    }
}
