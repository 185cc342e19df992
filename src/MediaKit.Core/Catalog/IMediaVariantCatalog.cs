namespace MediaKit.Catalog;

/// <summary>
/// What the variant backfill (<see cref="Processing.IMediaVariantBackfill"/>) needs from the catalog, across all tenants.
/// <c>MediaKit.EfCore</c> implements it.
/// </summary>
public interface IMediaVariantCatalog
{
    /// <summary>
    /// Live assets of every tenant in <paramref name="collection"/>, by id after <paramref name="after"/>, at most <paramref name="limit"/>,
    /// with their variants. Returned assets are tracked, so <see cref="IMediaCatalog.UpdateAsync"/> saves changes to them.
    /// </summary>
    Task<IReadOnlyList<MediaAsset>> FindLiveAssetsAsync(string collection, Guid? after, int limit, CancellationToken cancellationToken);
}
