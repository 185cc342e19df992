using System.Globalization;
using System.Text;
using MediaKit.AspNetCore;
using MediaKit.Samples.Store.Auth;
using Microsoft.EntityFrameworkCore;
using NetVips;

namespace MediaKit.Samples.Store.Data.Scenarios;

/// <summary>Registration and demo data of the scenario pages (seeds 001 to 003).</summary>
public static class ScenarioSetup
{
    /// <summary>The collections the scenarios add (the sample's Program.cs defines <c>lessons</c> and <c>chat</c>).</summary>
    public const string Avatars = "avatars", Courses = "courses", Lookbook = "lookbook", Lessons = "lessons", Chat = "chat";

    /// <summary>Adds the scenarios' media collections; called inside <c>AddMediaKit</c>'s configure in Program.cs.</summary>
    public static void AddCollections(MediaKitOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);

        // Seed 001: profile pictures are small; 5 MB a file and 20 MB per person are plenty for a few tries.
        o.Collections.Add(Avatars, c =>
        {
            c.AcceptImages();
            c.MaxLength = 5_000_000;
            c.QuotaPerOwner = 20_000_000;
        });
        o.Collections.Add(Courses, c => c.AcceptImages());

        // Seed 002: the lookbook's images are public (its public gallery page is seen by anonymous visitors).
        o.Collections.Add(Lookbook, c => c.AcceptImages());
    }

    /// <summary>Registers the scenarios' services: per-operation scopes for the pages and the live review notifications.</summary>
    public static IServiceCollection AddScenarios(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoped<ScenarioScopes>();
        services.AddSingleton<ReviewNotifier>();

        // Seed 003, issue 6: review decisions reach the uploader's open conversation page.
        services.AddMediaKit().AddEventHandler<ReviewNotificationHandler>();

        // Seed 002: the public lookbook page (/lookbook/{org}/{id}) is seen by anonymous visitors, who have no organization
        // claim. Its image URLs carry ?org=; for a request without a tenant claim that names the tenant. MediaKit uses a
        // fallback tenant only for reads it allows anonymously (files of public collections; private ones still need a
        // signature that covers the tenant). A fallback the host set itself wins.
        services.PostConfigure<MediaKitTenantClaimOptions>(o => o.Fallback ??= VisitorOrganization);
        return services;
    }

    /// <summary>The organization an anonymous request names with <c>?org=</c>, when it is one of the demo organizations.</summary>
    public static string? VisitorOrganization(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Query["org"] is { Count: 1 } org && ScenarioScopes.IsOrganization(org[0]) ? org[0] : null;
    }

    /// <summary>
    /// Seeds each demo organization, on a first run: two courses with thumbnails and lessons, the admin's profile with an
    /// avatar, a lookbook gallery (a public main exhibit and a members-only behind-the-scenes group) and a conversation
    /// whose second message carries a PDF waiting for review. Images are drawn locally with libvips; nothing is downloaded.
    /// </summary>
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Store:SeedDemoData = false turns all demo data off; Store:SeedScenarioData turns only this part on or off.
        var configuration = services.GetRequiredService<IConfiguration>();
        if (!configuration.GetValue("Store:SeedScenarioData", configuration.GetValue("Store:SeedDemoData", true)))
        {
            return;
        }

        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var started = time.GetTimestamp();
        var organizations = DemoAccounts.All.Select(a => a.Organization).Distinct(StringComparer.Ordinal).ToList();
        for (var o = 0; o < organizations.Count; o++)
        {
            var organization = organizations[o];
            var admin = DemoAccounts.All.First(a => a.Organization == organization && a.Role == DemoAccounts.Admin);
            var member = DemoAccounts.All.FirstOrDefault(a => a.Organization == organization && a.Role == DemoAccounts.Member) ?? admin;
            await SeedLearningAsync(scopes, admin, o, cancellationToken);
            await SeedLookbookAsync(scopes, admin, o, cancellationToken);
            await SeedConversationAsync(scopes, admin, member, o, time, cancellationToken);
        }

        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ScenarioSetup))
            .LogInformation("Scenario demo data checked for {Count} organizations in {Elapsed} ms.", organizations.Count, (long)time.GetElapsedTime(started).TotalMilliseconds);
    }

    private static async Task SeedLearningAsync(IServiceScopeFactory scopes, DemoAccount admin, int seed, CancellationToken cancellationToken)
    {
        await using var scope = ScenarioScopes.ForUser(scopes, admin.ToPrincipal("demo-seed"));
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        if (await db.Set<Course>().AnyAsync(c => c.TenantId == admin.Organization, cancellationToken))
        {
            return;
        }

        var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
        var basics = await UploadImageAsync(store, admin, Courses, "getting-started.png", "Getting started with the atelier", seed * 10 + 1, cancellationToken);
        var photo = await UploadImageAsync(store, admin, Courses, "product-photography.png", "Product photography basics", seed * 10 + 2, cancellationToken);
        var first = new Course { TenantId = admin.Organization, Title = "Getting started with the atelier", Description = "The shop floor, the till and the stock room in three short lessons.", ThumbnailId = basics };
        var second = new Course { TenantId = admin.Organization, Title = "Product photography basics", Description = "Light, backgrounds and framing for the catalogue.", ThumbnailId = photo };
        db.Set<Course>().AddRange(first, second);
        await db.SaveChangesAsync(cancellationToken);

        // Lessons start without a video: a manager picks (or uploads) one on the lesson page.
        string[][] titles = [["Welcome", "The till", "The stock room"], ["Light", "Backgrounds"]];
        Course[] courses = [first, second];
        for (var c = 0; c < courses.Length; c++)
        {
            for (var l = 0; l < titles[c].Length; l++)
            {
                db.Set<Lesson>().Add(new Lesson { TenantId = admin.Organization, CourseId = courses[c].Id, Title = titles[c][l], Position = l });
            }
        }

        var avatar = await UploadImageAsync(store, admin, Avatars, "avatar.png", admin.Name, seed * 10 + 3, cancellationToken, width: 128, height: 128);
        db.Set<UserProfile>().Add(new UserProfile { TenantId = admin.Organization, UserId = admin.Id, DisplayName = admin.Name, AvatarId = avatar });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task SeedLookbookAsync(IServiceScopeFactory scopes, DemoAccount admin, int seed, CancellationToken cancellationToken)
    {
        await using var scope = ScenarioScopes.ForUser(scopes, admin.ToPrincipal("demo-seed"));
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        if (await db.Set<MediaGallery>().AnyAsync(g => g.TenantId == admin.Organization, cancellationToken))
        {
            return;
        }

        var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
        var groups = scope.ServiceProvider.GetRequiredService<IMediaGroups>();
        var galleries = scope.ServiceProvider.GetRequiredService<IMediaGalleries>();
        var looks = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            looks.Add(await UploadImageAsync(store, admin, Lookbook, $"look-{i + 1}.png", $"Summer look {i + 1}", seed * 10 + 4 + i, cancellationToken, width: 300, height: 400));
        }

        var making = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            making.Add(await UploadImageAsync(store, admin, Lookbook, $"making-of-{i + 1}.png", $"Making of, day {i + 1}", seed * 10 + 7 + i, cancellationToken));
        }

        var main = await groups.CreateAsync("Summer 2026 lookbook", "The final photographs.", cancellationToken);
        await groups.SetItemsAsync(main.Id, looks, cancellationToken);
        var behind = await groups.CreateAsync("Summer 2026 behind the scenes", "The set and the crew at work.", cancellationToken);
        await groups.SetItemsAsync(behind.Id, making, cancellationToken);
        var gallery = await galleries.CreateAsync("Summer 2026", "The summer collection, shot on location.", cancellationToken);
        await galleries.LinkAsync(gallery.Id, main.Id, LookbookQueries.MainExhibit, MediaGalleryVisibility.Public, cancellationToken: cancellationToken);
        await galleries.LinkAsync(gallery.Id, behind.Id, LookbookQueries.BehindTheScenes, MediaGalleryVisibility.MembersOnly, cancellationToken: cancellationToken);
    }

    private static async Task SeedConversationAsync(IServiceScopeFactory scopes, DemoAccount admin, DemoAccount member, int seed, TimeProvider time, CancellationToken cancellationToken)
    {
        Conversation conversation;
        await using (var scope = ScenarioScopes.ForUser(scopes, admin.ToPrincipal("demo-seed")))
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            if (await db.Set<Conversation>().AnyAsync(c => c.TenantId == admin.Organization, cancellationToken))
            {
                return;
            }

            var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
            var moodboard = await UploadImageAsync(store, admin, Chat, "moodboard.png", "Moodboard for the autumn window", seed * 10 + 9, cancellationToken);
            conversation = new Conversation { TenantId = admin.Organization, Title = "Autumn window display", CreatedAt = time.GetUtcNow() };
            db.Set<Conversation>().Add(conversation);
            await db.SaveChangesAsync(cancellationToken);
            db.Set<Message>().Add(new Message
            {
                ConversationId = conversation.Id,
                TenantId = admin.Organization,
                AuthorId = admin.Id,
                AuthorName = admin.Name,
                Text = "Here is the moodboard for the autumn window. Can you send the supplier's brief?",
                CreatedAt = time.GetUtcNow(),
                AttachmentIds = [moodboard],
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        // The member's PDF waits for a reviewer (the chat collection reviews documents): the review queue has work to show.
        await using (var scope = ScenarioScopes.ForUser(scopes, member.ToPrincipal("demo-seed")))
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
            await using var pdf = new MemoryStream(MinimalPdf($"Supplier brief ({admin.Organization})"));
            var brief = await store.UploadAsync(new MediaUploadRequest(Chat, "supplier-brief.pdf", pdf) { Title = "Supplier brief", UploadedBy = member.Id }, cancellationToken);
            db.Set<Message>().Add(new Message
            {
                ConversationId = conversation.Id,
                TenantId = member.Organization,
                AuthorId = member.Id,
                AuthorName = member.Name,
                Text = "Attached: the supplier's brief.",
                CreatedAt = time.GetUtcNow(),
                AttachmentIds = [brief.Id],
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    // IMediaStore.UploadAsync records the uploader it is given (the HTTP API passes the signed-in user): the seed names it,
    // so that the uploader's rights (seeing a pending file, sharing it) and per-owner quotas apply to demo files too.
    private static async Task<Guid> UploadImageAsync(IMediaStore store, DemoAccount uploader, string collection, string fileName, string title, int seed, CancellationToken cancellationToken, int width = 400, int height = 250)
    {
        await using var content = new MemoryStream(GradientPng(width, height, seed));
        var asset = await store.UploadAsync(new MediaUploadRequest(collection, fileName, content) { Title = title, AltText = title, UploadedBy = uploader.Id }, cancellationToken);
        return asset.Id;
    }

    /// <summary>A diagonal two-colour gradient, different for every <paramref name="seed"/> (so uploads are never de-duplicated).</summary>
    public static byte[] GradientPng(int width, int height, int seed)
    {
        var random = new Random(seed);
        double[] from = [random.Next(40, 220), random.Next(40, 220), random.Next(40, 220)];
        double[] to = [random.Next(20, 240), random.Next(20, 240), random.Next(20, 240)];
        using var xy = Image.Xyz(width, height);
        using var x = xy[0];
        using var y = xy[1];
        using var t = (x + y) / (double)(width + height);
        using var r = (t * (to[0] - from[0])) + from[0];
        using var g = (t * (to[1] - from[1])) + from[1];
        using var b = (t * (to[2] - from[2])) + from[2];
        using var rgb = r.Bandjoin(g, b);
        using var bytes = rgb.Cast(Enums.BandFormat.Uchar);
        using var srgb = bytes.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.PngsaveBuffer(compression: 1);
    }

    /// <summary>A one-page PDF that shows <paramref name="text"/>, with a correct cross-reference table.</summary>
    public static byte[] MinimalPdf(string text)
    {
        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
        var stream = $"BT /F1 18 Tf 72 720 Td ({escaped}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {Encoding.ASCII.GetByteCount(stream)} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
