using MediaKit.EfCore.Configurations;
using Microsoft.EntityFrameworkCore;

namespace MediaKit.EfCore.Internal;

internal sealed partial class EfMediaCatalog<TContext>
{
    private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    // Escapes LIKE's wildcards and the escape character itself in a search term.
    private const string LikeEscape = "\\";

    // PostgreSQL orders text by the database's collation (often linguistic, such as en-US), SQLite by bytes. Names are
    // ordered by code point on both, so that listings and cursors mean the same everywhere and follow the C# ordinal order.
    private bool OrdinalNamesNeedCollation => _context.Database.ProviderName == NpgsqlProvider;

    private bool HasSearchColumns
        => _context.Model.FindEntityType(typeof(MediaAsset))?.FindProperty(MediaAssetConfiguration.FileNameSearchColumn) is not null;

    public async Task<MediaPage<MediaAsset>> QueryAsync(string tenantId, MediaQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > MediaQuery.MaxLimit)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"The page size must be between 1 and {MediaQuery.MaxLimit}.");
        }

        var (source, searched) = SearchSource(query.Search);
        var filtered = Filter(source.AsNoTracking().Where(a => a.TenantId == tenantId), query, HasSearchColumns, searched);
        var collation = OrdinalNamesNeedCollation ? "C" : null;

        if (query.Cursor is null && query.Page is { } page)
        {
            if (page < 1)
            {
                throw new MediaException(MediaErrorCodes.InvalidRequest, "The page number starts at 1.");
            }

            if (query.TotalCountLimit is < 1)
            {
                throw new MediaException(MediaErrorCodes.InvalidRequest, "The total count limit must be at least 1.");
            }

            // Counting stops one past the limit: that many index entries at most, however large the library.
            var total = query.TotalCountLimit is { } countLimit and < int.MaxValue
                ? await filtered.Take(countLimit + 1).LongCountAsync(cancellationToken)
                : await filtered.LongCountAsync(cancellationToken);
            var exact = query.TotalCountLimit is not { } limit || total <= limit;
            if (!exact)
            {
                total = query.TotalCountLimit!.Value;
            }

            var skip = (long)(page - 1) * query.Limit;
            if (exact && skip >= total)
            {
                return new MediaPage<MediaAsset>([], null, total);
            }

            var items = await WithVariants(Sort(filtered, query.SortBy, query.Descending, collation, !query.Trash))
                .Skip((int)skip)
                .Take(query.Limit)
                .ToListAsync(cancellationToken);
            return new MediaPage<MediaAsset>(items, null, total) { TotalIsExact = exact };
        }

        if (query.Cursor is { } cursor)
        {
            filtered = After(filtered, MediaCursor.Decode(cursor, query.SortBy, query.Descending), collation);
        }

        // One extra row tells whether there is a next page without counting the rest.
        var rows = await WithVariants(Sort(filtered, query.SortBy, query.Descending, collation, !query.Trash))
            .Take(query.Limit + 1)
            .ToListAsync(cancellationToken);
        string? next = null;
        if (rows.Count > query.Limit)
        {
            rows.RemoveAt(rows.Count - 1);
            next = MediaCursor.After(rows[^1], query.SortBy, query.Descending).Encode();
        }

        return new MediaPage<MediaAsset>(rows, next, null);
    }

    // With MediaSearchIndex.SqliteTrigram, a term the trigram index can answer selects the rows through the FTS5 table; the
    // rest of the query composes over that as over the table itself.
    private (IQueryable<MediaAsset> Source, bool Searched) SearchSource(string? search)
    {
        if (string.IsNullOrWhiteSpace(search) || SqliteSearchIndex.AssetsTable(_context.Model) is not { } assetsTable)
        {
            return (Assets, false);
        }

        SqliteSearchIndex.CheckProvider(_context.Database);
        var term = search.Trim();
        if (term.EnumerateRunes().Count() < SqliteSearchIndex.MinimumTermLength)
        {
            // A trigram index holds nothing shorter than three characters: such terms scan.
            return (Assets, false);
        }

        return (Assets.FromSqlRaw(SqliteSearchIndex.AssetsMatchingSql(assetsTable), SqliteSearchIndex.MatchExpression(term)), true);
    }

    private static IQueryable<MediaAsset> Filter(IQueryable<MediaAsset> assets, MediaQuery query, bool hasSearchColumns, bool searched)
    {
        assets = query.Trash ? assets.Where(a => a.DeletedAt != null) : assets.Where(a => a.DeletedAt == null);
        if (query.Collection is { } collection)
        {
            assets = assets.Where(a => a.Collection == collection);
        }

        if (query.Kind is { } kind)
        {
            assets = assets.Where(a => a.Kind == kind);
        }

        if (query.Tag is { } tag)
        {
            assets = assets.Where(a => a.Tags.Contains(tag));
        }

        if (query.UploadedBy is { } uploadedBy)
        {
            assets = assets.Where(a => a.UploadedBy == uploadedBy);
        }

        if (query.Status is { } status)
        {
            assets = assets.Where(a => a.Status == status);
        }

        // Files under review (or rejected) are listed only to their uploader; the empty string lists none (see MediaQuery).
        if (query.UnreviewedVisibleTo is { } viewer)
        {
            assets = viewer.Length == 0
                ? assets.Where(a => a.Status == MediaAssetStatus.Ready)
                : assets.Where(a => a.Status == MediaAssetStatus.Ready || a.UploadedBy == viewer);
        }

        if (query.CreatedFrom is { } from)
        {
            assets = assets.Where(a => a.CreatedAt >= from);
        }

        if (query.CreatedTo is { } to)
        {
            assets = assets.Where(a => a.CreatedAt < to);
        }

        if (!searched && !string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            if (hasSearchColumns)
            {
                // The lower-cased generated columns carry trigram indexes (MediaSearchIndex.PostgreSqlTrigram), which serve
                // LIKE '%term%'; a NULL title or alt text makes its LIKE NULL, which does not match.
                var pattern = "%" + EscapeLike(term) + "%";
                assets = assets.Where(a =>
                    EF.Functions.Like(EF.Property<string>(a, MediaAssetConfiguration.FileNameSearchColumn), pattern, LikeEscape)
                    || EF.Functions.Like(EF.Property<string?>(a, MediaAssetConfiguration.TitleSearchColumn), pattern, LikeEscape)
                    || EF.Functions.Like(EF.Property<string?>(a, MediaAssetConfiguration.AltTextSearchColumn), pattern, LikeEscape));
            }
            else
            {
                // LOWER(...) plus a substring test works on SQLite and PostgreSQL alike and needs no LIKE escaping; no index
                // serves it, so it reads every live row of the tenant. SQLite's LOWER folds ASCII letters only, so there
                // non-ASCII text matches case-sensitively.
                assets = assets.Where(a =>
                    a.FileName.ToLower().Contains(term)
                    || (a.Title != null && a.Title.ToLower().Contains(term))
                    || (a.AltText != null && a.AltText.ToLower().Contains(term)));
            }
        }

        return assets;
    }

    private static string EscapeLike(string term)
        => term.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal);

    // Id breaks ties in the same direction as the key, so the order is total and keyset pages neither overlap nor skip.
    // Ids compare the same way on both providers: SQLite stores them as upper-case text, PostgreSQL as uuid bytes.
    // A non-null collation applies to file names, in the ORDER BY and in the cursor's comparison alike.
    // Live listings lead with DeletedAt, which is NULL in every row they return, so the order is unchanged; PostgreSQL does
    // not take "DeletedAt" IS NULL as fixing the second column of the (TenantId, DeletedAt, key, Id) indexes, and without it
    // in the ORDER BY it sorts all of the tenant's rows for every page instead of reading the index in order.
    private static IOrderedQueryable<MediaAsset> Sort(IQueryable<MediaAsset> assets, MediaSortBy sortBy, bool descending, string? collation, bool live)
    {
        var lead = !live ? null : descending ? assets.OrderByDescending(a => a.DeletedAt) : assets.OrderBy(a => a.DeletedAt);
        return (sortBy, descending) switch
        {
            (MediaSortBy.CreatedAt, _) => By(lead, assets, a => a.CreatedAt, descending),
            (MediaSortBy.FileName, _) when collation is not null => By(lead, assets, a => EF.Functions.Collate(a.FileName, collation), descending),
            (MediaSortBy.FileName, _) => By(lead, assets, a => a.FileName, descending),
            (MediaSortBy.Length, _) => By(lead, assets, a => a.Length, descending),
            _ => throw new MediaException(MediaErrorCodes.InvalidRequest, $"Unknown sort '{sortBy}'."),
        };
    }

    private static IOrderedQueryable<MediaAsset> By<TKey>(
        IOrderedQueryable<MediaAsset>? lead, IQueryable<MediaAsset> assets, System.Linq.Expressions.Expression<Func<MediaAsset, TKey>> key, bool descending)
    {
        var ordered = (lead, descending) switch
        {
            (null, false) => assets.OrderBy(key),
            (null, true) => assets.OrderByDescending(key),
            (_, false) => lead.ThenBy(key),
            (_, true) => lead.ThenByDescending(key),
        };
        return descending ? ordered.ThenByDescending(a => a.Id) : ordered.ThenBy(a => a.Id);
    }

    // The comparisons run in SQL, so they follow the database's own order of keys and ids, the same order as Sort.
    // The redundant bound (key <= cursor, or >=) on the indexed keys lets PostgreSQL start the index scan at the cursor; the OR
    // alone is only a filter, and a deep page would then read every row before it.
    private static IQueryable<MediaAsset> After(IQueryable<MediaAsset> assets, MediaCursor cursor, string? collation)
    {
        var id = cursor.Id;
        switch (cursor.SortBy, cursor.Descending)
        {
            case (MediaSortBy.CreatedAt, false):
                var createdAfter = cursor.CreatedAt;
                return assets.Where(a => a.CreatedAt >= createdAfter && (a.CreatedAt > createdAfter || (a.CreatedAt == createdAfter && a.Id.CompareTo(id) > 0)));
            case (MediaSortBy.CreatedAt, true):
                var createdBefore = cursor.CreatedAt;
                return assets.Where(a => a.CreatedAt <= createdBefore && (a.CreatedAt < createdBefore || (a.CreatedAt == createdBefore && a.Id.CompareTo(id) < 0)));
            case (MediaSortBy.FileName, false) when collation is not null:
                var collatedAfter = cursor.Value;
                return assets.Where(a => string.Compare(EF.Functions.Collate(a.FileName, collation), collatedAfter) > 0
                    || (a.FileName == collatedAfter && a.Id.CompareTo(id) > 0));
            case (MediaSortBy.FileName, true) when collation is not null:
                var collatedBefore = cursor.Value;
                return assets.Where(a => string.Compare(EF.Functions.Collate(a.FileName, collation), collatedBefore) < 0
                    || (a.FileName == collatedBefore && a.Id.CompareTo(id) < 0));
            case (MediaSortBy.FileName, false):
                var nameAfter = cursor.Value;
                return assets.Where(a => string.Compare(a.FileName, nameAfter) > 0 || (a.FileName == nameAfter && a.Id.CompareTo(id) > 0));
            case (MediaSortBy.FileName, true):
                var nameBefore = cursor.Value;
                return assets.Where(a => string.Compare(a.FileName, nameBefore) < 0 || (a.FileName == nameBefore && a.Id.CompareTo(id) < 0));
            case (MediaSortBy.Length, false):
                var lengthAfter = cursor.Length;
                return assets.Where(a => a.Length >= lengthAfter && (a.Length > lengthAfter || (a.Length == lengthAfter && a.Id.CompareTo(id) > 0)));
            case (MediaSortBy.Length, true):
                var lengthBefore = cursor.Length;
                return assets.Where(a => a.Length <= lengthBefore && (a.Length < lengthBefore || (a.Length == lengthBefore && a.Id.CompareTo(id) < 0)));
            default:
                throw new MediaException(MediaErrorCodes.InvalidRequest, $"Unknown sort '{cursor.SortBy}'.");
        }
    }
}
