using Microsoft.EntityFrameworkCore;

namespace MediaKit.Samples.Store.Data.Scenarios;

/// <summary>A gallery of the lookbook as its pages show it (seed 002).</summary>
/// <param name="Id">The gallery.</param>
/// <param name="Name">Its name.</param>
/// <param name="Description">Its description.</param>
/// <param name="Sections">The linked groups the viewer may see, in link order.</param>
public sealed record LookbookView(Guid Id, string Name, string? Description, IReadOnlyList<LookbookSection> Sections);

/// <summary>One linked group of a <see cref="LookbookView"/>.</summary>
/// <param name="Role">The link's role, such as <c>main_exhibit</c>.</param>
/// <param name="RoleLabel">The role for people ("Main exhibit").</param>
/// <param name="Visibility">Public, or for signed-in members of the organization only.</param>
/// <param name="GroupId">The group.</param>
/// <param name="GroupName">The group's name.</param>
/// <param name="Images">The group's ready images, in order, with their URLs.</param>
public sealed record LookbookSection(string Role, string RoleLabel, MediaGalleryVisibility Visibility, Guid GroupId, string GroupName, IReadOnlyList<LookbookImage> Images);

/// <summary>One image of a <see cref="LookbookSection"/>.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Alt">Its alternative text.</param>
/// <param name="Src">The URL of a mid-size variant (or the original).</param>
/// <param name="SrcSet">The <c>srcset</c> of its variants, or <see langword="null"/>.</param>
public sealed record LookbookImage(MediaAsset Asset, string Alt, string Src, string? SrcSet);

/// <summary>Reads the lookbook for its pages: which galleries exist, and one gallery with the groups its viewer may see.</summary>
public static class LookbookQueries
{
    /// <summary>The seeded roles: the public main exhibit and the members-only behind-the-scenes group.</summary>
    public const string MainExhibit = "main_exhibit", BehindTheScenes = "behind_the_scenes";

    /// <summary>The roles the lookbook page offers when linking a group (any valid role works).</summary>
    public static IReadOnlyList<string> Roles { get; } = [MainExhibit, BehindTheScenes, "sketches", "guest_artist_feature"];

    /// <summary>The galleries of the scope's organization, by name.</summary>
    /// <param name="services">A scope acting for a user of the organization (<see cref="ScenarioScopes"/>).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<IReadOnlyList<MediaGallery>> ListGalleriesAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        // IMediaGalleries has no listing; MediaKit's tables live in the store's context, so the page reads them, scoped to the tenant.
        var tenant = services.GetRequiredService<IMediaTenantAccessor>().TenantId;
        var db = services.GetRequiredService<StoreDbContext>();
        return await db.Set<MediaGallery>().AsNoTracking().Where(g => g.TenantId == tenant).OrderBy(g => g.Name).ThenBy(g => g.Id).Take(200).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One gallery of the scope's organization: its linked groups in link order, only <see cref="MediaGalleryVisibility.Public"/>
    /// ones unless <paramref name="member"/> is set, with URLs for the images.
    /// </summary>
    /// <param name="services">A scope acting for a member of the organization, or for a visitor of it (<see cref="ScenarioScopes.ForVisitorOf"/>).</param>
    /// <param name="galleryId">The gallery.</param>
    /// <param name="member">Whether the viewer is a signed-in member of the gallery's organization.</param>
    /// <param name="urlSuffix">A query parameter appended to every file URL (<c>org=acme</c> for anonymous visitors), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The gallery, or <see langword="null"/> when the organization has no such gallery.</returns>
    public static async Task<LookbookView?> GetAsync(IServiceProvider services, Guid galleryId, bool member, string? urlSuffix = null, CancellationToken cancellationToken = default)
    {
        var galleries = services.GetRequiredService<IMediaGalleries>();
        var urls = services.GetRequiredService<IMediaUrls>();
        var view = await galleries.GetAsync(galleryId, includeMembersOnly: member, cancellationToken);
        if (view is null)
        {
            return null;
        }

        var sections = new List<LookbookSection>(view.Groups.Count);
        foreach (var link in view.Groups)
        {
            // MediaKit already leaves members-only links out unless asked; the check here keeps the page honest if that changes.
            if (link.Visibility != MediaGalleryVisibility.Public && !member)
            {
                continue;
            }

            var images = new List<LookbookImage>(link.Items.Count);
            foreach (var asset in link.Items.Where(a => a.Kind == MediaKind.Image))
            {
                var src = await UrlAsync(urls, asset, asset.Variants.Any(v => v.Name == "thumb-800") ? "thumb-800" : null, urlSuffix, cancellationToken);
                if (src is null)
                {
                    continue;
                }

                var set = new List<string>();
                foreach (var variant in asset.Variants.Where(v => v.Width is > 0 && v.ContentType.StartsWith("image/", StringComparison.Ordinal))
                             .GroupBy(v => v.Width).Select(g => g.OrderByDescending(v => v.ContentType == "image/webp").First()).OrderBy(v => v.Width))
                {
                    if (await UrlAsync(urls, asset, variant.Name, urlSuffix, cancellationToken) is { } url)
                    {
                        set.Add($"{url} {variant.Width}w");
                    }
                }

                images.Add(new LookbookImage(asset, asset.AltText ?? asset.Title ?? "", src, set.Count > 0 ? string.Join(", ", set) : null));
            }

            sections.Add(new LookbookSection(link.Role, RoleLabel(link.Role), link.Visibility, link.Group.Id, link.Group.Name, images));
        }

        return new LookbookView(view.Gallery.Id, view.Gallery.Name, view.Gallery.Description, sections);
    }

    /// <summary>A role for people: <c>behind_the_scenes</c> → "Behind the scenes".</summary>
    public static string RoleLabel(string role)
    {
        var words = role.Replace('_', ' ').Replace('-', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static async Task<string?> UrlAsync(IMediaUrls urls, MediaAsset asset, string? variant, string? suffix, CancellationToken cancellationToken)
    {
        var url = (await urls.GetUrlAsync(asset, variant, cancellationToken: cancellationToken))?.Url;
        return url is null || suffix is null ? url : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + suffix;
    }
}
