using Microsoft.EntityFrameworkCore;
using MediaKit.EfCore.Internal;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaKit.EfCore.Configurations;

internal sealed class MediaAssetConfiguration(string tablePrefix, MediaSearchIndex searchIndex) : IEntityTypeConfiguration<MediaAsset>
{
    // Shadow columns holding the lower-cased search text; present only with MediaSearchIndex.PostgreSqlTrigram.
    public const string FileNameSearchColumn = "FileNameLower";
    public const string TitleSearchColumn = "TitleLower";
    public const string AltTextSearchColumn = "AltTextLower";

    // Npgsql's annotation names (NpgsqlAnnotationNames), written by name so that this package does not depend on Npgsql.
    // A test compares them with what Npgsql's own HasMethod/HasOperators/HasPostgresExtension write.
    internal const string NpgsqlIndexMethod = "Npgsql:IndexMethod";
    internal const string NpgsqlIndexOperators = "Npgsql:IndexOperators";
    internal const string NpgsqlPostgresExtensionPrefix = "Npgsql:PostgresExtension:";

    public void Configure(EntityTypeBuilder<MediaAsset> builder)
    {
        builder.ToTable(tablePrefix + "assets");
        builder.HasKey(a => a.Id);

        // Core creates time-ordered v7 ids before the bytes are written, so the key never comes from the database.
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.TenantId).HasMaxLength(128).IsRequired();
        builder.Property(a => a.Collection).HasMaxLength(64).IsRequired();
        builder.Property(a => a.StorageKey).HasMaxLength(512).IsRequired();

        // The default also fills the column for rows written before stores had names, and for bulk loads that omit it.
        builder.Property(a => a.StoreName).HasMaxLength(64).IsRequired().HasDefaultValue(MediaKit.Storage.MediaStorageOptions.DefaultStoreName);
        builder.Property(a => a.FileName).HasMaxLength(1024).IsRequired();
        builder.Property(a => a.Title).HasMaxLength(512);
        builder.Property(a => a.AltText).HasMaxLength(1024);
        builder.Property(a => a.ContentType).HasMaxLength(255).IsRequired();
        builder.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(a => a.UploadedBy).HasMaxLength(128);
        builder.Property(a => a.Placeholder).HasMaxLength(1024);
        builder.Property(a => a.ReviewNote).HasMaxLength(2048);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(32);
        builder.PrimitiveCollection(a => a.Tags).IsRequired();
        builder.Property(a => a.Metadata)
            .HasConversion(MetadataJson.Converter, MetadataJson.Comparer)
            .IsRequired();
        builder.Property(a => a.ConcurrencyStamp).IsConcurrencyToken();
        builder.Ignore(a => a.IsDeleted);

        // The library's default listing: live (or trashed) assets of a tenant, newest first, keyset on (CreatedAt, Id).
        builder.HasIndex(a => new { a.TenantId, a.DeletedAt, a.CreatedAt, a.Id });

        // Listing by size. There is no such index for FileName: a 1024-character name would exceed
        // PostgreSQL's b-tree entry limit, so name-sorted pages scan the tenant's rows instead.
        builder.HasIndex(a => new { a.TenantId, a.DeletedAt, a.Length, a.Id });

        // De-duplication on upload.
        builder.HasIndex(a => new { a.TenantId, a.Collection, a.Sha256 });

        // A move lists the assets still on its source store, by id, across tenants.
        builder.HasIndex(a => new { a.StoreName, a.Id });

        // Reconciliation looks keys up across tenants; a key names one file only.
        builder.HasIndex(a => a.StorageKey).IsUnique();

        // Per-uploader quotas and "my uploads", and the review queue.
        builder.HasIndex(a => new { a.TenantId, a.UploadedBy });
        builder.HasIndex(a => new { a.TenantId, a.Status });

        // The expiry job scans every tenant.
        builder.HasIndex(a => a.ExpiresAt);

        if (searchIndex == MediaSearchIndex.PostgreSqlTrigram)
        {
            // EF Core cannot declare an index on an expression such as lower("FileName"), so the lowered text is a stored
            // generated column that a trigram index can cover; LIKE '%term%' on it is served by the index.
            AddSearchColumn(builder, FileNameSearchColumn, nameof(MediaAsset.FileName));
            AddSearchColumn(builder, TitleSearchColumn, nameof(MediaAsset.Title));
            AddSearchColumn(builder, AltTextSearchColumn, nameof(MediaAsset.AltText));
        }
    }

    private static void AddSearchColumn(EntityTypeBuilder<MediaAsset> builder, string column, string source)
    {
        builder.Property<string>(column).HasComputedColumnSql($"lower(\"{source}\")", stored: true);
        builder.HasIndex(column)
            .HasAnnotation(NpgsqlIndexMethod, "gin")
            .HasAnnotation(NpgsqlIndexOperators, new[] { "gin_trgm_ops" });
    }
}
