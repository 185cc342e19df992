using System.Globalization;
using System.Text;
using MediaKit.Processing;
using NetVips;

namespace MediaKit.Imaging.Vips.Internal;

/// <summary>
/// What an image's header says, read without decoding pixels: size, orientation, frames, and the safe subset of its
/// metadata (format, color profile, camera, taken-at, copyright, caption). GPS positions are never read.
/// </summary>
internal sealed class VipsHeader
{
    public required int Width { get; init; }

    public required int FrameHeight { get; init; }

    public required int Frames { get; init; }

    public required int Orientation { get; init; }

    public required Dictionary<string, string> Metadata { get; init; }

    public bool IsTransposed => Orientation is >= 5 and <= 8;

    public int UprightWidth => IsTransposed ? FrameHeight : Width;

    public int UprightHeight => IsTransposed ? Width : FrameHeight;

    /// <summary>Opens the header of <paramref name="content"/> and checks the limits before anything is decoded.</summary>
    /// <exception cref="MediaException">Corrupt, over the pixel limit, or over the frame limit.</exception>
    public static VipsHeader Read(Stream content, VipsImagingOptions options)
    {
        VipsRuntime.EnsureInitialized();
        Image image;
        try
        {
            // Sequential access reads only what the header needs; the loaders report an animation's frame count (n-pages) from it.
            image = Image.NewFromStream(content, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        }
        catch (VipsException ex)
        {
            throw new MediaException(MediaErrorCodes.Corrupt, "The image could not be read: it is corrupt, truncated, or not an image of an accepted format.", ex);
        }

        using (image)
        {
            var frames = image.Contains("n-pages") && image.Get("n-pages") is int pages && pages > 0 ? pages : 1;
            var frameHeight = image.Height;
            if (image.Width <= 0 || frameHeight <= 0)
            {
                throw new MediaException(MediaErrorCodes.Corrupt, "The image declares no pixels.");
            }

            var pixels = (long)image.Width * frameHeight;
            if (pixels > options.MaxPixels)
            {
                throw new MediaException(MediaErrorCodes.TooLarge, $"The image has {pixels:N0} pixels; at most {options.MaxPixels:N0} are allowed.");
            }

            if (frames > options.MaxFrames)
            {
                throw new MediaException(MediaErrorCodes.TooManyFrames, $"The image has {frames:N0} frames; at most {options.MaxFrames:N0} are allowed.");
            }

            if (image.Contains("heif-compression") && image.Get("heif-compression") is "hevc" && !VipsRuntime.DecodesHevc)
            {
                throw new MediaException(
                    MediaErrorCodes.CodecUnavailable,
                    "This HEIC photo is HEVC-compressed, and the server's image engine cannot decode HEVC (the bundled libvips is built without it). Upload it as JPEG (phones can export or share photos as JPEG), or run the app on a libvips with an HEVC decoder.");
            }

            var orientation = image.Contains("orientation") && image.Get("orientation") is int o && o is >= 1 and <= 8 ? o : 1;
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            if (image.Contains("vips-loader") && image.Get("vips-loader") is string loader)
            {
                metadata[MediaMetadataKeys.Format] = FormatOf(loader);
            }

            metadata[MediaMetadataKeys.Orientation] = orientation.ToString(CultureInfo.InvariantCulture);
            metadata[MediaMetadataKeys.FrameCount] = frames.ToString(CultureInfo.InvariantCulture);
            if (image.Contains("icc-profile-data") && image.Get("icc-profile-data") is byte[] icc && IccDescription(icc) is { } description)
            {
                metadata[MediaMetadataKeys.ColorProfile] = description;
            }

            var make = Exif(image, "exif-ifd0-Make");
            var model = Exif(image, "exif-ifd0-Model");
            var camera = model is not null && make is not null && !model.StartsWith(make, StringComparison.OrdinalIgnoreCase) ? $"{make} {model}" : model ?? make;
            Put(metadata, MediaMetadataKeys.Camera, camera);
            Put(metadata, MediaMetadataKeys.TakenAt, TakenAt(Exif(image, "exif-ifd2-DateTimeOriginal") ?? Exif(image, "exif-ifd0-DateTime")));
            var iptc = image.Contains("iptc-data") && image.Get("iptc-data") is byte[] blob ? Iptc(blob) : default;
            Put(metadata, MediaMetadataKeys.Copyright, Exif(image, "exif-ifd0-Copyright") ?? iptc.Copyright);
            Put(metadata, MediaMetadataKeys.Caption, Exif(image, "exif-ifd0-ImageDescription") ?? iptc.Caption);
            return new VipsHeader { Width = image.Width, FrameHeight = frameHeight, Frames = frames, Orientation = orientation, Metadata = metadata };
        }
    }

    private static void Put(Dictionary<string, string> metadata, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            // Metadata is shown in UIs and stored in one column: keep it short and printable.
            var clean = new string(value.Where(c => !char.IsControl(c)).ToArray()).Trim();
            metadata[key] = clean.Length > 256 ? clean[..256] : clean;
        }
    }

