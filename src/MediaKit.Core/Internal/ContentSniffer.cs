using System.Text;

namespace MediaKit.Internal;

/// <summary>
/// Decides a file's content type from its first bytes (magic numbers), then lets the file name and the
/// client's declared type narrow that decision, never widen it.
/// </summary>
internal static class ContentSniffer
{
    /// <summary>How many leading bytes the sniffer looks at.</summary>
    public const int HeaderLength = 4096;

    public static string Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return MediaContentTypes.Jpeg;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return MediaContentTypes.Png;
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return MediaContentTypes.Gif;
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8))
        {
            var form = header.Slice(8, 4);
            if (form.SequenceEqual("WEBP"u8))
            {
                return MediaContentTypes.WebP;
            }

            if (form.SequenceEqual("WAVE"u8))
            {
                return MediaContentTypes.Wav;
            }
        }

        if (header.Length >= 12 && header.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return DetectIsoBaseMedia(header);
        }

        if (header.StartsWith("%PDF-"u8))
        {
            return MediaContentTypes.Pdf;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            // EBML: WebM declares its DocType "webm" in the header; other Matroska files are not accepted as WebM.
            return IsWebMDocType(header) ? MediaContentTypes.WebM : MediaContentTypes.OctetStream;
        }

        if (header.StartsWith("OggS"u8))
        {
            return header.IndexOf((ReadOnlySpan<byte>)[0x80, (byte)'t', (byte)'h', (byte)'e', (byte)'o', (byte)'r', (byte)'a']) >= 0 ? MediaContentTypes.OggVideo : MediaContentTypes.Ogg;
        }

        if (header.StartsWith("ID3"u8) || (header.Length >= 2 && header[0] == 0xFF && (header[1] & 0xE6) == 0xE2))
        {
            // ID3 tag, or an MPEG audio frame sync (11 set bits) with layer III.
            return MediaContentTypes.Mp3;
        }

        if (header.StartsWith("PK\x03\x04"u8))
        {
            return DetectZip(header);
        }

        return DetectText(header);
    }

    // The EBML DocType element (ID 0x4282, a one-byte size, then the string) must say "webm".
    private static bool IsWebMDocType(ReadOnlySpan<byte> header)
    {
        var at = header.IndexOf((ReadOnlySpan<byte>)[0x42, 0x82]);
        return at >= 0 && at + 7 <= header.Length && header.Slice(at + 3, 4).SequenceEqual("webm"u8);
    }

    private static string DetectIsoBaseMedia(ReadOnlySpan<byte> header)
    {
        var boxLength = (int)Math.Min((uint)(header[0] << 24 | header[1] << 16 | header[2] << 8 | header[3]), (uint)header.Length);
        var majorBrand = header.Slice(8, 4);
        var brands = new List<string> { Encoding.ASCII.GetString(majorBrand) };
        for (var offset = 16; offset + 4 <= boxLength; offset += 4)
        {
            brands.Add(Encoding.ASCII.GetString(header.Slice(offset, 4)));
        }

        if (brands.Contains("avif") || brands.Contains("avis"))
        {
            return MediaContentTypes.Avif;
        }

        if (brands.Exists(b => b is "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx" or "mif1" or "msf1"))
        {
            return MediaContentTypes.Heic;
        }

        return brands[0] switch
        {
            "qt  " => MediaContentTypes.QuickTime,
            "M4A " or "M4B " => MediaContentTypes.M4a,
            "isom" or "iso2" or "iso3" or "iso4" or "iso5" or "iso6" or "mp41" or "mp42" or "avc1" or "dash" or "M4V " or "M4VP"
                or "MSNV" or "NDAS" or "f4v " or "mmp4" or "3gp4" or "3gp5" or "3gp6" or "3g2a" => MediaContentTypes.Mp4,
            // Other ISO media (camera raw files such as Canon CR3, JPEG 2000) is not an MP4 video.
            _ => MediaContentTypes.OctetStream,
        };
    }

    private static string DetectZip(ReadOnlySpan<byte> header)
    {
        // OpenDocument stores an uncompressed "mimetype" entry first; OOXML starts with [Content_Types].xml
        // and names its parts (word/, xl/, ppt/) in the local headers that follow.
        const int nameOffset = 30;
        if (header.Length > nameOffset + 8 && header.Slice(nameOffset, 8).SequenceEqual("mimetype"u8))
        {
            if (header.IndexOf("application/vnd.oasis.opendocument.text"u8) >= 0)
            {
                return MediaContentTypes.Odt;
            }

            if (header.IndexOf("application/vnd.oasis.opendocument.spreadsheet"u8) >= 0)
            {
                return MediaContentTypes.Ods;
            }

            if (header.IndexOf("application/vnd.oasis.opendocument.presentation"u8) >= 0)
            {
                return MediaContentTypes.Odp;
            }
        }

        if (header.IndexOf("[Content_Types].xml"u8) >= 0 || header.IndexOf("_rels/.rels"u8) >= 0)
        {
            if (header.IndexOf("word/"u8) >= 0)
            {
                return MediaContentTypes.Docx;
            }

            if (header.IndexOf("xl/"u8) >= 0)
            {
                return MediaContentTypes.Xlsx;
            }

            if (header.IndexOf("ppt/"u8) >= 0)
            {
                return MediaContentTypes.Pptx;
            }
        }

        return MediaContentTypes.Zip;
    }

    private static string DetectText(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            header = header[3..];
        }
        else if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || header.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            // UTF-16 text: look no further than its being text.
            return MediaContentTypes.PlainText;
        }

        if (!IsText(header))
        {
            return MediaContentTypes.OctetStream;
        }

        var text = Encoding.UTF8.GetString(header).TrimStart();
        if (StartsWithAny(text, "<?php", "<?=", "<%", "#!/"))
        {
            return MediaContentTypes.Php;
        }

        var markup = SkipXmlProlog(text);
        if (StartsWithAny(markup, "<svg"))
        {
            return MediaContentTypes.Svg;
        }

        if (StartsWithAny(markup, "<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<meta", "<a ", "<div", "<img", "<style", "<title", "<form", "<object", "<embed"))
        {
            return MediaContentTypes.Html;
        }

        if (text.Contains("<script", StringComparison.OrdinalIgnoreCase) || text.Contains("<?php", StringComparison.OrdinalIgnoreCase))
        {
            // Text that a browser or a PHP interpreter would run, wherever the tag sits.
            return text.Contains("<?php", StringComparison.OrdinalIgnoreCase) ? MediaContentTypes.Php : MediaContentTypes.Html;
        }

        if (text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) || (markup.StartsWith('<') && markup.Length > 1 && char.IsLetter(markup[1])))
        {
            return MediaContentTypes.Xml;
        }

        return MediaContentTypes.PlainText;
    }

    private static string SkipXmlProlog(string text)
    {
        var rest = text;
        while (true)
        {
            rest = rest.TrimStart();
            if (rest.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
            {
                var end = rest.IndexOf("?>", StringComparison.Ordinal);
                if (end < 0)
                {
                    return rest;
                }

                rest = rest[(end + 2)..];
            }
            else if (rest.StartsWith("<!--", StringComparison.Ordinal))
            {
                var end = rest.IndexOf("-->", StringComparison.Ordinal);
                if (end < 0)
                {
                    return rest;
                }

                rest = rest[(end + 3)..];
            }
            else if (rest.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase) && !rest.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase))
            {
                // An internal subset ([ ... ]) may hold '>' characters of its own.
                var subset = rest.IndexOf('[');
                var close = rest.IndexOf('>');
                var end = subset >= 0 && subset < close ? rest.IndexOf("]", subset, StringComparison.Ordinal) : close;
                end = end < 0 ? -1 : rest.IndexOf('>', end);
                if (end < 0)
                {
                    return rest;
                }

                rest = rest[(end + 1)..];
            }
            else
            {
                return rest;
            }
        }
    }

    private static bool StartsWithAny(string text, params string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
                {
                    return false;
                }

                i++;
                continue;
            }

            var length = b switch
            {
                >= 0xC2 and <= 0xDF => 2,
                >= 0xE0 and <= 0xEF => 3,
                >= 0xF0 and <= 0xF4 => 4,
                _ => 0,
            };
            if (length == 0)
            {
                return false;
            }

            if (i + length > bytes.Length)
            {
                // A sequence cut by the end of the header is still text if what is there continues it.
                for (var k = i + 1; k < bytes.Length; k++)
                {
                    if ((bytes[k] & 0xC0) != 0x80)
                    {
                        return false;
                    }
                }

                return true;
            }

            for (var k = 1; k < length; k++)
            {
                if ((bytes[i + k] & 0xC0) != 0x80)
                {
                    return false;
                }
            }

            // Reject overlong forms and UTF-16 surrogates encoded in UTF-8.
            var second = bytes[i + 1];
            if ((b == 0xE0 && second < 0xA0) || (b == 0xED && second > 0x9F) || (b == 0xF0 && second < 0x90) || (b == 0xF4 && second > 0x8F))
            {
                return false;
            }

            i += length;
        }

        return true;
    }

    /// <summary>
    /// Combines the type decided from the bytes with the hints of the file name and the declared type. A hint may
    /// narrow the decision (a ZIP named <c>.docx</c>, text named <c>.csv</c>) or agree with its kind; a hint of
    /// another kind is a contradiction and the upload is refused.
    /// </summary>
    /// <exception cref="MediaTypeRejectedException">A hint contradicts the bytes.</exception>
    // Names browsers and operating systems declare for types that have another registered name.
    private static readonly Dictionary<string, string> s_declaredAliases = new(StringComparer.Ordinal)
    {
        ["image/jpg"] = MediaContentTypes.Jpeg,
        ["image/pjpeg"] = MediaContentTypes.Jpeg,
        ["image/x-png"] = MediaContentTypes.Png,
        ["image/heif"] = MediaContentTypes.Heic,
        ["image/x-icon"] = "image/vnd.microsoft.icon",
        ["application/x-zip-compressed"] = MediaContentTypes.Zip,
        ["application/x-zip"] = MediaContentTypes.Zip,
        ["application/x-pdf"] = MediaContentTypes.Pdf,
        ["audio/x-wav"] = MediaContentTypes.Wav,
        ["audio/wave"] = MediaContentTypes.Wav,
        ["audio/vnd.wave"] = MediaContentTypes.Wav,
        ["audio/mp3"] = MediaContentTypes.Mp3,
        ["audio/x-m4a"] = MediaContentTypes.M4a,
        ["video/x-m4v"] = MediaContentTypes.Mp4,
        ["text/x-csv"] = MediaContentTypes.Csv,
        ["application/csv"] = MediaContentTypes.Csv,
        ["text/x-markdown"] = MediaContentTypes.Markdown,
    };

    public static string Resolve(string detected, string? fileName, string? declaredContentType)
    {
        var resolved = Narrow(detected, MediaContentTypes.FromFileName(fileName), "file name");
        var declared = NormalizeDeclared(declaredContentType);
        return declared is null ? resolved : Narrow(resolved, declared, "declared content type");
    }

    private static string? NormalizeDeclared(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return null;
        }

        var type = declared.Split(';')[0].Trim().ToLowerInvariant();
        return type switch
        {
            // Says nothing about the content, or is ambiguous: Windows browsers with Excel declare .csv files as ms-excel.
            MediaContentTypes.OctetStream or "binary/octet-stream" or "application/x-www-form-urlencoded" or "application/vnd.ms-excel" => null,
            _ => s_declaredAliases.GetValueOrDefault(type, type),
        };
    }

    private static string Narrow(string detected, string? hint, string hintName)
    {
        if (hint is null || hint.Equals(detected, StringComparison.OrdinalIgnoreCase))
        {
            return detected;
        }

        var narrowed = (detected, hint) switch
        {
            (MediaContentTypes.PlainText, MediaContentTypes.Csv or MediaContentTypes.Markdown or MediaContentTypes.Json) => hint,
            (MediaContentTypes.PlainText, "text/tab-separated-values") => hint,
            (MediaContentTypes.Mp4, MediaContentTypes.M4a) => hint,
            (MediaContentTypes.Ogg, MediaContentTypes.OggVideo) => hint,
            (MediaContentTypes.Xml, MediaContentTypes.PlainText) => MediaContentTypes.Xml,
            _ => null,
        };
        if (narrowed is not null)
        {
            return narrowed;
        }

        var detectedKind = MediaContentTypes.GetKind(detected);
        if (detectedKind != MediaKind.Other && detectedKind == MediaContentTypes.GetKind(hint))
        {
            // Same family (a PNG named .jpg): the bytes decide the exact type.
            return detected;
        }

        throw new MediaTypeRejectedException(
            MediaErrorCodes.TypeMismatch,
            detected,
            $"The file's {hintName} says '{hint}' but its content is '{detected}'.");
    }
}
