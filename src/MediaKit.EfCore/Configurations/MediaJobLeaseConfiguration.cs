using MediaKit.EfCore.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaKit.EfCore.Configurations;

internal sealed class MediaJobLeaseConfiguration(string tablePrefix) : IEntityTypeConfiguration<MediaJobLease>
{
    public void Configure(EntityTypeBuilder<MediaJobLease> builder)
    {
        builder.ToTable(tablePrefix + "job_leases");
        builder.HasKey(l => l.Job);
        builder.Property(l => l.Job).HasMaxLength(64);
        builder.Property(l => l.Owner).HasMaxLength(256).IsRequired();
    }
}
