namespace MediaKit;

/// <summary>The content types MediaKit recognizes from a file's bytes, and their kinds and extensions.</summary>
public static class MediaContentTypes
{
#pragma warning disable CS1591 // The constants are the content types themselves.
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Gif = "image/gif";
    public const string WebP = "image/webp";
    public const string Avif = "image/avif";
    public const string Heic = "image/heic";
    public const string Svg = "image/svg+xml";
    public const string Pdf = "application/pdf";
    public const string Mp4 = "video/mp4";
    public const string QuickTime = "video/quicktime";
    public const string WebM = "video/webm";
    public const string OggVideo = "video/ogg";
    public const string Mp3 = "audio/mpeg";
    public const string Wav = "audio/wav";
    public const string Ogg = "audio/ogg";
    public const string M4a = "audio/mp4";
    public const string Zip = "application/zip";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Odt = "application/vnd.oasis.opendocument.text";
    public const string Ods = "application/vnd.oasis.opendocument.spreadsheet";
    public const string Odp = "application/vnd.oasis.opendocument.presentation";
    public const string PlainText = "text/plain";
    public const string Csv = "text/csv";
    public const string Markdown = "text/markdown";
    public const string Json = "application/json";
    public const string Xml = "application/xml";
    public const string Html = "text/html";
    public const string Php = "application/x-httpd-php";
    public const string JavaScript = "text/javascript";
    public const string OctetStream = "application/octet-stream";
#pragma warning restore CS1591

    /// <summary>The raster image types accepted by <see cref="MediaCollectionOptions.AcceptImages"/>. SVG is not among them: it can carry scripts.</summary>
    public static IReadOnlyList<string> RasterImages { get; } = [Jpeg, Png, Gif, WebP, Avif, Heic];

    /// <summary>The video types accepted by <see cref="MediaCollectionOptions.AcceptVideos"/>.</summary>
    public static IReadOnlyList<string> Videos { get; } = [Mp4, QuickTime, WebM, OggVideo];

    /// <summary>The audio types accepted by <see cref="MediaCollectionOptions.AcceptAudio"/>.</summary>
    public static IReadOnlyList<string> Audio { get; } = [Mp3, Wav, Ogg, M4a];

    /// <summary>The document types accepted by <see cref="MediaCollectionOptions.AcceptDocuments"/>.</summary>
    public static IReadOnlyList<string> Documents { get; } = [Pdf, Docx, Xlsx, Pptx, Odt, Ods, Odp, PlainText, Csv, Markdown];

    private static readonly Dictionary<string, (MediaKind Kind, string Extension)> s_types = new(StringComparer.OrdinalIgnoreCase)
    {
        [Jpeg] = (MediaKind.Image, "jpg"),
        [Png] = (MediaKind.Image, "png"),
        [Gif] = (MediaKind.Image, "gif"),
        [WebP] = (MediaKind.Image, "webp"),
        [Avif] = (MediaKind.Image, "avif"),
        [Heic] = (MediaKind.Image, "heic"),
        [Svg] = (MediaKind.Image, "svg"),
        [Pdf] = (MediaKind.Document, "pdf"),
        [Mp4] = (MediaKind.Video, "mp4"),
        [QuickTime] = (MediaKind.Video, "mov"),
        [WebM] = (MediaKind.Video, "webm"),
        [OggVideo] = (MediaKind.Video, "ogv"),
        [Mp3] = (MediaKind.Audio, "mp3"),
        [Wav] = (MediaKind.Audio, "wav"),
        [Ogg] = (MediaKind.Audio, "ogg"),
        [M4a] = (MediaKind.Audio, "m4a"),
        [Zip] = (MediaKind.Other, "zip"),
        [Docx] = (MediaKind.Document, "docx"),
        [Xlsx] = (MediaKind.Document, "xlsx"),
        [Pptx] = (MediaKind.Document, "pptx"),
        [Odt] = (MediaKind.Document, "odt"),
        [Ods] = (MediaKind.Document, "ods"),
        [Odp] = (MediaKind.Document, "odp"),
        [PlainText] = (MediaKind.Document, "txt"),
        [Csv] = (MediaKind.Document, "csv"),
        [Markdown] = (MediaKind.Document, "md"),
        [Json] = (MediaKind.Document, "json"),
        [Xml] = (MediaKind.Other, "xml"),
        [Html] = (MediaKind.Other, "html"),
        [Php] = (MediaKind.Other, "php"),
        [JavaScript] = (MediaKind.Other, "js"),
        [OctetStream] = (MediaKind.Other, "bin"),
    };

    private static readonly Dictionary<string, string> s_extensions = BuildExtensions();

    /// <summary>The kind of files of <paramref name="contentType"/>; <see cref="MediaKind.Other"/> for unknown types.</summary>
    public static MediaKind GetKind(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        if (s_types.TryGetValue(contentType, out var info))
        {
            return info.Kind;
        }

        return contentType.Split('/')[0].ToLowerInvariant() switch
        {
            "image" => MediaKind.Image,
            "video" => MediaKind.Video,
            "audio" => MediaKind.Audio,
            _ => MediaKind.Other,
        };
    }

    /// <summary>The extension (without a dot) used for stored files of <paramref name="contentType"/>; <c>bin</c> for unknown types.</summary>
    public static string GetExtension(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        return s_types.TryGetValue(contentType, out var info) ? info.Extension : "bin";
    }

    /// <summary>The content type that a file name's extension implies, or <see langword="null"/> when the extension is unknown or missing.</summary>
    public static string? FromFileName(string? fileName)
    {
        var extension = Path.GetExtension(fileName);
        return string.IsNullOrEmpty(extension) ? null : s_extensions.GetValueOrDefault(extension[1..]);
    }

    /// <summary>Whether a browser could run files of <paramref name="contentType"/> as active content (HTML, SVG, scripts, unknown types); such files are served as downloads.</summary>
    public static bool IsActive(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        return contentType.Equals(Svg, StringComparison.OrdinalIgnoreCase)
            || contentType.Equals(Html, StringComparison.OrdinalIgnoreCase)
            || contentType.Equals(Xml, StringComparison.OrdinalIgnoreCase)
            || contentType.Equals(Php, StringComparison.OrdinalIgnoreCase)
            || contentType.Equals(JavaScript, StringComparison.OrdinalIgnoreCase)
            || !s_types.ContainsKey(contentType);
    }

    private static Dictionary<string, string> BuildExtensions()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (type, info) in s_types)
        {
            map[info.Extension] = type;
        }

        foreach (var (extension, type) in new[]
        {
            ("jpeg", Jpeg), ("jpe", Jpeg), ("jfif", Jpeg), ("heif", Heic), ("m4v", Mp4), ("qt", QuickTime),
            ("oga", Ogg), ("opus", Ogg), ("text", PlainText), ("log", PlainText), ("htm", Html), ("xhtml", Html),
            ("phtml", Php), ("php3", Php), ("php4", Php), ("php5", Php), ("phar", Php), ("mjs", JavaScript),
        })
        {
            map[extension] = type;
        }

        map.Remove("bin");
        return map;
    }
}
