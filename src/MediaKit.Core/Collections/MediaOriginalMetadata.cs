namespace MediaKit;

/// <summary>What happens to the metadata of a stored original (variants are always stripped unless a definition keeps it).</summary>
public enum MediaOriginalMetadata
{
    /// <summary>The original is stored byte for byte as uploaded. The default.</summary>
    Keep,

    /// <summary>
    /// The GPS position is removed from JPEG, PNG and WebP originals while they are stored, losslessly (no re-encoding): the
    /// EXIF GPS directory is emptied and unlinked, and XMP (which can repeat the position) is dropped (blanked in WebP, whose
    /// size is fixed by its header). Camera, date, orientation and color profile stay. Other formats (HEIC, AVIF, GIF) are
    /// stored as uploaded: a collection that must never keep a position should not accept them.
    /// </summary>
    RemoveGps,
}
