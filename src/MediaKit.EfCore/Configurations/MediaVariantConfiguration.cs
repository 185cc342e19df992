using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaKit.EfCore.Configurations;

internal sealed class MediaVariantConfiguration(string tablePrefix) : IEntityTypeConfiguration<MediaVariant>
{
    public void Configure(EntityTypeBuilder<MediaVariant> builder)
    {
        builder.ToTable(tablePrefix + "variants");
        builder.HasKey(v => new { v.AssetId, v.Name });
        builder.Property(v => v.Name).HasMaxLength(256);
        builder.Property(v => v.StorageKey).HasMaxLength(512).IsRequired();
        builder.Property(v => v.ContentType).HasMaxLength(255).IsRequired();

        // Reconciliation looks keys up across tenants; a key names one file only.
        builder.HasIndex(v => v.StorageKey).IsUnique();

        builder.HasOne<MediaAsset>()
            .WithMany(a => a.Variants)
            .HasForeignKey(v => v.AssetId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
