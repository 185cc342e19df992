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
            return header.IndexOf("webm"u8) >= 0 ? MediaContentTypes.WebM : MediaContentTypes.OctetStream;
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
            _ => MediaContentTypes.Mp4,
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
            else if (rest.StartsWith("<!doctype svg", StringComparison.OrdinalIgnoreCase))
            {
                var end = rest.IndexOf('>');
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
                // A sequence cut by the end of the header is still text.
                return true;
            }

            for (var k = 1; k < length; k++)
            {
                if ((bytes[i + k] & 0xC0) != 0x80)
                {
                    return false;
                }
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
        return type is MediaContentTypes.OctetStream or "binary/octet-stream" or "application/x-www-form-urlencoded" ? null : type;
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
            (MediaContentTypes.Zip, MediaContentTypes.Docx or MediaContentTypes.Xlsx or MediaContentTypes.Pptx
                or MediaContentTypes.Odt or MediaContentTypes.Ods or MediaContentTypes.Odp) => hint,
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