    private static string FormatOf(string loader)
    {
        var name = loader.Split('_')[0];
        name = name.EndsWith("load", StringComparison.Ordinal) ? name[..^4] : name;
        return name switch
        {
            "heif" => "heif",
            _ => name,
        };
    }

    /// <summary>libvips renders EXIF strings as <c>value (description, type, n components, n bytes)</c>; the value is what we keep.</summary>
    private static string? Exif(Image image, string field)
    {
        if (!image.Contains(field) || image.Get(field) is not string text)
        {
            return null;
        }

        var cut = text.LastIndexOf(" (", StringComparison.Ordinal);
        var value = (cut >= 0 ? text[..cut] : text).Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>EXIF dates are <c>yyyy:MM:dd HH:mm:ss</c> local camera time; stored as ISO 8601 without an offset.</summary>
    private static string? TakenAt(string? exif)
        => exif is not null && DateTime.TryParseExact(exif, "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var taken)
            ? taken.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : null;

    /// <summary>The description of an ICC profile: a v2 <c>desc</c> (ASCII) or v4 <c>mluc</c> (UTF-16) tag.</summary>
    internal static string? IccDescription(byte[] icc)
    {
        try
        {
            if (icc.Length < 132)
            {
                return null;
            }

            var count = ReadUInt32(icc, 128);
            for (var i = 0; i < count && 132 + (i * 12) + 12 <= icc.Length; i++)
            {
                var at = 132 + (i * 12);
                if (Encoding.ASCII.GetString(icc, at, 4) != "desc")
                {
                    continue;
                }

                var offset = (int)ReadUInt32(icc, at + 4);
                var size = (int)ReadUInt32(icc, at + 8);
                if (offset < 0 || size < 12 || offset + size > icc.Length)
                {
                    return null;
                }

                var type = Encoding.ASCII.GetString(icc, offset, 4);
                if (type == "desc")
                {
                    var length = (int)ReadUInt32(icc, offset + 8);
                    length = Math.Min(length, size - 12);
                    return length <= 0 ? null : Encoding.ASCII.GetString(icc, offset + 12, length).TrimEnd('\0').Trim();
                }

                if (type == "mluc" && size >= 28)
                {
                    var recordLength = (int)ReadUInt32(icc, offset + 20);
                    var recordOffset = (int)ReadUInt32(icc, offset + 24);
                    if (recordLength > 0 && recordOffset + recordLength <= size)
                    {
                        return Encoding.BigEndianUnicode.GetString(icc, offset + recordOffset, recordLength).TrimEnd('\0').Trim();
                    }
                }

                return null;
            }
        }
        catch (ArgumentException)
        {
            // A malformed profile has no description worth showing.
        }

        return null;
    }

    private static uint ReadUInt32(byte[] data, int offset) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset, 4));

    /// <summary>Reads IPTC-IIM records 2:116 (copyright notice) and 2:120 (caption) from libvips' raw IPTC block (which may be wrapped in Photoshop 8BIM resources).</summary>
    internal static (string? Copyright, string? Caption) Iptc(byte[] data)
    {
        string? copyright = null, caption = null;
        for (var i = 0; i + 5 <= data.Length; i++)
        {
            if (data[i] != 0x1C || data[i + 1] != 2)
            {
                continue;
            }

            var dataset = data[i + 2];
            var length = (data[i + 3] << 8) | data[i + 4];
            if ((length & 0x8000) != 0 || i + 5 + length > data.Length)
            {
                continue;
            }

            var value = Encoding.UTF8.GetString(data, i + 5, length);
            if (dataset == 116)
            {
                copyright ??= value;
            }
            else if (dataset == 120)
            {
                caption ??= value;
            }

            i += 4 + length;
        }

        return (copyright, caption);
    }
}
