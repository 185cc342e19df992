using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaKit.EfCore.Configurations;

internal sealed class MediaGroupItemConfiguration(string tablePrefix) : IEntityTypeConfiguration<MediaGroupItem>
{
    public void Configure(EntityTypeBuilder<MediaGroupItem> builder)
    {
        builder.ToTable(tablePrefix + "group_items");
        builder.HasKey(i => new { i.GroupId, i.AssetId });
        builder.HasIndex(i => new { i.GroupId, i.Position });

        builder.HasOne<MediaGroup>()
            .WithMany(g => g.Items)
            .HasForeignKey(i => i.GroupId)
            .OnDelete(DeleteBehavior.Cascade);

        // Purging an asset takes it out of every group rather than failing on the reference.
        builder.HasOne<MediaAsset>()
            .WithMany()
            .HasForeignKey(i => i.AssetId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
