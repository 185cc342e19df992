namespace MediaKit;

/// <summary>
/// Changes to an asset's descriptive fields. A <see langword="null"/> property leaves the field as it is; an empty string
/// clears <see cref="Title"/> or <see cref="AltText"/>; <see cref="Tags"/> replaces the whole list.
/// </summary>
public sealed record MediaAssetChanges
{
    /// <summary>A new display file name; normalized like an uploaded one. It never changes the storage key.</summary>
    public string? FileName { get; init; }

    /// <summary>A new title (at most 512 characters); empty to clear it.</summary>
    public string? Title { get; init; }

    /// <summary>New alternative text (at most 1024 characters); empty to clear it.</summary>
    public string? AltText { get; init; }

    /// <summary>The new tags (at most 50, each 1 to 64 characters), replacing the old ones.</summary>
    public IReadOnlyList<string>? Tags { get; init; }
}
