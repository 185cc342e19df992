using MediaKit;
using MediaKit.EfCore;
using MediaKit.EfCore.Configurations;
using MediaKit.EfCore.Internal;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Maps MediaKit's entities into the host application's own <see cref="DbContext"/>.</summary>
public static class MediaKitModelBuilderExtensions
{
    // Only these types are touched, so the host's own entities keep the mapping the host chose.
    private static readonly Type[] s_entityTypes =
    [
        typeof(MediaAsset),
        typeof(MediaVariant),
        typeof(MediaAssetVersion),
        typeof(MediaUsage),
        typeof(MediaGroup),
        typeof(MediaGroupItem),
        typeof(MediaGallery),
        typeof(MediaGalleryGroup),
        typeof(MediaShareLink),
        typeof(MediaAuditEntry),
        typeof(MediaJobLease),
        typeof(MediaQuotaLock),
    ];

    private static readonly ValueConverter<DateTimeOffset, DateTime> s_utcDateTime = new(
        value => value.UtcDateTime,
        value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)));

    /// <summary>
    /// Adds MediaKit's tables (assets, variants, usages, groups, group items, galleries, gallery groups, share links, per-owner quota locks
    /// and the audit trail) to the model. Call it from <c>OnModelCreating</c>, after or before the host's own mapping.
    /// </summary>
    /// <remarks>
    /// Every <see cref="DateTimeOffset"/> of a MediaKit entity is stored as a UTC <see cref="DateTime"/> (SQLite cannot compare
    /// or order <see cref="DateTimeOffset"/>; PostgreSQL stores a UTC <see cref="DateTime"/> as <c>timestamptz</c>) and is read
    /// back with offset zero. The host's own entities are not changed.
    /// </remarks>
    /// <param name="modelBuilder">The host context's model builder.</param>
    /// <param name="configure">Changes the table prefix or chooses the search index; see <see cref="MediaKitModelOptions"/>.</param>
    /// <returns>The same <paramref name="modelBuilder"/>.</returns>
    /// <exception cref="ArgumentException">
    /// <see cref="MediaKitModelOptions.TablePrefix"/> was set to <see langword="null"/>, or
    /// <see cref="MediaKitModelOptions.SearchIndex"/> to a value that is not defined.
    /// </exception>
    public static ModelBuilder AddMediaKit(this ModelBuilder modelBuilder, Action<MediaKitModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var options = new MediaKitModelOptions();
        configure?.Invoke(options);
        if (options.TablePrefix is null)
        {
            throw new ArgumentException("MediaKit: TablePrefix must not be null; use an empty string for no prefix.", nameof(configure));
        }

        if (!Enum.IsDefined(options.SearchIndex))
        {
            throw new ArgumentException($"MediaKit: SearchIndex '{options.SearchIndex}' is not a MediaSearchIndex value.", nameof(configure));
        }

        var prefix = options.TablePrefix;
        modelBuilder.ApplyConfiguration(new MediaAssetConfiguration(prefix, options.SearchIndex));
        modelBuilder.ApplyConfiguration(new MediaVariantConfiguration(prefix));
        modelBuilder.ApplyConfiguration(new MediaAssetVersionConfiguration(prefix));
        modelBuilder.ApplyConfiguration(new MediaUsageConfiguration(prefix));
        modelBuilder.ApplyConfiguration(new MediaGroupConfiguration(prefix));
        modelBuilder.ApplyConfiguration(new MediaGroupItemConfiguration(prefix));
        modelBuilder.ApplyConfiguration(new MediaGalleryConfiguration(prefix));
        modelBuilder.ApplyConfiguration(new MediaGalleryGroupConfiguration(prefix));
        modelBuilder.ApplyConfiguration(new MediaShareLinkConfiguration(prefix));
        modelBuilder.ApplyConfiguration(new MediaAuditEntryConfiguration(prefix));
        modelBuilder.ApplyConfiguration(new MediaJobLeaseConfiguration(prefix));
        modelBuilder.ApplyConfiguration(new MediaQuotaLockConfiguration(prefix));

        foreach (var clrType in s_entityTypes)
        {
            var entityType = modelBuilder.Model.FindEntityType(clrType)!;
            foreach (var property in entityType.GetProperties())
            {
                if ((Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType) == typeof(DateTimeOffset))
                {
                    property.SetValueConverter(s_utcDateTime);
                }
            }
        }

        if (options.SearchIndex == MediaSearchIndex.PostgreSqlTrigram)
        {
            // What Npgsql's HasPostgresExtension("pg_trgm") writes, without making this package depend on Npgsql.
            modelBuilder.Model.SetAnnotation(MediaAssetConfiguration.NpgsqlPostgresExtensionPrefix + "pg_trgm", ",,");
        }
        else if (options.SearchIndex == MediaSearchIndex.SqliteTrigram)
        {
            // The FTS5 table and its triggers are outside what EF Core models; the annotation tells the catalog to query them
            // and EnsureMediaKitSearchIndexAsync which table to index.
            modelBuilder.Model.SetAnnotation(SqliteSearchIndex.Annotation, prefix + "assets");
        }

        return modelBuilder;
    }
}
