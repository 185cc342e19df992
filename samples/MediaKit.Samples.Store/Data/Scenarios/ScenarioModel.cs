using Microsoft.EntityFrameworkCore;

namespace MediaKit.Samples.Store.Data.Scenarios;

/// <summary>The scenario pages' entities in the store's model (seeds 001 to 003).</summary>
/// <remarks>
/// Like the products, every media id is marked as a media reference: MediaKit's SaveChanges interceptor keeps the usage
/// table in step (resource types <c>course</c>, <c>lesson</c>, <c>user_profile</c> and <c>message</c>), so no page calls the
/// usage API. The context has no <c>DbSet</c> for them; code uses <c>db.Set&lt;Course&gt;()</c>.
/// </remarks>
public static class ScenarioModel
{
    /// <summary>Adds the scenario entities to the store's model; called at the end of <c>StoreDbContext.OnModelCreating</c>.</summary>
    public static void Configure(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<Course>(course =>
        {
            course.ToTable("courses");
            course.HasMediaResourceType("course");
            course.Property(c => c.TenantId).HasMaxLength(128);
            course.Property(c => c.Title).HasMaxLength(200);
            course.Property(c => c.Description).HasMaxLength(4000);
            course.Property(c => c.ThumbnailId).IsMediaReference("thumbnail");
            course.HasIndex(c => new { c.TenantId, c.Title });
        });

        modelBuilder.Entity<Lesson>(lesson =>
        {
            lesson.ToTable("lessons");
            lesson.HasMediaResourceType("lesson");
            lesson.Property(l => l.TenantId).HasMaxLength(128);
            lesson.Property(l => l.Title).HasMaxLength(200);
            lesson.Property(l => l.VideoId).IsMediaReference("video");
            lesson.HasOne<Course>().WithMany().HasForeignKey(l => l.CourseId).OnDelete(DeleteBehavior.Cascade);
            lesson.HasIndex(l => new { l.TenantId, l.CourseId, l.Position });
        });

        modelBuilder.Entity<UserProfile>(profile =>
        {
            profile.ToTable("user_profiles");
            profile.HasKey(p => new { p.TenantId, p.UserId });
            profile.HasMediaResourceType("user_profile");
            profile.Property(p => p.TenantId).HasMaxLength(128);
            profile.Property(p => p.UserId).HasMaxLength(128);
            profile.Property(p => p.DisplayName).HasMaxLength(200);
            profile.Property(p => p.AvatarId).IsMediaReference("avatar");
        });

        modelBuilder.Entity<Conversation>(conversation =>
        {
            conversation.ToTable("conversations");
            conversation.Property(c => c.TenantId).HasMaxLength(128);
            conversation.Property(c => c.Title).HasMaxLength(200);
            conversation.HasIndex(c => c.TenantId);
        });

        modelBuilder.Entity<Message>(message =>
        {
            message.ToTable("messages");
            message.HasMediaResourceType("message");
            message.Property(m => m.TenantId).HasMaxLength(128);
            message.Property(m => m.AuthorId).HasMaxLength(128);
            message.Property(m => m.AuthorName).HasMaxLength(200);
            message.Property(m => m.Text).HasMaxLength(4000);
            message.Property(m => m.AttachmentIds).IsMediaReference("attachments");
            message.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
            message.HasIndex(m => new { m.TenantId, m.ConversationId, m.Id });
        });
    }
}
