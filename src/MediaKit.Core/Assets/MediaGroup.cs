namespace MediaKit;

/// <summary>An ordered list of assets, such as "Summer 2026 lookbook" (seed 002's <c>image_groups</c>).</summary>
public class MediaGroup
{
    /// <summary>The group's identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant that owns the group.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The group's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>An optional description.</summary>
    public string? Description { get; set; }

    /// <summary>When the group was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the group or its items last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The group's assets, ordered by <see cref="MediaGroupItem.Position"/>.</summary>
    public List<MediaGroupItem> Items { get; set; } = [];
}

/// <summary>An asset's membership and place in a <see cref="MediaGroup"/>.</summary>
public class MediaGroupItem
{
    /// <summary>The group.</summary>
    public Guid GroupId { get; set; }

    /// <summary>The asset.</summary>
    public Guid AssetId { get; set; }

    /// <summary>The zero-based position of the asset in the group.</summary>
    public int Position { get; set; }
}

/// <summary>A named set of groups, each linked with a role such as <c>main_exhibit</c> (seed 002's <c>galleries</c>).</summary>
public class MediaGallery
{
    /// <summary>The gallery's identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant that owns the gallery.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The gallery's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>An optional description.</summary>
    public string? Description { get; set; }

    /// <summary>When the gallery was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the gallery or its links last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The groups linked to the gallery.</summary>
    public List<MediaGalleryGroup> Groups { get; set; } = [];
}

/// <summary>Who may see a group linked to a gallery.</summary>
public enum MediaGalleryVisibility
{
    /// <summary>Everyone who may see the gallery.</summary>
    Public = 0,

    /// <summary>Signed-in members only (seed 002's "behind the scenes").</summary>
    MembersOnly = 1,
}

/// <summary>The link of a group to a gallery with a role (seed 002's <c>gallery_image_group_relations</c>).</summary>
public class MediaGalleryGroup
{
    /// <summary>The gallery.</summary>
    public Guid GalleryId { get; set; }

    /// <summary>The linked group.</summary>
    public Guid GroupId { get; set; }

    /// <summary>The purpose of the link, such as <c>main_exhibit</c>, <c>behind_the_scenes</c> or <c>sketches</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>Who may see the group in this gallery.</summary>
    public MediaGalleryVisibility Visibility { get; set; }

    /// <summary>The order of the link among the gallery's links.</summary>
    public int Position { get; set; }
}
