using Microsoft.EntityFrameworkCore;

namespace MediaKit.EfCore.Tests;

public sealed class EfMediaCatalogTests_on_Sqlite() : EfMediaCatalogTests(new SqliteTestDatabase());

public sealed class EfMediaCatalogTests_on_PostgreSql(PostgreSqlDatabase database)
    : EfMediaCatalogTests(new PostgreSqlTestDatabase(database)), IClassFixture<PostgreSqlDatabase>;

/// <summary>Run on every provider by the subclasses above.</summary>
public abstract class EfMediaCatalogTests(TestDatabase db) : IAsyncLifetime
{
    private readonly TestDatabase _db = db;

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [DatabaseFact]
    public async Task Add_then_Find_returns_the_asset_with_its_variants_ordered_by_name()
    {
        var asset = _db.NewAsset(configure: a => { a.Title = "Red shoe"; a.Tags = ["red", "shoes"]; });
        asset.Variants.Add(TestDatabase.Variant(asset, "thumb-600"));
        asset.Variants.Add(TestDatabase.Variant(asset, "thumb-300"));
        await using (var context = _db.NewContext())
        {
            await TestDatabase.Catalog(context).AddAsync(asset, CancellationToken.None);
        }

        await using var read = _db.NewContext();
        var found = await TestDatabase.Catalog(read).FindAsync("t1", asset.Id, includeDeleted: false, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal("Red shoe", found.Title);
        Assert.Equal(["red", "shoes"], found.Tags);
        Assert.Equal(asset.ConcurrencyStamp, found.ConcurrencyStamp);
        Assert.Equal(["thumb-300", "thumb-600"], found.Variants.Select(v => v.Name));
        Assert.Equal(EntityState.Unchanged, read.Entry(found).State);
    }

    [DatabaseFact]
    public async Task Find_with_another_tenants_id_behaves_like_a_missing_id()
    {
        var asset = _db.NewAsset(tenantId: "t1");
        await _db.SeedAsync(asset);
        await using var context = _db.NewContext();
        var catalog = TestDatabase.Catalog(context);

        Assert.Null(await catalog.FindAsync("t2", asset.Id, includeDeleted: true, CancellationToken.None));
        Assert.Null(await catalog.FindAsync("t1", Guid.CreateVersion7(), includeDeleted: true, CancellationToken.None));
        Assert.NotNull(await catalog.FindAsync("t1", asset.Id, includeDeleted: false, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Find_hides_an_asset_in_the_trash_unless_deleted_ones_are_asked_for()
    {
        var asset = _db.NewAsset(configure: a => a.DeletedAt = a.CreatedAt.AddMinutes(5));
        await _db.SeedAsync(asset);
        await using var context = _db.NewContext();
        var catalog = TestDatabase.Catalog(context);

        Assert.Null(await catalog.FindAsync("t1", asset.Id, includeDeleted: false, CancellationToken.None));
        Assert.Equal(asset.Id, (await catalog.FindAsync("t1", asset.Id, includeDeleted: true, CancellationToken.None))?.Id);
    }

    [DatabaseFact]
    public async Task A_failed_Add_leaves_nothing_behind_for_the_hosts_next_SaveChanges()
    {
        var first = _db.NewAsset();
        await _db.SeedAsync(first);
        var clash = _db.NewAsset(configure: a => a.StorageKey = first.StorageKey);
        clash.Variants.Add(TestDatabase.Variant(clash, "thumb"));
        await using var context = _db.NewContext();

        await Assert.ThrowsAsync<DbUpdateException>(() => TestDatabase.Catalog(context).AddAsync(clash, CancellationToken.None));
        Assert.Single(clash.Variants);
        Assert.Empty(context.ChangeTracker.Entries());
        context.Orders.Add(new HostOrder { PlacedAt = first.CreatedAt });
        await context.SaveChangesAsync();

        await using var read = _db.NewContext();
        Assert.Equal([first.Id], await read.Set<MediaAsset>().Select(a => a.Id).ToListAsync());
        Assert.Empty(await read.Set<MediaVariant>().ToListAsync());
        Assert.Equal(1, await read.Orders.CountAsync());
    }

    [DatabaseFact]
    public async Task FindByContentHash_returns_the_live_asset_of_the_same_tenant_and_collection_only()
    {
        const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        var deleted = _db.NewAsset(configure: a => { a.Sha256 = Sha; a.DeletedAt = a.CreatedAt; });
        var otherTenant = _db.NewAsset(tenantId: "t2", configure: a => a.Sha256 = Sha);
        var otherCollection = _db.NewAsset(collection: "banners", configure: a => a.Sha256 = Sha);
        var live = _db.NewAsset(configure: a => a.Sha256 = Sha);
        live.Variants.Add(TestDatabase.Variant(live, "thumb"));
        await _db.SeedAsync(deleted, otherTenant, otherCollection, live);
        await using var context = _db.NewContext();
        var catalog = TestDatabase.Catalog(context);

        var found = await catalog.FindByContentHashAsync("t1", "products", Sha, CancellationToken.None);

        Assert.Equal(live.Id, found?.Id);
        Assert.Single(found!.Variants);
        Assert.Null(await catalog.FindByContentHashAsync("t3", "products", Sha, CancellationToken.None));
        Assert.Equal(otherCollection.Id, (await catalog.FindByContentHashAsync("t1", "banners", Sha, CancellationToken.None))?.Id);
    }

    [DatabaseFact]
    public async Task FindByContentHash_finds_nothing_when_the_only_match_is_in_the_trash()
    {
        var deleted = _db.NewAsset(configure: a => a.DeletedAt = a.CreatedAt);
        await _db.SeedAsync(deleted);
        await using var context = _db.NewContext();

        Assert.Null(await TestDatabase.Catalog(context).FindByContentHashAsync("t1", "products", deleted.Sha256, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Update_persists_changes_and_variants_added_to_a_found_asset_and_renews_the_stamp()
    {
        var asset = _db.NewAsset();
        await _db.SeedAsync(asset);
        await using (var context = _db.NewContext())
        {
            var catalog = TestDatabase.Catalog(context);
            var found = (await catalog.FindAsync("t1", asset.Id, includeDeleted: false, CancellationToken.None))!;
            found.Title = "Renamed";
            found.Tags.Add("sale");
            found.DeletedAt = found.CreatedAt.AddHours(1);
            found.Variants.Add(TestDatabase.Variant(found, "poster"));
            await catalog.UpdateAsync(found, CancellationToken.None);
        }

        await using var read = _db.NewContext();
        var saved = await TestDatabase.Catalog(read).FindAsync("t1", asset.Id, includeDeleted: true, CancellationToken.None);
        Assert.Equal("Renamed", saved!.Title);
        Assert.Equal(["sale"], saved.Tags);
        Assert.Equal(asset.CreatedAt.AddHours(1), saved.DeletedAt);
        Assert.Equal(["poster"], saved.Variants.Select(v => v.Name));
        Assert.NotEqual(asset.ConcurrencyStamp, saved.ConcurrencyStamp);
    }

    [DatabaseFact]
    public async Task A_stale_concurrent_Update_throws_a_concurrency_exception_and_the_first_update_wins()
    {
        var asset = _db.NewAsset();
        await _db.SeedAsync(asset);
        await using var first = _db.NewContext();
        await using var second = _db.NewContext();
        var firstCatalog = TestDatabase.Catalog(first);
        var secondCatalog = TestDatabase.Catalog(second);
        var mine = (await firstCatalog.FindAsync("t1", asset.Id, false, CancellationToken.None))!;
        var theirs = (await secondCatalog.FindAsync("t1", asset.Id, false, CancellationToken.None))!;

        mine.Title = "first";
        await firstCatalog.UpdateAsync(mine, CancellationToken.None);
        theirs.Title = "second";

        await Assert.ThrowsAsync<MediaConcurrencyException>(() => secondCatalog.UpdateAsync(theirs, CancellationToken.None));
        await using var read = _db.NewContext();
        Assert.Equal("first", (await read.Set<MediaAsset>().SingleAsync()).Title);
    }

    [DatabaseFact]
    public async Task Update_of_an_asset_read_in_another_context_saves_it_and_still_checks_the_stamp()
    {
        var asset = _db.NewAsset();
        await _db.SeedAsync(asset);
        MediaAsset detached;
        await using (var reader = _db.NewContext())
        {
            detached = (await TestDatabase.Catalog(reader).FindAsync("t1", asset.Id, false, CancellationToken.None))!;
        }

        var stale = new MediaAsset { Id = detached.Id, TenantId = "t1", ConcurrencyStamp = detached.ConcurrencyStamp };
        detached.AltText = "A red shoe";
        await using (var writer = _db.NewContext())
        {
            await TestDatabase.Catalog(writer).UpdateAsync(detached, CancellationToken.None);
        }

        await using var late = _db.NewContext();
        await Assert.ThrowsAsync<MediaConcurrencyException>(() => TestDatabase.Catalog(late).UpdateAsync(stale, CancellationToken.None));
        await using var read = _db.NewContext();
        Assert.Equal("A red shoe", (await read.Set<MediaAsset>().SingleAsync()).AltText);
    }

    [DatabaseFact]
    public async Task Remove_cascades_to_variants_usages_group_items_and_share_links_but_keeps_the_audit_trail()
    {
        var doomed = _db.NewAsset();
        doomed.Variants.Add(TestDatabase.Variant(doomed, "thumb"));
        var kept = _db.NewAsset();
        kept.Variants.Add(TestDatabase.Variant(kept, "thumb"));
        var group = new MediaGroup { Id = Guid.NewGuid(), TenantId = "t1", Name = "Lookbook" };
        await using (var context = _db.NewContext())
        {
            context.AddRange(doomed, kept, group);
            foreach (var asset in new[] { doomed, kept })
            {
                context.Add(new MediaUsage { Id = Guid.NewGuid(), TenantId = "t1", AssetId = asset.Id, ResourceType = "product", ResourceId = "42", Field = "gallery" });
                context.Add(new MediaGroupItem { GroupId = group.Id, AssetId = asset.Id });
                context.Add(new MediaShareLink { Id = Guid.NewGuid(), TenantId = "t1", AssetId = asset.Id, TokenHash = asset.Id.ToString("N") });
                context.Add(new MediaAuditEntry { Id = Guid.NewGuid(), TenantId = "t1", AssetId = asset.Id, Action = "asset.uploaded" });
            }

            await context.SaveChangesAsync();
        }

        await using (var context = _db.NewContext())
        {
            var catalog = TestDatabase.Catalog(context);
            var found = (await catalog.FindAsync("t1", doomed.Id, includeDeleted: true, CancellationToken.None))!;
            await catalog.RemoveAsync(found, CancellationToken.None);
        }

        await using var read = _db.NewContext();
        Assert.Equal([kept.Id], await read.Set<MediaAsset>().Select(a => a.Id).ToListAsync());
        Assert.Equal([kept.Id], await read.Set<MediaVariant>().Select(v => v.AssetId).ToListAsync());
        Assert.Equal([kept.Id], await read.Set<MediaUsage>().Select(u => u.AssetId).ToListAsync());
        Assert.Equal([kept.Id], await read.Set<MediaGroupItem>().Select(i => i.AssetId).ToListAsync());
        Assert.Equal([kept.Id], await read.Set<MediaShareLink>().Select(l => l.AssetId).ToListAsync());
        Assert.Equal(2, await read.Set<MediaAuditEntry>().CountAsync());
    }

    [DatabaseFact]
    public async Task FindKnownStorageKeys_finds_asset_and_variant_keys_of_every_tenant_and_no_unknown_key()
    {
        var a1 = _db.NewAsset(tenantId: "t1");
        a1.Variants.Add(TestDatabase.Variant(a1, "thumb"));
        var a2 = _db.NewAsset(tenantId: "t2");
        a2.Variants.Add(TestDatabase.Variant(a2, "poster"));
        var notAsked = _db.NewAsset(tenantId: "t3");
        await _db.SeedAsync(a1, a2, notAsked);
        var known = new[] { a1.StorageKey, a1.Variants[0].StorageKey, a2.StorageKey, a2.Variants[0].StorageKey };

        // More unknown keys than one batch holds, with the known ones at the end, so a later batch must find them.
        var asked = Enumerable.Range(0, 1200).Select(i => $"t1/products/unknown-{i}.bin")
            .Append(a1.StorageKey.ToUpperInvariant())
            .Concat(known)
            .ToList();
        await using var context = _db.NewContext();

        var found = await TestDatabase.Catalog(context).FindKnownStorageKeysAsync(asked, CancellationToken.None);

        Assert.Equal(known.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
    }
}
