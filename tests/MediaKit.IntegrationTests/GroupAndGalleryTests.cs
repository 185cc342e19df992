using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.IntegrationTests;

/// <summary>Groups (ordered lists of assets) and galleries (groups linked by role), seed 002, on SQLite and local disk.</summary>
public sealed class GroupAndGalleryTests
{
    [Fact]
    public async Task A_group_is_created_renamed_listed_and_deleted()
    {
        await using var host = await MediaKitHost.StartAsync();
        var first = await WithGroupsAsync(host, g => g.CreateAsync("Summer 2026 lookbook", "Final shots"));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await WithGroupsAsync(host, g => g.CreateAsync("Studio setup"));

        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await WithGroupsAsync(host, g => g.UpdateAsync(first.Id, "Summer 2026", "Renamed")));

        var renamed = await WithGroupsAsync(host, g => g.GetAsync(first.Id));
        Assert.NotNull(renamed);
        Assert.Equal(("Summer 2026", "Renamed"), (renamed.Name, renamed.Description));
        Assert.Equal(first.CreatedAt, renamed.CreatedAt);
        Assert.Equal(host.Time.GetUtcNow(), renamed.UpdatedAt);

        var page1 = await WithGroupsAsync(host, g => g.ListAsync(limit: 1));
        var page2 = await WithGroupsAsync(host, g => g.ListAsync(page1.NextCursor, limit: 1));
        Assert.Equal([first.Id], page1.Items.Select(x => x.Id));
        Assert.Equal([second.Id], page2.Items.Select(x => x.Id));
        Assert.Null(page2.NextCursor);

