namespace MediaKit;

/// <summary>A gallery as a page shows it, returned by <see cref="IMediaGalleries.GetAsync"/>.</summary>
/// <param name="Gallery">
/// The gallery's record. Its <see cref="MediaGallery.Groups"/> holds the links that are in <paramref name="Groups"/>, in the same order.
/// </param>
/// <param name="Groups">The linked groups that the caller may see, in link order.</param>
public sealed record MediaGalleryView(MediaGallery Gallery, IReadOnlyList<MediaGalleryGroupView> Groups);

/// <summary>One linked group of a <see cref="MediaGalleryView"/>.</summary>
/// <param name="Role">The role of the link, such as <c>main_exhibit</c>.</param>
/// <param name="Visibility">Who may see the group in this gallery.</param>
/// <param name="Group">
/// The group's record. Its <see cref="MediaGroup.Items"/> holds the items of <paramref name="Items"/>, in the same order.
/// </param>
/// <param name="Items">The group's assets in order: live (not in the trash) and <see cref="MediaAssetStatus.Ready"/> ones only, with their variants.</param>
public sealed record MediaGalleryGroupView(string Role, MediaGalleryVisibility Visibility, MediaGroup Group, IReadOnlyList<MediaAsset> Items);
