using Microsoft.EntityFrameworkCore;

namespace MediaKit.EfCore.Tests;

public sealed class EfMediaCatalogQueryTests_on_Sqlite() : EfMediaCatalogQueryTests(new SqliteTestDatabase());

public sealed class EfMediaCatalogQueryTests_on_PostgreSql(PostgreSqlDatabase database)
    : EfMediaCatalogQueryTests(new PostgreSqlTestDatabase(database)), IClassFixture<PostgreSqlDatabase>;

/// <summary>Run on every provider by the subclasses above.</summary>
public abstract class EfMediaCatalogQueryTests(TestDatabase db) : IAsyncLifetime
{
    private readonly TestDatabase _db = db;

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    public static TheoryData<MediaSortBy, bool> EverySort => new()
    {
        { MediaSortBy.CreatedAt, false },
        { MediaSortBy.CreatedAt, true },
        { MediaSortBy.FileName, false },
        { MediaSortBy.FileName, true },
        { MediaSortBy.Length, false },
        { MediaSortBy.Length, true },
    };

    [DatabaseFact]
    public async Task Query_lists_only_live_assets_of_the_given_tenant()
    {
        var mine = _db.NewAsset(tenantId: "t1");
        var trashed = _db.NewAsset(tenantId: "t1", configure: a => a.DeletedAt = a.CreatedAt);
        var theirs = _db.NewAsset(tenantId: "t2");
        await _db.SeedAsync(mine, trashed, theirs);

        Assert.Equal([mine.Id], await IdsAsync(new MediaQuery()));
    }

    [DatabaseFact]
    public async Task Query_with_Trash_lists_only_assets_in_the_trash()
    {
        var live = _db.NewAsset();
        var trashed = _db.NewAsset(configure: a => a.DeletedAt = a.CreatedAt);
        var theirTrash = _db.NewAsset(tenantId: "t2", configure: a => a.DeletedAt = a.CreatedAt);
        await _db.SeedAsync(live, trashed, theirTrash);

        Assert.Equal([trashed.Id], await IdsAsync(new MediaQuery { Trash = true }));
    }

    [DatabaseFact]
    public async Task Query_filters_by_collection()
    {
        var product = _db.NewAsset(collection: "products");
        var banner = _db.NewAsset(collection: "banners");
        var theirBanner = _db.NewAsset(tenantId: "t2", collection: "banners");
        await _db.SeedAsync(product, banner, theirBanner);

        Assert.Equal([banner.Id], await IdsAsync(new MediaQuery { Collection = "banners" }));
    }

    [DatabaseFact]
    public async Task Query_filters_by_kind()
    {
        var image = _db.NewAsset();
        var video = _db.NewAsset(configure: a => a.Kind = MediaKind.Video);
        await _db.SeedAsync(image, video);

        Assert.Equal([video.Id], await IdsAsync(new MediaQuery { Kind = MediaKind.Video }));
        Assert.Equal([image.Id], await IdsAsync(new MediaQuery { Kind = MediaKind.Image }));
    }

    [DatabaseFact]
    public async Task Query_filters_by_a_whole_tag_not_a_substring_of_one()
    {
        var red = _db.NewAsset(configure: a => a.Tags = ["summer", "red"]);
        var redwood = _db.NewAsset(configure: a => a.Tags = ["redwood"]);
        var untagged = _db.NewAsset();
        await _db.SeedAsync(red, redwood, untagged);

        Assert.Equal([red.Id], await IdsAsync(new MediaQuery { Tag = "red" }));
    }

    [DatabaseFact]
    public async Task Query_filters_by_uploader()
    {
        var alice = _db.NewAsset(configure: a => a.UploadedBy = "alice");
        var bob = _db.NewAsset(configure: a => a.UploadedBy = "bob");
        var nobody = _db.NewAsset();
        await _db.SeedAsync(alice, bob, nobody);

        Assert.Equal([bob.Id], await IdsAsync(new MediaQuery { UploadedBy = "bob" }));
    }

