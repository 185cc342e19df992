using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MediaKit.EfCore.Tests;

public sealed class ModelTests_on_Sqlite() : ModelTests(new SqliteTestDatabase());

public sealed class ModelTests_on_PostgreSql(PostgreSqlDatabase database)
    : ModelTests(new PostgreSqlTestDatabase(database)), IClassFixture<PostgreSqlDatabase>;

/// <summary>Run on every provider by the subclasses above.</summary>
public abstract class ModelTests(TestDatabase db) : IAsyncLifetime
{
    private static readonly Type[] s_mediaKitTypes =
    [
        typeof(MediaAsset), typeof(MediaVariant), typeof(MediaUsage), typeof(MediaGroup), typeof(MediaGroupItem),
        typeof(MediaGallery), typeof(MediaGalleryGroup), typeof(MediaShareLink), typeof(MediaAuditEntry),
    ];

    private readonly TestDatabase _db = db;

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [DatabaseFact]
    public async Task AddMediaKit_creates_every_table_with_the_media_prefix_next_to_the_hosts_own()
    {
        var tables = await _db.TableNamesAsync();

        Assert.Equal(
            ["media_asset_versions", "media_assets", "media_audit", "media_galleries", "media_gallery_groups", "media_group_items", "media_groups", "media_job_leases", "media_quota_locks", "media_share_links", "media_usages", "media_variants", "orders"],
            tables);
    }