        Assert.True(await WithGroupsAsync(host, g => g.DeleteAsync(first.Id)));
        Assert.Null(await WithGroupsAsync(host, g => g.GetAsync(first.Id)));
        Assert.False(await WithGroupsAsync(host, g => g.DeleteAsync(first.Id)));
        Assert.False(await WithGroupsAsync(host, g => g.UpdateAsync(first.Id, "Gone", null)));
        Assert.Equal([second.Id], (await WithGroupsAsync(host, g => g.ListAsync())).Items.Select(x => x.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\there")]
    [InlineData(null)]
    public async Task A_bad_group_or_gallery_name_is_refused(string? name)
    {
        await using var host = await MediaKitHost.StartAsync();
        name ??= new string('x', 257);

        var group = await Assert.ThrowsAsync<MediaException>(() => WithGroupsAsync(host, g => g.CreateAsync(name)));
        var gallery = await Assert.ThrowsAsync<MediaException>(() => WithGalleriesAsync(host, g => g.CreateAsync(name)));

        Assert.Equal(MediaErrorCodes.InvalidRequest, group.Code);
        Assert.Equal(MediaErrorCodes.InvalidRequest, gallery.Code);
        Assert.Empty((await WithGroupsAsync(host, g => g.ListAsync())).Items);
        Assert.NotNull(await WithGroupsAsync(host, g => g.CreateAsync(new string('x', 256))));
    }

    [Fact]
    public async Task Items_keep_their_order_through_set_add_move_and_remove()
    {
        await using var host = await MediaKitHost.StartAsync();
        var (a, b, c, d, e) = (await UploadAsync(host, 1), await UploadAsync(host, 2), await UploadAsync(host, 3), await UploadAsync(host, 4), await UploadAsync(host, 5));
        var group = await WithGroupsAsync(host, g => g.CreateAsync("Lookbook"));

        Assert.True(await WithGroupsAsync(host, g => g.SetItemsAsync(group.Id, [c, a, b])));
        await AssertItemsAsync(host, group.Id, [c, a, b]);

        Assert.True(await WithGroupsAsync(host, g => g.AddItemAsync(group.Id, d)));
        await AssertItemsAsync(host, group.Id, [c, a, b, d]);

        Assert.True(await WithGroupsAsync(host, g => g.AddItemAsync(group.Id, e, position: 1)));
        await AssertItemsAsync(host, group.Id, [c, e, a, b, d]);

        Assert.True(await WithGroupsAsync(host, g => g.MoveItemAsync(group.Id, d, 0)));
        await AssertItemsAsync(host, group.Id, [d, c, e, a, b]);

        Assert.True(await WithGroupsAsync(host, g => g.MoveItemAsync(group.Id, c, 4)));
        await AssertItemsAsync(host, group.Id, [d, e, a, b, c]);

        Assert.True(await WithGroupsAsync(host, g => g.RemoveItemAsync(group.Id, e)));
        await AssertItemsAsync(host, group.Id, [d, a, b, c]);
        Assert.False(await WithGroupsAsync(host, g => g.RemoveItemAsync(group.Id, e)));
        Assert.False(await WithGroupsAsync(host, g => g.MoveItemAsync(group.Id, e, 0)));

        Assert.True(await WithGroupsAsync(host, g => g.SetItemsAsync(group.Id, [b, e])));
        await AssertItemsAsync(host, group.Id, [b, e]);

        Assert.True(await WithGroupsAsync(host, g => g.SetItemsAsync(group.Id, [])));
        await AssertItemsAsync(host, group.Id, []);
    }

    [Fact]
    public async Task A_repeated_asset_is_refused_and_the_group_is_left_as_it_was()
    {
        await using var host = await MediaKitHost.StartAsync();
        var (a, b) = (await UploadAsync(host, 1), await UploadAsync(host, 2));
        var group = await WithGroupsAsync(host, g => g.CreateAsync("Lookbook"));
        await WithGroupsAsync(host, g => g.SetItemsAsync(group.Id, [a, b]));

        var set = await Assert.ThrowsAsync<MediaException>(() => WithGroupsAsync(host, g => g.SetItemsAsync(group.Id, [b, a, b])));
        var add = await Assert.ThrowsAsync<MediaException>(() => WithGroupsAsync(host, g => g.AddItemAsync(group.Id, a, 0)));

        Assert.Equal(MediaErrorCodes.InvalidRequest, set.Code);
        Assert.Equal(MediaErrorCodes.InvalidRequest, add.Code);
        await AssertItemsAsync(host, group.Id, [a, b]);
    }

    [Fact]
    public async Task A_position_outside_the_list_is_refused()
    {
        await using var host = await MediaKitHost.StartAsync();
        var (a, b, c) = (await UploadAsync(host, 1), await UploadAsync(host, 2), await UploadAsync(host, 3));
        var group = await WithGroupsAsync(host, g => g.CreateAsync("Lookbook"));
        await WithGroupsAsync(host, g => g.SetItemsAsync(group.Id, [a, b]));

        foreach (var attempt in new Func<IMediaGroups, Task>[]
        {
            g => g.AddItemAsync(group.Id, c, 3),
            g => g.AddItemAsync(group.Id, c, -1),
            g => g.MoveItemAsync(group.Id, a, 2),
            g => g.MoveItemAsync(group.Id, a, -1),
        })
        {
            var error = await Assert.ThrowsAsync<MediaException>(() => WithGroupsAsync(host, attempt));
            Assert.Equal(MediaErrorCodes.InvalidRequest, error.Code);
        }

        await AssertItemsAsync(host, group.Id, [a, b]);
        Assert.True(await WithGroupsAsync(host, g => g.AddItemAsync(group.Id, c, 2)));
        await AssertItemsAsync(host, group.Id, [a, b, c]);
    }

    [Fact]
    public async Task An_asset_in_the_trash_or_of_another_tenant_cannot_be_put_in_a_group()
    {
        await using var host = await MediaKitHost.StartAsync();
        var (a, trashed) = (await UploadAsync(host, 1), await UploadAsync(host, 2));
        await host.WithStoreAsync(s => s.DeleteAsync(trashed));
        host.Tenant.TenantId = "store-b";
        var foreign = await UploadAsync(host, 3);
        host.Tenant.TenantId = "store-a";
        var group = await WithGroupsAsync(host, g => g.CreateAsync("Lookbook"));
        await WithGroupsAsync(host, g => g.SetItemsAsync(group.Id, [a]));

        foreach (var refused in new[] { trashed, foreign, Guid.CreateVersion7() })
        {
            var set = await Assert.ThrowsAsync<MediaNotFoundException>(() => WithGroupsAsync(host, g => g.SetItemsAsync(group.Id, [a, refused])));
            var add = await Assert.ThrowsAsync<MediaNotFoundException>(() => WithGroupsAsync(host, g => g.AddItemAsync(group.Id, refused)));
            Assert.Equal(refused, set.AssetId);
            Assert.Equal(refused, add.AssetId);
        }

        await AssertItemsAsync(host, group.Id, [a]);
    }

    [Fact]
    public async Task The_gallery_query_returns_groups_in_link_order_with_items_in_order_and_hides_members_only_links()
    {
        await using var host = await MediaKitHost.StartAsync();
        var (a, b, c, d) = (await UploadAsync(host, 1), await UploadAsync(host, 2), await UploadAsync(host, 3), await UploadAsync(host, 4));
        var photos = await GroupWithAsync(host, "Photographs", [b, a]);
        var sketches = await GroupWithAsync(host, "Sketches", [d, c]);
        var making = await GroupWithAsync(host, "Making of", [c, a, d]);
        var gallery = await WithGalleriesAsync(host, g => g.CreateAsync("Project X"));

        Assert.True(await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, sketches.Id, "sketches")));
        Assert.True(await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, making.Id, "behind_the_scenes", MediaGalleryVisibility.MembersOnly)));
        Assert.True(await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, photos.Id, "photographs", position: 0)));

        var members = await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id, includeMembersOnly: true));
        Assert.NotNull(members);
        Assert.Equal(["photographs", "sketches", "behind_the_scenes"], members.Groups.Select(x => x.Role));
        Assert.Equal([photos.Id, sketches.Id, making.Id], members.Groups.Select(x => x.Group.Id));
        Assert.Equal([[b, a], [d, c], [c, a, d]], members.Groups.Select(x => x.Items.Select(i => i.Id).ToArray()));
        Assert.Equal([MediaGalleryVisibility.Public, MediaGalleryVisibility.Public, MediaGalleryVisibility.MembersOnly], members.Groups.Select(x => x.Visibility));
        Assert.Equal(["photographs", "sketches", "behind_the_scenes"], members.Gallery.Groups.Select(x => x.Role));
        Assert.Equal("Project X", members.Gallery.Name);

        var everyone = await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id));
        Assert.NotNull(everyone);
        Assert.Equal(["photographs", "sketches"], everyone.Groups.Select(x => x.Role));
        Assert.DoesNotContain(everyone.Gallery.Groups, l => l.Visibility == MediaGalleryVisibility.MembersOnly);

        Assert.True(await WithGalleriesAsync(host, g => g.MoveLinkAsync(gallery.Id, making.Id, "behind_the_scenes", 0)));
        Assert.True(await WithGalleriesAsync(host, g => g.MoveLinkAsync(gallery.Id, photos.Id, "photographs", 2)));
        var reordered = await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id, includeMembersOnly: true));
        Assert.Equal(["behind_the_scenes", "sketches", "photographs"], reordered!.Groups.Select(x => x.Role));
        Assert.Equal([0, 1, 2], reordered.Gallery.Groups.Select(x => x.Position));

        var error = await Assert.ThrowsAsync<MediaException>(() => WithGalleriesAsync(host, g => g.MoveLinkAsync(gallery.Id, photos.Id, "photographs", 3)));
        Assert.Equal(MediaErrorCodes.InvalidRequest, error.Code);
        Assert.False(await WithGalleriesAsync(host, g => g.MoveLinkAsync(gallery.Id, photos.Id, "sketches", 0)));
    }

    [Fact]
    public async Task A_group_may_be_linked_under_two_roles_and_relinking_changes_only_the_visibility()
    {
        await using var host = await MediaKitHost.StartAsync();
        var a = await UploadAsync(host, 1);
        var group = await GroupWithAsync(host, "Work", [a]);
        var gallery = await WithGalleriesAsync(host, g => g.CreateAsync("Artist"));

        await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, group.Id, "primary_artist"));
        await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, group.Id, "highlights"));
        await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, group.Id, "primary_artist", MediaGalleryVisibility.MembersOnly));

        var view = await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id, includeMembersOnly: true));
        Assert.Equal([("primary_artist", MediaGalleryVisibility.MembersOnly), ("highlights", MediaGalleryVisibility.Public)], view!.Groups.Select(x => (x.Role, x.Visibility)));
        Assert.All(view.Groups, x => Assert.Equal([a], x.Items.Select(i => i.Id)));

        Assert.True(await WithGalleriesAsync(host, g => g.UnlinkAsync(gallery.Id, group.Id, "primary_artist")));
        Assert.False(await WithGalleriesAsync(host, g => g.UnlinkAsync(gallery.Id, group.Id, "primary_artist")));
        view = await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id, includeMembersOnly: true));
        Assert.Equal(["highlights"], view!.Groups.Select(x => x.Role));
        Assert.Equal([0], view.Gallery.Groups.Select(x => x.Position));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Main_Exhibit")]
    [InlineData("main exhibit")]
    [InlineData("main.exhibit")]
    [InlineData("ünique")]
    [InlineData("x")]
    public async Task A_role_must_be_1_to_64_lowercase_letters_digits_underscores_or_hyphens(string role)
    {
        await using var host = await MediaKitHost.StartAsync();
        var group = await WithGroupsAsync(host, g => g.CreateAsync("Work"));
        var gallery = await WithGalleriesAsync(host, g => g.CreateAsync("Artist"));
        if (role == "x")
        {
            role = new string('x', 65);
        }

        var error = await Assert.ThrowsAsync<MediaException>(() => WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, group.Id, role)));

        Assert.Equal(MediaErrorCodes.InvalidRequest, error.Code);
        Assert.Empty((await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id, true)))!.Groups);
        Assert.True(await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, group.Id, "guest-artist_feature2")));
        Assert.True(await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, group.Id, new string('z', 64))));
        var visibility = await Assert.ThrowsAsync<MediaException>(() => WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, group.Id, "main", (MediaGalleryVisibility)7)));
        Assert.Equal(MediaErrorCodes.InvalidRequest, visibility.Code);
    }

    [Fact]
    public async Task A_purged_asset_disappears_from_its_groups_and_the_gallery()
    {
        await using var host = await MediaKitHost.StartAsync();
        var (a, b, c) = (await UploadAsync(host, 1), await UploadAsync(host, 2), await UploadAsync(host, 3));
        var group = await GroupWithAsync(host, "Lookbook", [a, b, c]);
        var gallery = await WithGalleriesAsync(host, g => g.CreateAsync("Summer"));
        await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, group.Id, "main_exhibit"));

        Assert.True(await host.WithStoreAsync(s => s.DeleteAsync(b, MediaDeleteMode.Purge)));

        var view = await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id));
        Assert.Equal([a, c], Assert.Single(view!.Groups).Items.Select(i => i.Id));

        // Gone from the API's order at once; the stored gap is closed by the next edit.
        await AssertItemsAsync(host, group.Id, [a, c], storedContiguous: false);
        var d = await UploadAsync(host, 4);
        Assert.True(await WithGroupsAsync(host, g => g.AddItemAsync(group.Id, d, 1)));
        await AssertItemsAsync(host, group.Id, [a, d, c]);
    }

    [Fact]
    public async Task An_asset_in_the_trash_is_left_out_of_the_gallery_but_keeps_its_place_in_the_group()
    {
        await using var host = await MediaKitHost.StartAsync();
        var (a, b, c) = (await UploadAsync(host, 1), await UploadAsync(host, 2), await UploadAsync(host, 3));
        var group = await GroupWithAsync(host, "Lookbook", [a, b, c]);
        var gallery = await WithGalleriesAsync(host, g => g.CreateAsync("Summer"));
        await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, group.Id, "main_exhibit"));

        Assert.True(await host.WithStoreAsync(s => s.DeleteAsync(b)));

        var view = await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id));
        Assert.Equal([a, c], Assert.Single(view!.Groups).Items.Select(i => i.Id));
        Assert.Equal([a, c], view.Groups[0].Group.Items.Select(i => i.AssetId));
        await AssertItemsAsync(host, group.Id, [a, b, c]);

        Assert.True(await host.WithStoreAsync(s => s.RestoreAsync(b)));
        view = await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id));
        Assert.Equal([a, b, c], Assert.Single(view!.Groups).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task An_asset_waiting_for_review_is_left_out_of_the_gallery()
    {
        await using var host = await MediaKitHost.StartAsync(configure: o => o.Collections.Add("reviewed", c => { c.AcceptImages(); c.RequireApproval("image/*"); }));
        var ready = await UploadAsync(host, 1);
        var pending = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("reviewed", "p.png", new MemoryStream(TestFiles.Png(1500)))));
        Assert.Equal(MediaAssetStatus.PendingReview, pending.Status);
        var group = await GroupWithAsync(host, "Lookbook", [pending.Id, ready]);
        var gallery = await WithGalleriesAsync(host, g => g.CreateAsync("Summer"));
        await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, group.Id, "main_exhibit"));

        var view = await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id));

        Assert.Equal([ready], Assert.Single(view!.Groups).Items.Select(i => i.Id));
        await AssertItemsAsync(host, group.Id, [pending.Id, ready]);
    }

    [Fact]
    public async Task Deleting_a_group_unlinks_it_and_deleting_a_gallery_keeps_its_groups()
    {
        await using var host = await MediaKitHost.StartAsync();
        var (a, b) = (await UploadAsync(host, 1), await UploadAsync(host, 2));
        var first = await GroupWithAsync(host, "First", [a]);
        var second = await GroupWithAsync(host, "Second", [b]);
        var gallery = await WithGalleriesAsync(host, g => g.CreateAsync("Summer"));
        await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, first.Id, "main_exhibit"));
        await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, second.Id, "sketches"));

        Assert.True(await WithGroupsAsync(host, g => g.DeleteAsync(first.Id)));

        var view = await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id));
        Assert.Equal([second.Id], view!.Groups.Select(x => x.Group.Id));
        Assert.NotNull(await host.WithStoreAsync(s => s.FindAsync(a)));

        Assert.True(await WithGalleriesAsync(host, g => g.UpdateAsync(gallery.Id, "Summer 2026", "Lookbook")));
        Assert.Equal(("Summer 2026", "Lookbook"), ((await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id)))!.Gallery.Name, (await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id)))!.Gallery.Description));
        Assert.True(await WithGalleriesAsync(host, g => g.DeleteAsync(gallery.Id)));
        Assert.Null(await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id, true)));
        Assert.False(await WithGalleriesAsync(host, g => g.DeleteAsync(gallery.Id)));
        Assert.False(await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, second.Id, "sketches")));
        await AssertItemsAsync(host, second.Id, [b]);
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_it_and_cannot_change_it()
    {
        await using var host = await MediaKitHost.StartAsync();
        var (a, b) = (await UploadAsync(host, 1), await UploadAsync(host, 2));
        var group = await GroupWithAsync(host, "Lookbook", [a, b]);
        var gallery = await WithGalleriesAsync(host, g => g.CreateAsync("Summer"));
        await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, group.Id, "main_exhibit"));

        host.Tenant.TenantId = "store-b";
        var own = await UploadAsync(host, 3);
        var ownGroup = await GroupWithAsync(host, "Theirs", [own]);
        var ownGallery = await WithGalleriesAsync(host, g => g.CreateAsync("Theirs"));

        Assert.Null(await WithGroupsAsync(host, g => g.GetAsync(group.Id)));
        Assert.Equal([ownGroup.Id], (await WithGroupsAsync(host, g => g.ListAsync())).Items.Select(x => x.Id));
        Assert.False(await WithGroupsAsync(host, g => g.UpdateAsync(group.Id, "Hijacked", null)));
        Assert.False(await WithGroupsAsync(host, g => g.SetItemsAsync(group.Id, [own])));
        Assert.False(await WithGroupsAsync(host, g => g.AddItemAsync(group.Id, own)));
        Assert.False(await WithGroupsAsync(host, g => g.RemoveItemAsync(group.Id, a)));
        Assert.False(await WithGroupsAsync(host, g => g.MoveItemAsync(group.Id, a, 1)));
        Assert.False(await WithGroupsAsync(host, g => g.DeleteAsync(group.Id)));
        await Assert.ThrowsAsync<MediaNotFoundException>(() => WithGroupsAsync(host, g => g.AddItemAsync(ownGroup.Id, a)));

        Assert.Null(await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id, includeMembersOnly: true)));
        Assert.False(await WithGalleriesAsync(host, g => g.UpdateAsync(gallery.Id, "Hijacked", null)));
        Assert.False(await WithGalleriesAsync(host, g => g.LinkAsync(gallery.Id, ownGroup.Id, "main_exhibit")));
        Assert.False(await WithGalleriesAsync(host, g => g.LinkAsync(ownGallery.Id, group.Id, "main_exhibit")));
        Assert.False(await WithGalleriesAsync(host, g => g.UnlinkAsync(gallery.Id, group.Id, "main_exhibit")));
        Assert.False(await WithGalleriesAsync(host, g => g.MoveLinkAsync(gallery.Id, group.Id, "main_exhibit", 0)));
        Assert.False(await WithGalleriesAsync(host, g => g.DeleteAsync(gallery.Id)));
        Assert.Empty((await WithGalleriesAsync(host, g => g.GetAsync(ownGallery.Id, true)))!.Groups);

        host.Tenant.TenantId = "store-a";
        var view = await WithGalleriesAsync(host, g => g.GetAsync(gallery.Id));
        Assert.Equal("Summer", view!.Gallery.Name);
        Assert.Equal("Lookbook", Assert.Single(view.Groups).Group.Name);
        Assert.Equal([a, b], view.Groups[0].Items.Select(i => i.Id));
        Assert.Equal([group.Id], (await WithGroupsAsync(host, g => g.ListAsync())).Items.Select(x => x.Id));
    }

    [Fact]
    public async Task Concurrent_additions_to_one_group_are_all_kept_in_contiguous_positions()
    {
        await using var host = await MediaKitHost.StartAsync();
        var assets = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            assets.Add(await UploadAsync(host, i));
        }

        var group = await WithGroupsAsync(host, g => g.CreateAsync("Busy"));

        await Task.WhenAll(assets.Select(id => Task.Run(() => WithGroupsAsync(host, g => g.AddItemAsync(group.Id, id)))));

        var items = (await WithGroupsAsync(host, g => g.GetAsync(group.Id)))!.Items;
        Assert.Equal(assets.Order(), items.Select(i => i.AssetId).Order());
        var stored = await StoredPositionsAsync(host, group.Id);
        Assert.Equal(Enumerable.Range(0, assets.Count), stored.Order());
    }

    [Fact]
    public async Task Seed_002_a_lookbook_shows_the_main_exhibit_to_everyone_and_behind_the_scenes_to_members()
    {
        await using var host = await MediaKitHost.StartAsync();
        var finals = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            finals.Add(await UploadAsync(host, 10 + i));
        }

        var (setup, artist) = (await UploadAsync(host, 20), await UploadAsync(host, 21));

        var main = await WithGroupsAsync(host, g => g.CreateAsync("Summer 2026 Lookbook", "The polished, final images"));
        var making = await WithGroupsAsync(host, g => g.CreateAsync("Summer 2026 making of", "The setup and the artist at work"));
        foreach (var id in finals)
        {
            await WithGroupsAsync(host, g => g.AddItemAsync(main.Id, id));
        }

        await WithGroupsAsync(host, g => g.SetItemsAsync(making.Id, [artist, setup]));
        await WithGroupsAsync(host, g => g.MoveItemAsync(main.Id, finals[3], 0));

        var lookbook = await WithGalleriesAsync(host, g => g.CreateAsync("Summer 2026"));
        await WithGalleriesAsync(host, g => g.LinkAsync(lookbook.Id, making.Id, "behind_the_scenes", MediaGalleryVisibility.MembersOnly));
        await WithGalleriesAsync(host, g => g.LinkAsync(lookbook.Id, main.Id, "main_exhibit", MediaGalleryVisibility.Public, position: 0));

        var publicPage = await WithGalleriesAsync(host, g => g.GetAsync(lookbook.Id));
        var memberPage = await WithGalleriesAsync(host, g => g.GetAsync(lookbook.Id, includeMembersOnly: true));

        var exhibit = Assert.Single(publicPage!.Groups);
        Assert.Equal("main_exhibit", exhibit.Role);
        Assert.Equal("Summer 2026 Lookbook", exhibit.Group.Name);
        Assert.Equal([finals[3], finals[0], finals[1], finals[2]], exhibit.Items.Select(i => i.Id));
        Assert.All(exhibit.Items, i => Assert.Equal("image/png", i.ContentType));
        Assert.Equal(["main_exhibit", "behind_the_scenes"], memberPage!.Groups.Select(x => x.Role));
        Assert.Equal([artist, setup], memberPage.Groups[1].Items.Select(i => i.Id));
        Assert.Equal(MediaGalleryVisibility.MembersOnly, memberPage.Groups[1].Visibility);
    }

    private static async Task<Guid> UploadAsync(MediaKitHost host, int seed)
        => (await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("images", $"p{seed}.png", new MemoryStream(TestFiles.Png(1000 + seed)))))).Id;

    private static async Task<MediaGroup> GroupWithAsync(MediaKitHost host, string name, IReadOnlyList<Guid> assetIds)
    {
        var group = await WithGroupsAsync(host, g => g.CreateAsync(name));
        Assert.True(await WithGroupsAsync(host, g => g.SetItemsAsync(group.Id, assetIds)));
        return group;
    }

    /// <summary>Asserts the order through the API and that the stored positions are exactly 0..n-1.</summary>
    private static async Task AssertItemsAsync(MediaKitHost host, Guid groupId, Guid[] expected, bool storedContiguous = true)
    {
        var group = await WithGroupsAsync(host, g => g.GetAsync(groupId));
        Assert.NotNull(group);
        Assert.Equal(expected, group.Items.Select(i => i.AssetId));
        Assert.Equal(Enumerable.Range(0, expected.Length), group.Items.Select(i => i.Position));
        if (storedContiguous)
        {
            Assert.Equal(Enumerable.Range(0, expected.Length), (await StoredPositionsAsync(host, groupId)).Order());
        }
    }

    private static async Task<List<int>> StoredPositionsAsync(MediaKitHost host, Guid groupId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        return await db.Set<MediaGroupItem>().Where(i => i.GroupId == groupId).Select(i => i.Position).ToListAsync();
    }

    private static async Task<T> WithGroupsAsync<T>(MediaKitHost host, Func<IMediaGroups, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IMediaGroups>());
    }

    private static Task WithGroupsAsync(MediaKitHost host, Func<IMediaGroups, Task> action)
        => WithGroupsAsync(host, async g => { await action(g); return true; });

    private static async Task<T> WithGalleriesAsync<T>(MediaKitHost host, Func<IMediaGalleries, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IMediaGalleries>());
    }
}
