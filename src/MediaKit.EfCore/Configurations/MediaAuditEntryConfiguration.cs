using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaKit.EfCore.Configurations;

internal sealed class MediaAuditEntryConfiguration(string tablePrefix) : IEntityTypeConfiguration<MediaAuditEntry>
{
    public void Configure(EntityTypeBuilder<MediaAuditEntry> builder)
    {
        // No foreign key to the asset: the trail must still say who purged an asset after its record is gone.
        builder.ToTable(tablePrefix + "audit");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.TenantId).HasMaxLength(128).IsRequired();
        builder.Property(e => e.Action).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Actor).HasMaxLength(128);
        builder.HasIndex(e => new { e.TenantId, e.AssetId, e.At });
    }
}
