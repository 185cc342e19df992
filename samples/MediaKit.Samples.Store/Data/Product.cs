namespace MediaKit.Samples.Store.Data;

/// <summary>A product of the store (seeds 000 and 004): a main image and an ordered gallery, both from the media library.</summary>
public sealed class Product
{
    public int Id { get; set; }

    /// <summary>The organization the product belongs to (the MediaKit tenant).</summary>
    public required string TenantId { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public decimal Price { get; set; }

    /// <summary>The image shown in listings; a media reference (usage field <c>main_image</c>).</summary>
    public Guid? MainImageId { get; set; }

    /// <summary>The gallery, in display order; a media reference (usage field <c>gallery</c>).</summary>
    public List<Guid> GalleryImageIds { get; set; } = [];
}

/// <summary>A home-page banner: one image (usage field <c>image</c>).</summary>
public sealed class Banner
{
    public int Id { get; set; }

    public required string TenantId { get; set; }

    public required string Title { get; set; }

    public string? LinkUrl { get; set; }

    public Guid ImageId { get; set; }
}

/// <summary>The store's settings, one row per organization (seed 000's logo and favicon).</summary>
public sealed class StoreSettings
{
    /// <summary>The organization (the MediaKit tenant); the key.</summary>
    public required string TenantId { get; set; }

    public string StoreName { get; set; } = "Atelier";

    /// <summary>The logo (usage field <c>logo</c>).</summary>
    public Guid? LogoId { get; set; }

    /// <summary>The favicon (usage field <c>favicon</c>).</summary>
    public Guid? FaviconId { get; set; }
}
