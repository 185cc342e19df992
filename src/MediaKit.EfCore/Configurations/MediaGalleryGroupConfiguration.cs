using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaKit.EfCore.Configurations;

internal sealed class MediaGalleryGroupConfiguration(string tablePrefix) : IEntityTypeConfiguration<MediaGalleryGroup>
{
    public void Configure(EntityTypeBuilder<MediaGalleryGroup> builder)
    {
        builder.ToTable(tablePrefix + "gallery_groups");

        // The same group may be linked twice with different roles (main exhibit and sketches).
        builder.HasKey(l => new { l.GalleryId, l.GroupId, l.Role });
        builder.Property(l => l.Role).HasMaxLength(64);
        builder.Property(l => l.Visibility).HasConversion<string>().HasMaxLength(32);

        builder.HasOne<MediaGallery>()
            .WithMany(g => g.Groups)
            .HasForeignKey(l => l.GalleryId)
            .OnDelete(DeleteBehavior.Cascade);

        builder.HasOne<MediaGroup>()
            .WithMany()
            .HasForeignKey(l => l.GroupId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
