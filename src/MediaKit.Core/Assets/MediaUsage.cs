namespace MediaKit;

/// <summary>
/// A reference from an entity of the host application to an asset, such as product 42's <c>gallery</c> field.
/// </summary>
/// <remarks>An asset appears at most once per (resource type, resource id, field); <see cref="Position"/> orders ordered fields.</remarks>
public class MediaUsage
{
    /// <summary>The usage's identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant of the asset and of the using entity.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The asset that is used.</summary>
    public Guid AssetId { get; set; }

    /// <summary>The kind of entity that uses the asset, such as <c>product</c> or <c>course</c>.</summary>
    public string ResourceType { get; set; } = "";

    /// <summary>The identifier of the using entity.</summary>
    public string ResourceId { get; set; } = "";

    /// <summary>The field of the entity that holds the reference, such as <c>thumbnail</c> or <c>gallery</c>.</summary>
    public string Field { get; set; } = "";

    /// <summary>The zero-based position of the asset in an ordered field; 0 for single references.</summary>
    public int Position { get; set; }

    /// <summary>When the reference was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
