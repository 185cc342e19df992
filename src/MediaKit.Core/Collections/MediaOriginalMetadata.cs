namespace MediaKit;

/// <summary>What happens to the metadata of a stored original (variants are always stripped unless a definition keeps it).</summary>
public enum MediaOriginalMetadata
{
    /// <summary>The original is stored byte for byte as uploaded. The default.</summary>
    Keep,

    /// <summary>
    /// The GPS position is removed from JPEG originals while they are stored, losslessly (no re-encoding): the EXIF GPS
    /// directory is emptied and unlinked, and the XMP packet (which can repeat the position) is dropped. Camera, date,
    /// orientation and color profile stay. Other formats are stored as uploaded.
    /// </summary>
    RemoveGps,
}
