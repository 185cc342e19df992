using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MediaKit.Samples.Store.Auth;
using MediaKit.Samples.Store.Data;
using MediaKit.Samples.Store.Data.Scenarios;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.AspNetCore.Tests;

/// <summary>
/// The sample store's scenario pages (seeds 001 to 003): what start-up seeds for each organization, usages of messages,
/// the lookbook's public and members-only links, the review notifications, and the pages rendered over HTTP.
/// </summary>
public sealed partial class ScenarioSampleTests
{
    [Fact]
    public async Task Seeding_creates_courses_a_lookbook_and_a_conversation_for_each_organization()
    {
        using var app = new StoreAppFactory(seedScenarioData: true);
        foreach (var organization in new[] { "acme", "globex" })
        {
            await using var scope = Scope(app, organization + "-admin");
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();

            var courses = await db.Set<Course>().Where(c => c.TenantId == organization).OrderBy(c => c.Id).ToListAsync();
            Assert.Equal(["Getting started with the atelier", "Product photography basics"], courses.Select(c => c.Title));
            Assert.All(courses, c => Assert.NotNull(c.ThumbnailId));
            Assert.Equal(5, await db.Set<Lesson>().CountAsync(l => l.TenantId == organization));

            // The thumbnails are images of the organization's "courses" collection, and used by the courses (seed 001).
            var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
            foreach (var course in courses)
            {
                var thumbnail = await store.FindAsync(course.ThumbnailId!.Value);
                Assert.NotNull(thumbnail);
                Assert.Equal(("courses", MediaKind.Image, organization), (thumbnail.Collection, thumbnail.Kind, thumbnail.TenantId));
                Assert.Contains(await Usages(db, organization, "course", course.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), u => u == $"thumbnail:0:{course.ThumbnailId}");
            }

            var profile = await db.Set<UserProfile>().SingleAsync(p => p.TenantId == organization && p.UserId == organization + "-admin");
            Assert.NotNull(profile.AvatarId);
            Assert.Equal("avatars", (await store.FindAsync(profile.AvatarId.Value))!.Collection);

            Assert.Single(await db.Set<MediaGallery>().Where(g => g.TenantId == organization).ToListAsync());
            var conversation = await db.Set<Conversation>().SingleAsync(c => c.TenantId == organization);
            var messages = await db.Set<Message>().Where(m => m.ConversationId == conversation.Id).OrderBy(m => m.Id).ToListAsync();
            Assert.Equal([organization + "-admin", organization + "-member"], messages.Select(m => m.AuthorId));
            Assert.All(messages, m => Assert.Single(m.AttachmentIds));
        }

        // Seeding is idempotent: a second start over the same data adds nothing.
        using var again = new StoreAppFactory(app.DataPath, seedScenarioData: true);
        await using (var scope = Scope(again, "acme-admin"))
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            Assert.Equal(2, await db.Set<Course>().CountAsync(c => c.TenantId == "acme"));
            Assert.Equal(1, await db.Set<Conversation>().CountAsync(c => c.TenantId == "acme"));
            Assert.Equal(1, await db.Set<MediaGallery>().CountAsync(g => g.TenantId == "acme"));
        }
    }

    [Fact]
    public async Task A_message_with_attachments_records_its_usages_in_order_and_removing_one_releases_it()
    {
        using var app = new StoreAppFactory(seedScenarioData: true);
        await using var scope = Scope(app, "acme-member");
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
        var first = await UploadAsync(store, "chat", "first.png", 101, "acme-member");
        var second = await UploadAsync(store, "chat", "second.png", 102, "acme-member");
        var conversation = await db.Set<Conversation>().SingleAsync(c => c.TenantId == "acme");

        var message = new Message { ConversationId = conversation.Id, TenantId = "acme", AuthorId = "acme-member", Text = "Two photos", AttachmentIds = [second, first] };
        db.Set<Message>().Add(message);
        await db.SaveChangesAsync();

        var id = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([$"attachments:0:{second}", $"attachments:1:{first}"], await Usages(db, "acme", "message", id));

        message.AttachmentIds = [first];
        await db.SaveChangesAsync();
        Assert.Equal([$"attachments:0:{first}"], await Usages(db, "acme", "message", id));
    }

    [Fact]
    public async Task A_pending_attachment_is_shown_to_its_uploader_and_reviewers_and_hidden_from_everybody_else()
    {
        using var app = new StoreAppFactory(seedScenarioData: true);
        int conversationId;
        Guid brief;
        await using (var scope = Scope(app, "acme-member"))
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            conversationId = (await db.Set<Conversation>().SingleAsync(c => c.TenantId == "acme")).Id;
            var views = await ChatQueries.LoadMessagesAsync(scope.ServiceProvider, conversationId);
            var attachment = Assert.Single(views[1].Attachments);
            Assert.Equal(("supplier-brief.pdf", MediaAssetStatus.PendingReview), (attachment.Name, attachment.Asset.Status));
            Assert.Null(attachment.FileUrl);
            brief = attachment.Asset.Id;
        }

        // A reviewer (an Admin) sees it waiting; a user who is neither the uploader nor a reviewer does not see it at all.
        await using (var scope = Scope(app, "acme-admin"))
        {
            var views = await ChatQueries.LoadMessagesAsync(scope.ServiceProvider, conversationId);
            Assert.Equal(MediaAssetStatus.PendingReview, Assert.Single(views[1].Attachments).Asset.Status);
        }

        await using (var scope = Scope(app, "acme-staff"))
        {
            var views = await ChatQueries.LoadMessagesAsync(scope.ServiceProvider, conversationId);
            Assert.Equal(2, views.Count);
            Assert.Empty(views[1].Attachments);
            Assert.Single(views[0].Attachments);
            Assert.Null(await scope.ServiceProvider.GetRequiredService<IMediaStore>().FindAsync(brief));
        }

        // Another organization sees neither the conversation nor its files.
        await using (var scope = Scope(app, "globex-admin"))
        {
            Assert.Empty(await ChatQueries.LoadMessagesAsync(scope.ServiceProvider, conversationId));
        }

        // Approved: everybody sees it, with a signed link.
        await using (var scope = Scope(app, "acme-admin"))
        {
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<IMediaReview>().ApproveAsync(brief));
        }

        await using (var scope = Scope(app, "acme-staff"))
        {
            var attachment = Assert.Single((await ChatQueries.LoadMessagesAsync(scope.ServiceProvider, conversationId))[1].Attachments);
            Assert.Equal(MediaAssetStatus.Ready, attachment.Asset.Status);
            Assert.Contains("sig=", attachment.FileUrl, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_lookbook_gallery_shows_groups_by_role_in_order_and_members_only_links_to_members_only()
    {
        using var app = new StoreAppFactory(seedScenarioData: true);
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        Guid galleryId;
        await using (var scope = Scope(app, "acme-member"))
        {
            galleryId = Assert.Single(await LookbookQueries.ListGalleriesAsync(scope.ServiceProvider)).Id;
            var member = await LookbookQueries.GetAsync(scope.ServiceProvider, galleryId, member: true);
            Assert.NotNull(member);
            Assert.Equal([LookbookQueries.MainExhibit, LookbookQueries.BehindTheScenes], member.Sections.Select(s => s.Role));
            Assert.Equal([MediaGalleryVisibility.Public, MediaGalleryVisibility.MembersOnly], member.Sections.Select(s => s.Visibility));
            Assert.Equal(["Summer look 1", "Summer look 2", "Summer look 3"], member.Sections[0].Images.Select(i => i.Asset.Title));
            Assert.Equal(["Making of, day 1", "Making of, day 2"], member.Sections[1].Images.Select(i => i.Asset.Title));

            // A manager's reorder shows in the next read.
            var groups = scope.ServiceProvider.GetRequiredService<IMediaGroups>();
            Assert.True(await groups.MoveItemAsync(member.Sections[0].GroupId, member.Sections[0].Images[2].Asset.Id, 0));
            var moved = await LookbookQueries.GetAsync(scope.ServiceProvider, galleryId, member: true);
            Assert.Equal(["Summer look 3", "Summer look 1", "Summer look 2"], moved!.Sections[0].Images.Select(i => i.Asset.Title));
        }

        // An anonymous visitor of acme gets the public links only, with file URLs that name the organization.
        var scenarioScopes = new ScenarioScopes(scopes, new AnonymousState());
        await using (var scope = scenarioScopes.ForVisitorOf("acme"))
        {
            var visitor = await LookbookQueries.GetAsync(scope.ServiceProvider, galleryId, member: false, urlSuffix: "org=acme");
            Assert.NotNull(visitor);
            var section = Assert.Single(visitor.Sections);
            Assert.Equal(LookbookQueries.MainExhibit, section.Role);
            Assert.All(section.Images, i => Assert.EndsWith("org=acme", i.Src, StringComparison.Ordinal));
        }

        // A visitor of another organization does not find acme's gallery.
        await using (var scope = scenarioScopes.ForVisitorOf("globex"))
        {
            Assert.Null(await LookbookQueries.GetAsync(scope.ServiceProvider, galleryId, member: false));
        }
    }

    [Fact]
    public async Task The_public_lookbook_page_shows_the_main_exhibit_to_anonymous_visitors_and_hides_behind_the_scenes()
    {
        using var app = new StoreAppFactory(seedScenarioData: true);
        Guid galleryId;
        await using (var scope = Scope(app, "acme-admin"))
        {
            galleryId = Assert.Single(await LookbookQueries.ListGalleriesAsync(scope.ServiceProvider)).Id;
        }

        using var anonymous = app.CreateClientAs(null);
        using var response = await anonymous.GetAsync($"/lookbook/acme/{galleryId}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, html);
        Assert.Contains("Main exhibit: Summer 2026 lookbook", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Behind the scenes", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Making of", html, StringComparison.Ordinal);

        // The images load for the anonymous visitor too (the sample's tenant fallback reads ?org=).
        var src = WebUtility.HtmlDecode(ImageSource().Match(html).Groups[1].Value);
        Assert.Contains("org=acme", src, StringComparison.Ordinal);
        using (var image = await anonymous.GetAsync(src))
        {
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.StartsWith("image/", image.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        }

        // The same gallery under another organization's address does not exist.
        using (var wrongOrganization = await anonymous.GetAsync($"/lookbook/globex/{galleryId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, wrongOrganization.StatusCode);
        }

        // A member sees both groups on the members' page.
        using var member = app.CreateClientAs("acme-member");
        var members = await member.GetStringAsync($"/lookbook/{galleryId}");
        Assert.Contains("Main exhibit: Summer 2026 lookbook", members, StringComparison.Ordinal);
        Assert.Contains("Behind the scenes: Summer 2026 behind the scenes", members, StringComparison.Ordinal);
        Assert.Contains("Members only", members, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_and_rejecting_a_chat_attachment_notify_the_subscribers_of_its_organization_only()
    {
        using var app = new StoreAppFactory(seedScenarioData: true);
        var notifier = app.Services.GetRequiredService<ReviewNotifier>();
        var acme = new List<ReviewDecision>();
        var globex = new List<ReviewDecision>();
        var subscription = notifier.Subscribe("acme", d => { lock (acme) { acme.Add(d); } return Task.CompletedTask; });
        using var other = notifier.Subscribe("globex", d => { globex.Add(d); return Task.CompletedTask; });

        Guid brief, second;
        await using (var scope = Scope(app, "acme-member"))
        {
            var review = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Set<Message>().Where(m => m.TenantId == "acme" && m.AuthorId == "acme-member").SingleAsync();
            brief = review.AttachmentIds[0];
            await using var pdf = new MemoryStream(ScenarioSetup.MinimalPdf("Second brief"));
            second = (await scope.ServiceProvider.GetRequiredService<IMediaStore>().UploadAsync(new MediaUploadRequest("chat", "second-brief.pdf", pdf) { UploadedBy = "acme-member" })).Id;
        }

        await using (var scope = Scope(app, "acme-admin"))
        {
            var review = scope.ServiceProvider.GetRequiredService<IMediaReview>();
            Assert.Contains((await review.ListPendingAsync("chat")).Items, a => a.Id == second);
            Assert.NotNull(await review.ApproveAsync(brief));
            Assert.NotNull(await review.RejectAsync(second, "Not the supplier's letterhead."));
        }

        Assert.Equal(
            [new ReviewDecision("acme", brief, MediaAssetStatus.Ready, null), new ReviewDecision("acme", second, MediaAssetStatus.Rejected, "Not the supplier's letterhead.")],
            acme);
        Assert.Empty(globex);

        subscription.Dispose();
        subscription.Dispose();
        Assert.Equal(0, notifier.SubscriberCount("acme"));
        Assert.Equal(1, notifier.SubscriberCount("globex"));
    }

    [Fact]
    public async Task The_scenario_pages_render_for_signed_in_users_with_their_organizations_content()
    {
        using var app = new StoreAppFactory(seedScenarioData: true);
        using var admin = app.CreateClientAs("acme-admin");

        var courses = await admin.GetStringAsync("/courses");
        Assert.Contains("Getting started with the atelier", courses, StringComparison.Ordinal);
        Assert.Contains("Create course", courses, StringComparison.Ordinal);
        var courseId = CourseLink().Match(courses).Groups[1].Value;
        var course = await admin.GetStringAsync($"/courses/{courseId}");
        Assert.Contains("The till", course, StringComparison.Ordinal);
        var lessonId = LessonLink().Match(course).Groups[1].Value;
        Assert.Contains("This lesson has no video yet.", await admin.GetStringAsync($"/lessons/{lessonId}"), StringComparison.Ordinal);
        Assert.Contains("Alan (Acme, Admin)", await admin.GetStringAsync("/profile"), StringComparison.Ordinal);

        // The member's PDF waits for review: the member sees the badge; the admin's queue offers the decision.
        int conversationId;
        Guid brief;
        await using (var scope = Scope(app, "acme-admin"))
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            conversationId = (await db.Set<Conversation>().SingleAsync(c => c.TenantId == "acme")).Id;
            brief = (await db.Set<Message>().SingleAsync(m => m.TenantId == "acme" && m.AuthorId == "acme-member")).AttachmentIds[0];
        }

        using var member = app.CreateClientAs("acme-member");
        var conversation = await member.GetStringAsync($"/conversations/{conversationId}");
        Assert.Contains("Autumn window display", conversation, StringComparison.Ordinal);
        Assert.Contains("supplier-brief.pdf", conversation, StringComparison.Ordinal);
        Assert.Contains("Waiting for review", conversation, StringComparison.Ordinal);

        var queue = await admin.GetStringAsync("/review");
        Assert.Contains($"data-asset-id=\"{brief}\"", queue, StringComparison.Ordinal);
        Assert.Contains("Approve supplier-brief.pdf", queue, StringComparison.Ordinal);
        Assert.Contains("Reason for rejecting supplier-brief.pdf", queue, StringComparison.Ordinal);
        Assert.Contains("Reject supplier-brief.pdf", queue, StringComparison.Ordinal);

        // Members may not review; Globex's admin does not see Acme's conversation.
        using (var refused = await member.GetAsync("/review"))
        {
            Assert.False(refused.IsSuccessStatusCode);
        }

        using var globex = app.CreateClientAs("globex-admin");
        Assert.Contains("Conversation not found", await globex.GetStringAsync($"/conversations/{conversationId}"), StringComparison.Ordinal);
        Assert.DoesNotContain(brief.ToString(), await globex.GetStringAsync("/review"), StringComparison.Ordinal);
    }

    private static AsyncServiceScope Scope(StoreAppFactory app, string account)
        => ScenarioScopes.ForUser(app.Services.GetRequiredService<IServiceScopeFactory>(), DemoAccounts.Find(account)!.ToPrincipal("test"));

    private static async Task<Guid> UploadAsync(IMediaStore store, string collection, string fileName, int seed, string uploadedBy)
    {
        await using var content = new MemoryStream(ScenarioSetup.GradientPng(64, 48, seed));
        return (await store.UploadAsync(new MediaUploadRequest(collection, fileName, content) { UploadedBy = uploadedBy })).Id;
    }

    private static async Task<List<string>> Usages(StoreDbContext db, string tenant, string resourceType, string resourceId)
        => [.. (await db.Set<MediaUsage>().Where(u => u.TenantId == tenant && u.ResourceType == resourceType && u.ResourceId == resourceId).ToListAsync())
            .OrderBy(u => u.Field, StringComparer.Ordinal).ThenBy(u => u.Position).Select(u => $"{u.Field}:{u.Position}:{u.AssetId}")];

    [GeneratedRegex("<img[^>]*\\ssrc=\"([^\"]+)\"")]
    private static partial Regex ImageSource();

    [GeneratedRegex("href=\"/courses/(\\d+)\"")]
    private static partial Regex CourseLink();

    [GeneratedRegex("href=\"/lessons/(\\d+)\"")]
    private static partial Regex LessonLink();

    private sealed class AnonymousState : Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider
    {
        public override Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState> GetAuthenticationStateAsync()
            => Task.FromResult(new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(new System.Security.Claims.ClaimsPrincipal()));
    }
}
