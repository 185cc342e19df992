using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaKit.EfCore.Configurations;

internal sealed class MediaGroupConfiguration(string tablePrefix) : IEntityTypeConfiguration<MediaGroup>
{
    public void Configure(EntityTypeBuilder<MediaGroup> builder)
    {
        builder.ToTable(tablePrefix + "groups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.TenantId).HasMaxLength(128).IsRequired();
        builder.Property(g => g.Name).HasMaxLength(256).IsRequired();
        builder.Property(g => g.Description).HasMaxLength(2048);
        builder.HasIndex(g => new { g.TenantId, g.Name });
    }
}
