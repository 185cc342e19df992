namespace MediaKit.Processing;

/// <summary>
/// The well-known keys of <see cref="MediaAsset.Metadata"/>. Values are invariant-culture strings; dates are ISO 8601.
/// </summary>
public static class MediaMetadataKeys
{
    /// <summary>The decoder's name for the format, such as <c>jpeg</c>, <c>png</c>, <c>h264</c>.</summary>
    public const string Format = "format";

    /// <summary>The EXIF orientation of the original (1–8) before auto-orientation.</summary>
    public const string Orientation = "orientation";

    /// <summary>The number of frames (pages) of an animated image.</summary>
    public const string FrameCount = "frames";

    /// <summary>The description of the embedded color profile.</summary>
    public const string ColorProfile = "color-profile";

    /// <summary>The camera make and model.</summary>
    public const string Camera = "camera";

    /// <summary>When the picture was taken, as written by the camera.</summary>
    public const string TakenAt = "taken-at";

    /// <summary>The copyright notice.</summary>
    public const string Copyright = "copyright";

    /// <summary>The caption or image description.</summary>
    public const string Caption = "caption";

    /// <summary>The video stream's codec.</summary>
    public const string VideoCodec = "video-codec";

    /// <summary>The audio stream's codec.</summary>
    public const string AudioCodec = "audio-codec";
}
