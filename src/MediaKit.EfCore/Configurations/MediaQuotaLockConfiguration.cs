using MediaKit.EfCore.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaKit.EfCore.Configurations;

internal sealed class MediaQuotaLockConfiguration(string tablePrefix) : IEntityTypeConfiguration<MediaQuotaLock>
{
    public void Configure(EntityTypeBuilder<MediaQuotaLock> builder)
    {
        builder.ToTable(tablePrefix + "quota_locks");
        builder.HasKey(l => new { l.TenantId, l.Collection, l.Owner });
        builder.Property(l => l.TenantId).HasMaxLength(128);
        builder.Property(l => l.Collection).HasMaxLength(64);
        builder.Property(l => l.Owner).HasMaxLength(128);
    }
}
