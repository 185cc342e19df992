namespace MediaKit;

/// <summary>What <see cref="MediaQuery"/> sorts by.</summary>
public enum MediaSortBy
{
    /// <summary>Creation time.</summary>
    CreatedAt = 0,

    /// <summary>File name.</summary>
    FileName = 1,

    /// <summary>File size.</summary>
    Length = 2,
}

/// <summary>A filtered, sorted, paged list request. Every filter is optional; the tenant is always applied.</summary>
public sealed record MediaQuery
{
    /// <summary>The default page size.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The largest page size.</summary>
    public const int MaxLimit = 200;

    /// <summary>The largest page of a listing that returns ids only, such as <see cref="IMediaUsages.FindOrphanIdsAsync"/>.</summary>
    public const int MaxIdLimit = 10_000;

    /// <summary>Only assets of this collection.</summary>
    public string? Collection { get; init; }

    /// <summary>Only assets of this kind.</summary>
    public MediaKind? Kind { get; init; }

    /// <summary>Only assets with this tag.</summary>
    public string? Tag { get; init; }

    /// <summary>Only assets uploaded by this user.</summary>
    public string? UploadedBy { get; init; }

    /// <summary>Only assets in this review state.</summary>
    public MediaAssetStatus? Status { get; init; }

    /// <summary>
    /// When set, assets that are not <see cref="MediaAssetStatus.Ready"/> (pending review or rejected) are listed only when
    /// <see cref="MediaAsset.UploadedBy"/> equals this value; the empty string lists none of them. <see cref="IMediaStore.QueryAsync"/>
    /// sets it for every caller who is not a reviewer (<see cref="IMediaReviewerAccessor"/>) to the caller's id, replacing
    /// whatever was given; catalogs apply it.
    /// </summary>
    public string? UnreviewedVisibleTo { get; init; }

    /// <summary>Only assets created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only assets created before this time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>A case-insensitive substring of the file name, title or alt text.</summary>
    public string? Search { get; init; }

    /// <summary><see langword="true"/> to list the trash instead of live assets.</summary>
    public bool Trash { get; init; }

    /// <summary>The sort key. Ties are broken by id so that pages never overlap or skip.</summary>
    public MediaSortBy SortBy { get; init; }

    /// <summary>Whether to sort in descending order. Default <see langword="true"/> (newest first).</summary>
    public bool Descending { get; init; } = true;

    /// <summary>The page size, 1 to <see cref="MaxLimit"/>. Default <see cref="DefaultLimit"/>.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The opaque cursor from <see cref="MediaPage{T}.NextCursor"/> to continue a keyset listing.</summary>
    public string? Cursor { get; init; }

    /// <summary>A one-based page number for page/limit listings; such pages carry a total. Ignored when <see cref="Cursor"/> is set.</summary>
    public int? Page { get; init; }

    /// <summary>The default of <see cref="TotalCountLimit"/>.</summary>
    public const int DefaultTotalCountLimit = 1_000;

    /// <summary>
    /// How far a page/limit listing counts: when more items match, <see cref="MediaPage{T}.TotalCount"/> is this number and
    /// <see cref="MediaPage{T}.TotalIsExact"/> is <see langword="false"/> (show "1,000+"). Counting a whole large library reads
    /// every matching row; counting up to a limit costs at most that many index entries. Default
    /// <see cref="DefaultTotalCountLimit"/>; <see langword="null"/> counts everything.
    /// </summary>
    public int? TotalCountLimit { get; init; } = DefaultTotalCountLimit;
}

/// <summary>One page of a listing.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The page's items.</param>
/// <param name="NextCursor">The cursor of the next page, or <see langword="null"/> on the last page.</param>
/// <param name="TotalCount">The number of matching items, for page-number listings; <see langword="null"/> for cursor listings.</param>
public sealed record MediaPage<T>(IReadOnlyList<T> Items, string? NextCursor, long? TotalCount)
{
    /// <summary>
    /// <see langword="false"/> when <see cref="TotalCount"/> is a lower bound: more items match than
    /// <see cref="MediaQuery.TotalCountLimit"/>, which is what <see cref="TotalCount"/> then holds. Default <see langword="true"/>.
    /// </summary>
    public bool TotalIsExact { get; init; } = true;
}