    [DatabaseFact]
    public async Task Query_filters_by_review_status()
    {
        var ready = _db.NewAsset();
        var pending = _db.NewAsset(configure: a => a.Status = MediaAssetStatus.PendingReview);
        var rejected = _db.NewAsset(configure: a => a.Status = MediaAssetStatus.Rejected);
        await _db.SeedAsync(ready, pending, rejected);

        Assert.Equal([pending.Id], await IdsAsync(new MediaQuery { Status = MediaAssetStatus.PendingReview }));
    }

    [DatabaseFact]
    public async Task Query_date_range_includes_its_start_and_excludes_its_end_whatever_the_offset()
    {
        var t0 = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var assets = Enumerable.Range(0, 4).Select(i => _db.NewAsset(configure: a => a.CreatedAt = t0.AddHours(i))).ToArray();
        await _db.SeedAsync(assets);

        // 10:00+01:00 is 09:00Z (assets[1]); 07:00-04:00 is 11:00Z (assets[3]).
        var query = new MediaQuery
        {
            CreatedFrom = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)),
            CreatedTo = new DateTimeOffset(2026, 3, 1, 7, 0, 0, TimeSpan.FromHours(-4)),
        };

        Assert.Equal([assets[2].Id, assets[1].Id], await IdsAsync(query));
    }

    [DatabaseTheory]
    [InlineData("BEACH")]
    [InlineData("bEaCh")]
    [InlineData("  beach ")]
    public async Task Query_searches_file_name_title_and_alt_text_case_insensitively(string search)
    {
        var byName = _db.NewAsset(fileName: "Beach-Day.jpg");
        var byTitle = _db.NewAsset(fileName: "img_001.jpg", configure: a => a.Title = "Sunset at the Beach");
        var byAlt = _db.NewAsset(fileName: "img_002.jpg", configure: a => a.AltText = "A BEACH ball on sand");
        var neither = _db.NewAsset(fileName: "mountain.jpg", configure: a => { a.Title = "Peak"; a.AltText = "Snow"; });
        var theirs = _db.NewAsset(tenantId: "t2", fileName: "beach.jpg");
        await _db.SeedAsync(byName, byTitle, byAlt, neither, theirs);

        var ids = await IdsAsync(new MediaQuery { Search = search });

        Assert.Equal([byAlt.Id, byTitle.Id, byName.Id], ids);
    }

    [DatabaseTheory]
    [InlineData("100%", "sale 100% off.png")]
    [InlineData("a_b", "a_b.png")]
    [InlineData("c\\d", "c\\d.png")]
    public async Task Query_search_treats_wildcards_and_backslashes_in_the_term_literally(string search, string expected)
    {
        var names = new[] { "sale 100% off.png", "sale 1000 off.png", "a_b.png", "axb.png", "c\\d.png", "cd.png" };
        var assets = names.Select(n => _db.NewAsset(fileName: n)).ToArray();
        await _db.SeedAsync(assets);

        Assert.Equal([assets[Array.IndexOf(names, expected)].Id], await IdsAsync(new MediaQuery { Search = search }));
    }

    [DatabaseFact]
    public async Task Query_combines_filters()
    {
        var match = _db.NewAsset(collection: "banners", fileName: "hero.png", configure: a => { a.Tags = ["home"]; a.UploadedBy = "alice"; });
        var wrongUploader = _db.NewAsset(collection: "banners", fileName: "hero2.png", configure: a => { a.Tags = ["home"]; a.UploadedBy = "bob"; });
        var wrongTag = _db.NewAsset(collection: "banners", fileName: "hero3.png", configure: a => a.UploadedBy = "alice");
        await _db.SeedAsync(match, wrongUploader, wrongTag);

        Assert.Equal([match.Id], await IdsAsync(new MediaQuery { Collection = "banners", Tag = "home", UploadedBy = "alice", Search = "HERO" }));
    }

    [DatabaseTheory]
    [MemberData(nameof(EverySort))]
    public async Task Query_with_a_cursor_walks_every_asset_once_when_sort_keys_tie(MediaSortBy sortBy, bool descending)
    {
        var all = await SeedTiedAsync();
        var walked = new List<MediaAsset>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await QueryAsync(new MediaQuery { SortBy = sortBy, Descending = descending, Limit = 4, Cursor = cursor });
            Assert.InRange(page.Items.Count, 1, 4);
            Assert.Null(page.TotalCount);
            walked.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 20);

        // 25 assets in pages of 4: six full pages and one of one, and no empty page at the end.
        Assert.Equal(7, pages);
        Assert.Equal(all.Select(a => a.Id).Order(), walked.Select(a => a.Id).Order());
        var oneGo = await QueryAsync(new MediaQuery { SortBy = sortBy, Descending = descending, Limit = MediaQuery.MaxLimit });
        Assert.Equal(oneGo.Items.Select(a => a.Id), walked.Select(a => a.Id));
        Assert.Null(oneGo.NextCursor);
        Assert.Equal(ExpectedKeyOrder(all, sortBy, descending), walked.Select(a => Key(a, sortBy)));
    }

    [DatabaseFact]
    public async Task Query_keeps_sort_keys_in_order_and_breaks_ties_by_id_in_the_same_direction()
    {
        var all = await SeedTiedAsync();
        var ascending = (await QueryAsync(new MediaQuery { SortBy = MediaSortBy.Length, Descending = false, Limit = 100 })).Items;
        var descending = (await QueryAsync(new MediaQuery { SortBy = MediaSortBy.Length, Descending = true, Limit = 100 })).Items;

        Assert.Equal(all.Count, ascending.Count);
        Assert.Equal(ascending.Select(a => a.Length).Order(), ascending.Select(a => a.Length));
        Assert.Equal(
            ascending.Select(a => a.Id).Reverse(),
            descending.Select(a => a.Id));
    }

    [DatabaseFact]
    public async Task Query_items_carry_their_variants()
    {
        var asset = _db.NewAsset();
        asset.Variants.Add(TestDatabase.Variant(asset, "thumb"));
        await _db.SeedAsync(asset);

        var page = await QueryAsync(new MediaQuery());

        Assert.Equal(["thumb"], page.Items.Single().Variants.Select(v => v.Name));
    }

    [DatabaseFact]
    public async Task Query_by_page_number_returns_that_page_and_the_total()
    {
        var all = await SeedTiedAsync();
        var expected = (await QueryAsync(new MediaQuery { SortBy = MediaSortBy.FileName, Descending = false, Limit = 100 })).Items;

        var second = await QueryAsync(new MediaQuery { SortBy = MediaSortBy.FileName, Descending = false, Limit = 10, Page = 2 });
        var last = await QueryAsync(new MediaQuery { SortBy = MediaSortBy.FileName, Descending = false, Limit = 10, Page = 3 });
        var beyond = await QueryAsync(new MediaQuery { SortBy = MediaSortBy.FileName, Descending = false, Limit = 10, Page = 9 });

        Assert.Equal(all.Count, second.TotalCount);
        Assert.Equal(expected.Skip(10).Take(10).Select(a => a.Id), second.Items.Select(a => a.Id));
        Assert.Null(second.NextCursor);
        Assert.Equal(expected.Skip(20).Select(a => a.Id), last.Items.Select(a => a.Id));
        Assert.Empty(beyond.Items);
        Assert.Equal(all.Count, beyond.TotalCount);
    }

    [DatabaseFact]
    public async Task Query_by_page_number_counts_only_what_the_filters_match()
    {
        await SeedTiedAsync();
        await _db.SeedAsync(_db.NewAsset(tenantId: "t2"), _db.NewAsset(configure: a => a.DeletedAt = a.CreatedAt));

        var page = await QueryAsync(new MediaQuery { Kind = MediaKind.Image, Limit = 10, Page = 1 });

        Assert.Equal(25, page.TotalCount);
        Assert.Equal(10, page.Items.Count);
    }

    [DatabaseTheory]
    [InlineData("not a cursor!")]
    [InlineData("aGVsbG8")]
    [InlineData("MXwwfGR8bm90LWEtZ3VpZHwxMjM")]
    [InlineData("")]
    public async Task Query_with_a_malformed_cursor_is_an_invalid_request(string cursor)
    {
        await SeedTiedAsync();

        var error = await Assert.ThrowsAsync<MediaException>(() => QueryAsync(new MediaQuery { Cursor = cursor }));

        Assert.Equal(MediaErrorCodes.InvalidRequest, error.Code);
    }

    [DatabaseTheory]
    [InlineData(MediaSortBy.FileName, true)]
    [InlineData(MediaSortBy.Length, true)]
    [InlineData(MediaSortBy.CreatedAt, false)]
    public async Task Query_with_a_cursor_from_another_sort_is_an_invalid_request(MediaSortBy sortBy, bool descending)
    {
        await SeedTiedAsync();
        var first = await QueryAsync(new MediaQuery { SortBy = MediaSortBy.CreatedAt, Descending = true, Limit = 4 });
        Assert.NotNull(first.NextCursor);

        var error = await Assert.ThrowsAsync<MediaException>(
            () => QueryAsync(new MediaQuery { SortBy = sortBy, Descending = descending, Limit = 4, Cursor = first.NextCursor }));

        Assert.Equal(MediaErrorCodes.InvalidRequest, error.Code);
    }

    [DatabaseFact]
    public async Task A_file_name_cursor_survives_names_with_separators_and_non_ASCII_letters()
    {
        var names = new[] { "a|b|c.jpg", "a|b|c.jpg", "été|2026.png", "zz.png", "a|b.jpg" };
        await _db.SeedAsync(names.Select(n => _db.NewAsset(fileName: n)).ToArray());

        var walked = new List<string>();
        string? cursor = null;
        do
        {
            var page = await QueryAsync(new MediaQuery { SortBy = MediaSortBy.FileName, Descending = false, Limit = 1, Cursor = cursor });
            walked.AddRange(page.Items.Select(a => a.FileName));
            cursor = page.NextCursor;
        }
        while (cursor is not null && walked.Count < 10);

        Assert.Equal(names.Order(StringComparer.Ordinal), walked);
    }

    private async Task<List<MediaAsset>> SeedTiedAsync()
    {
        // 25 assets: five distinct sizes, names and creation times, each shared by five assets, spread so ties are not adjacent by id.
        var start = _db.Time.GetUtcNow();
        var all = Enumerable.Range(0, 25)
            .Select(i => _db.NewAsset(fileName: $"file-{(i * 3) % 5}.jpg", configure: a =>
            {
                a.Length = 1000 * (1 + ((i * 2) % 5));
                a.CreatedAt = start.AddMinutes(i % 5);
            }))
            .ToList();
        await _db.SeedAsync([.. all]);
        return all;
    }

    private static IEnumerable<object> ExpectedKeyOrder(List<MediaAsset> all, MediaSortBy sortBy, bool descending)
    {
        var keys = all.Select(a => Key(a, sortBy));
        return (descending ? keys.OrderDescending(KeyComparer.Instance) : keys.Order(KeyComparer.Instance)).ToList();
    }

    private static object Key(MediaAsset asset, MediaSortBy sortBy) => sortBy switch
    {
        MediaSortBy.CreatedAt => asset.CreatedAt.UtcTicks,
        MediaSortBy.FileName => asset.FileName,
        _ => asset.Length,
    };

    private async Task<MediaPage<MediaAsset>> QueryAsync(MediaQuery query)
    {
        await using var context = _db.NewContext();
        var page = await TestDatabase.Catalog(context).QueryAsync("t1", query, CancellationToken.None);
        Assert.Empty(context.ChangeTracker.Entries());
        return page;
    }

    private async Task<List<Guid>> IdsAsync(MediaQuery query)
        => (await QueryAsync(query)).Items.Select(a => a.Id).ToList();

    private sealed class KeyComparer : IComparer<object>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (string a, string b) => string.CompareOrdinal(a, b),
            (long a, long b) => a.CompareTo(b),
            _ => throw new InvalidOperationException(),
        };
    }
}
