using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaKit.EfCore.Configurations;

internal sealed class MediaAssetVersionConfiguration(string tablePrefix) : IEntityTypeConfiguration<MediaAssetVersion>
{
    public void Configure(EntityTypeBuilder<MediaAssetVersion> builder)
    {
        builder.ToTable(tablePrefix + "asset_versions");
        builder.HasKey(v => new { v.AssetId, v.Version });
        builder.Property(v => v.StorageKey).HasMaxLength(512).IsRequired();
        builder.Property(v => v.ContentType).HasMaxLength(255).IsRequired();
        builder.Property(v => v.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(v => v.FileName).HasMaxLength(1024).IsRequired();

        // Reconciliation looks keys up across tenants; the cleanup job finds versions past their retention.
        builder.HasIndex(v => v.StorageKey).IsUnique();
        builder.HasIndex(v => v.ReplacedAt);

        builder.HasOne<MediaAsset>()
            .WithMany(a => a.PreviousVersions)
            .HasForeignKey(v => v.AssetId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
