using MediaKit.Catalog;
using Microsoft.EntityFrameworkCore;

namespace MediaKit.EfCore.Internal;

/// <summary>The <see cref="IMediaVariantCatalog"/> on the host's own <typeparamref name="TContext"/>.</summary>
internal sealed class EfMediaVariantCatalog<TContext>(TContext context) : IMediaVariantCatalog
    where TContext : DbContext
{
    public async Task<IReadOnlyList<MediaAsset>> FindLiveAssetsAsync(string collection, Guid? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var query = context.Set<MediaAsset>().Where(a => a.Collection == collection && a.DeletedAt == null);
        if (after is { } last)
        {
            query = query.Where(a => a.Id.CompareTo(last) > 0);
        }

        return await query.OrderBy(a => a.Id).Take(limit).Include(a => a.Variants).Include(a => a.PreviousVersions).AsSplitQuery().ToListAsync(cancellationToken);
    }
}
