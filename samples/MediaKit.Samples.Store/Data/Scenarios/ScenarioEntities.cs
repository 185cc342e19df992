namespace MediaKit.Samples.Store.Data.Scenarios;

/// <summary>A course of the learning area (seed 001): a title and a thumbnail from the library (usage field <c>thumbnail</c>).</summary>
public sealed class Course
{
    /// <summary>The key.</summary>
    public int Id { get; set; }

    /// <summary>The organization the course belongs to (the MediaKit tenant).</summary>
    public required string TenantId { get; set; }

    /// <summary>The course's title.</summary>
    public required string Title { get; set; }

    /// <summary>A short description shown on the course page.</summary>
    public string? Description { get; set; }

    /// <summary>The thumbnail, an image of collection <c>courses</c>; a media reference (usage field <c>thumbnail</c>).</summary>
    public Guid? ThumbnailId { get; set; }
}

/// <summary>A lesson of a course (seed 001): a video of collection <c>lessons</c> (usage field <c>video</c>).</summary>
public sealed class Lesson
{
    /// <summary>The key.</summary>
    public int Id { get; set; }

    /// <summary>The organization (the MediaKit tenant).</summary>
    public required string TenantId { get; set; }

    /// <summary>The course the lesson belongs to.</summary>
    public int CourseId { get; set; }

    /// <summary>The lesson's title.</summary>
    public required string Title { get; set; }

    /// <summary>The lesson's place in its course, from 0.</summary>
    public int Position { get; set; }

    /// <summary>The lesson's video; a media reference (usage field <c>video</c>).</summary>
    public Guid? VideoId { get; set; }
}

/// <summary>A user's profile in one organization (seed 001's <c>User.avatar</c>), keyed by organization and user id.</summary>
public sealed class UserProfile
{
    /// <summary>The organization (the MediaKit tenant); the first part of the key.</summary>
    public required string TenantId { get; set; }

    /// <summary>The user's id (the <c>NameIdentifier</c> claim); the second part of the key.</summary>
    public required string UserId { get; set; }

    /// <summary>The name shown next to the avatar.</summary>
    public required string DisplayName { get; set; }

    /// <summary>The avatar, an image of collection <c>avatars</c>; a media reference (usage field <c>avatar</c>).</summary>
    public Guid? AvatarId { get; set; }
}

/// <summary>A chat conversation of an organization (seed 003).</summary>
public sealed class Conversation
{
    /// <summary>The key.</summary>
    public int Id { get; set; }

    /// <summary>The organization (the MediaKit tenant).</summary>
    public required string TenantId { get; set; }

    /// <summary>The conversation's title.</summary>
    public required string Title { get; set; }

    /// <summary>When the conversation was started.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A message of a conversation (seed 003): text and ordered attachments of collection <c>chat</c> (usage field <c>attachments</c>).</summary>
public sealed class Message
{
    /// <summary>The key; messages are shown in key order.</summary>
    public int Id { get; set; }

    /// <summary>The conversation.</summary>
    public int ConversationId { get; set; }

    /// <summary>The organization (the MediaKit tenant).</summary>
    public required string TenantId { get; set; }

    /// <summary>The author's user id.</summary>
    public required string AuthorId { get; set; }

    /// <summary>The author's display name when the message was sent.</summary>
    public string? AuthorName { get; set; }

    /// <summary>The text; may be empty when the message only carries attachments.</summary>
    public string Text { get; set; } = "";

    /// <summary>When the message was sent.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The attached files, in order; a media reference (usage field <c>attachments</c>).</summary>
    public List<Guid> AttachmentIds { get; set; } = [];
}