    [DatabaseFact]
    public async Task A_custom_prefix_names_every_table()
    {
        var before = await _db.TableNamesAsync();
        await using var context = new PrefixedDbContext(_db.Options<PrefixedDbContext>());

        // Next to the store's tables: EnsureCreated would see tables and do nothing.
        await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();

        var created = (await _db.TableNamesAsync()).Except(before).ToList();
        if (_db.IsPostgreSql)
        {
            // A PostgreSQL database serves the whole test class; the other tests expect the store's tables only.
            await _db.ScalarAsync($"DROP TABLE {string.Join(", ", created.Select(t => $"\"{t}\""))} CASCADE");
        }

        Assert.Equal(
            ["lib_asset_versions", "lib_assets", "lib_audit", "lib_galleries", "lib_gallery_groups", "lib_group_items", "lib_groups", "lib_job_leases", "lib_quota_locks", "lib_share_links", "lib_usages", "lib_variants"],
            created);
    }

    [DatabaseFact]
    public async Task The_same_asset_cannot_be_used_twice_in_one_field_of_one_entity()
    {
        var asset = _db.NewAsset();
        await _db.SeedAsync(asset);
        await using var context = _db.NewContext();
        context.Add(Usage(asset, "product", "42", "gallery", 0));
        context.Add(Usage(asset, "product", "42", "thumbnail", 0));
        await context.SaveChangesAsync();

        context.Add(Usage(asset, "product", "42", "gallery", 1));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        Assert.True(_db.IsUniqueViolation(error.InnerException!), error.InnerException!.Message);
    }

    [DatabaseFact]
    public void Every_query_of_the_catalog_has_an_index()
    {
        using var context = _db.NewContext();
        var assets = context.Model.FindEntityType(typeof(MediaAsset))!;
        string[] searchIndexes = _db.IsPostgreSql ? ["AltTextLower", "FileNameLower", "TitleLower"] : [];

        Assert.Equal(
            new[]
            {
                "ExpiresAt",
                "StorageKey (unique)",
                "StoreName,Id",
                "TenantId,Collection,Sha256",
                "TenantId,DeletedAt,CreatedAt,Id",
                "TenantId,DeletedAt,Length,Id",
                "TenantId,Status",
                "TenantId,UploadedBy",
            }.Concat(searchIndexes).Order(StringComparer.Ordinal),
            Describe(assets));
        Assert.Contains("StorageKey (unique)", Describe(context.Model.FindEntityType(typeof(MediaVariant))!));
        Assert.Contains("AssetId,ResourceType,ResourceId,Field (unique)", Describe(context.Model.FindEntityType(typeof(MediaUsage))!));
        Assert.Contains("TenantId,ResourceType,ResourceId,Field,Position", Describe(context.Model.FindEntityType(typeof(MediaUsage))!));
        Assert.Contains("GroupId,Position", Describe(context.Model.FindEntityType(typeof(MediaGroupItem))!));
        Assert.Contains("TokenHash (unique)", Describe(context.Model.FindEntityType(typeof(MediaShareLink))!));
        Assert.Contains("TenantId,AssetId", Describe(context.Model.FindEntityType(typeof(MediaShareLink))!));
        Assert.Contains("TenantId,AssetId,At", Describe(context.Model.FindEntityType(typeof(MediaAuditEntry))!));
    }

    [DatabaseFact]
    public void Audit_entries_have_no_foreign_key_so_they_outlive_the_asset()
    {
        using var context = _db.NewContext();

        Assert.Empty(context.Model.FindEntityType(typeof(MediaAuditEntry))!.GetForeignKeys());
    }

    [DatabaseFact]
    public void Enums_are_stored_as_short_strings_and_lengths_are_bounded()
    {
        using var context = _db.NewContext();
        var asset = context.Model.FindEntityType(typeof(MediaAsset))!;

        Assert.Equal(typeof(string), asset.FindProperty(nameof(MediaAsset.Kind))!.GetProviderClrType());
        Assert.Equal(32, asset.FindProperty(nameof(MediaAsset.Status))!.GetMaxLength());
        Assert.Equal(128, asset.FindProperty(nameof(MediaAsset.TenantId))!.GetMaxLength());
        Assert.Equal(1024, asset.FindProperty(nameof(MediaAsset.FileName))!.GetMaxLength());
        Assert.True(asset.FindProperty(nameof(MediaAsset.Sha256))!.IsFixedLength());
        Assert.True(asset.FindProperty(nameof(MediaAsset.ConcurrencyStamp))!.IsConcurrencyToken);
        Assert.Null(asset.FindProperty(nameof(MediaAsset.IsDeleted)));
        Assert.Equal(ValueGenerated.Never, asset.FindProperty(nameof(MediaAsset.Id))!.ValueGenerated);
        Assert.Equal(typeof(string), context.Model.FindEntityType(typeof(MediaGalleryGroup))!.FindProperty(nameof(MediaGalleryGroup.Visibility))!.GetProviderClrType());
    }

    [DatabaseFact]
    public void Every_DateTimeOffset_of_MediaKit_is_stored_as_a_DateTime_and_the_hosts_own_are_left_alone()
    {
        using var context = _db.NewContext();
        var mediaKitDates = s_mediaKitTypes
            .SelectMany(t => context.Model.FindEntityType(t)!.GetProperties())
            .Where(p => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType) == typeof(DateTimeOffset))
            .ToList();

        Assert.Equal(14, mediaKitDates.Count);
        Assert.All(mediaKitDates, p => Assert.Equal(typeof(DateTime), p.GetTypeMapping().Converter?.ProviderClrType));
        Assert.Null(context.Model.FindEntityType(typeof(HostOrder))!.FindProperty(nameof(HostOrder.PlacedAt))!.GetTypeMapping().Converter);
    }

    [DatabaseFact]
    public async Task Every_DateTimeOffset_round_trips_as_the_same_instant_in_UTC()
    {
        var plus5 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(5));
        var minus3 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(-3));
        var asset = _db.NewAsset(configure: a => { a.CreatedAt = plus5; a.UpdatedAt = minus3; a.ExpiresAt = plus5.AddDays(1); a.DeletedAt = minus3.AddMinutes(1); });
        var variant = TestDatabase.Variant(asset, "thumb");
        variant.CreatedAt = minus3.AddSeconds(2);
        asset.Variants.Add(variant);
        var group = new MediaGroup { Id = Guid.NewGuid(), TenantId = "t1", Name = "Lookbook", CreatedAt = plus5.AddSeconds(3), UpdatedAt = minus3.AddSeconds(4) };
        var gallery = new MediaGallery { Id = Guid.NewGuid(), TenantId = "t1", Name = "Expo", CreatedAt = plus5.AddSeconds(5), UpdatedAt = minus3.AddSeconds(6) };
        var link = new MediaShareLink { Id = Guid.NewGuid(), TenantId = "t1", AssetId = asset.Id, TokenHash = new string('a', 64), CreatedAt = plus5.AddSeconds(7), ExpiresAt = minus3.AddSeconds(8), RevokedAt = plus5.AddSeconds(9) };
        var usage = Usage(asset, "product", "1", "thumbnail", 0);
        usage.CreatedAt = minus3.AddSeconds(10);
        var audit = new MediaAuditEntry { Id = Guid.NewGuid(), TenantId = "t1", AssetId = asset.Id, Action = "asset.uploaded", At = plus5.AddSeconds(11) };
        var live = _db.NewAsset();
        await using (var context = _db.NewContext())
        {
            context.AddRange(asset, live, group, gallery, link, usage, audit);
            await context.SaveChangesAsync();
        }

        await using var read = _db.NewContext();
        var a = await read.Set<MediaAsset>().Include(x => x.Variants).SingleAsync(x => x.Id == asset.Id);
        AssertUtc(asset.CreatedAt, a.CreatedAt);
        AssertUtc(asset.UpdatedAt, a.UpdatedAt);
        AssertUtc(asset.ExpiresAt!.Value, a.ExpiresAt!.Value);
        AssertUtc(asset.DeletedAt!.Value, a.DeletedAt!.Value);
        AssertUtc(variant.CreatedAt, a.Variants.Single().CreatedAt);
        var g = await read.Set<MediaGroup>().SingleAsync();
        AssertUtc(group.CreatedAt, g.CreatedAt);
        AssertUtc(group.UpdatedAt, g.UpdatedAt);
        var ga = await read.Set<MediaGallery>().SingleAsync();
        AssertUtc(gallery.CreatedAt, ga.CreatedAt);
        AssertUtc(gallery.UpdatedAt, ga.UpdatedAt);
        var l = await read.Set<MediaShareLink>().SingleAsync();
        AssertUtc(link.CreatedAt, l.CreatedAt);
        AssertUtc(link.ExpiresAt, l.ExpiresAt);
        AssertUtc(link.RevokedAt!.Value, l.RevokedAt!.Value);
        AssertUtc(usage.CreatedAt, (await read.Set<MediaUsage>().SingleAsync()).CreatedAt);
        AssertUtc(audit.At, (await read.Set<MediaAuditEntry>().SingleAsync()).At);
        var unset = await read.Set<MediaAsset>().SingleAsync(x => x.Id == live.Id);
        Assert.Null(unset.ExpiresAt);
        Assert.Null(unset.DeletedAt);
    }

    [DatabaseFact]
    public async Task Dates_are_ordered_and_compared_in_SQL_by_instant_whatever_their_offset()
    {
        // By wall-clock text these sort the other way round: 12:00+05:00 is 07:00Z, 10:00-03:00 is 13:00Z.
        var early = _db.NewAsset(fileName: "early", configure: a => a.CreatedAt = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(5)));
        var late = _db.NewAsset(fileName: "late", configure: a => a.CreatedAt = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(-3)));
        await _db.SeedAsync(late, early);
        await using var context = _db.NewContext();

        var ordered = await context.Set<MediaAsset>().OrderBy(a => a.CreatedAt).Select(a => a.FileName).ToListAsync();
        var after = await context.Set<MediaAsset>()
            .Where(a => a.CreatedAt > new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(-1)))
            .Select(a => a.FileName)
            .ToListAsync();

        Assert.Equal(["early", "late"], ordered);
        Assert.Equal(["late"], after);
        var stored = await _db.ScalarAsync("SELECT \"CreatedAt\" FROM media_assets WHERE \"FileName\" = 'late'");
        if (_db.IsPostgreSql)
        {
            // timestamptz, which Npgsql reads as a UTC DateTime.
            Assert.Equal(DateTimeKind.Utc, Assert.IsType<DateTime>(stored).Kind);
            Assert.Equal(new DateTime(2026, 3, 1, 13, 0, 0, DateTimeKind.Utc), stored);
        }
        else
        {
            Assert.Equal("2026-03-01 13:00:00", stored);
        }
    }

    private static void AssertUtc(DateTimeOffset expected, DateTimeOffset actual)
    {
        Assert.Equal(expected.UtcDateTime, actual.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, actual.Offset);
    }

    private static MediaUsage Usage(MediaAsset asset, string resourceType, string resourceId, string field, int position) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = asset.TenantId,
        AssetId = asset.Id,
        ResourceType = resourceType,
        ResourceId = resourceId,
        Field = field,
        Position = position,
        CreatedAt = asset.CreatedAt,
    };

    private static List<string> Describe(IEntityType entityType)
        => entityType.GetIndexes()
            .Select(i => string.Join(',', i.Properties.Select(p => p.Name)) + (i.IsUnique ? " (unique)" : ""))
            .Order(StringComparer.Ordinal)
            .ToList();
}
