using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaKit.EfCore.Configurations;

internal sealed class MediaUsageConfiguration(string tablePrefix) : IEntityTypeConfiguration<MediaUsage>
{
    public void Configure(EntityTypeBuilder<MediaUsage> builder)
    {
        builder.ToTable(tablePrefix + "usages");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.TenantId).HasMaxLength(128).IsRequired();
        builder.Property(u => u.ResourceType).HasMaxLength(64).IsRequired();
        builder.Property(u => u.ResourceId).HasMaxLength(128).IsRequired();
        builder.Property(u => u.Field).HasMaxLength(64).IsRequired();

        // An asset appears at most once per field of an entity; the database enforces it under concurrent requests.
        builder.HasIndex(u => new { u.AssetId, u.ResourceType, u.ResourceId, u.Field }).IsUnique();

        // "What does product 42 show in its gallery, in order?"
        builder.HasIndex(u => new { u.TenantId, u.ResourceType, u.ResourceId, u.Field, u.Position });

        builder.HasOne<MediaAsset>()
            .WithMany()
            .HasForeignKey(u => u.AssetId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
