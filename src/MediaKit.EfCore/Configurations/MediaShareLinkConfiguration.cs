using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaKit.EfCore.Configurations;

internal sealed class MediaShareLinkConfiguration(string tablePrefix) : IEntityTypeConfiguration<MediaShareLink>
{
    public void Configure(EntityTypeBuilder<MediaShareLink> builder)
    {
        builder.ToTable(tablePrefix + "share_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.TenantId).HasMaxLength(128).IsRequired();

        // A SHA-256 as hexadecimal (64) or base64 (44) characters.
        builder.Property(l => l.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(l => l.Access).HasConversion<string>().HasMaxLength(32);
        builder.Property(l => l.CreatedBy).HasMaxLength(128);

        // A link is resolved by its token alone, before the tenant is known.
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.TenantId, l.AssetId });

        builder.HasOne<MediaAsset>()
            .WithMany()
            .HasForeignKey(l => l.AssetId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
