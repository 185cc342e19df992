using System.Buffers.Binary;
using System.Text;

namespace MediaKit.Core.Tests.TestSupport;

/// <summary>Builds the smallest headers that carry a format's magic numbers, byte by byte.</summary>
internal static class Samples
{
    public static byte[] Join(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] BigEndian32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] LittleEndian32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    /// <summary>An ISO base media <c>ftyp</c> box followed by the start of an <c>mdat</c> box.</summary>
    public static byte[] Ftyp(string majorBrand, params string[] compatibleBrands)
        => Join(
        [
            BigEndian32((uint)(16 + 4 * compatibleBrands.Length)),
            Ascii("ftyp"),
            Ascii(majorBrand),
            [0, 0, 0, 0],
            .. compatibleBrands.Select(Ascii),
            BigEndian32(8),
            Ascii("mdat"),
        ]);

    /// <summary>A stored ZIP local file header with its name and data.</summary>
    public static byte[] ZipEntry(string name, byte[] data)
    {
        var header = new byte[30];
        Ascii("PK\x03\x04").CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 20); // version needed
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(18), (uint)data.Length); // compressed size
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(22), (uint)data.Length); // uncompressed size
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(26), (ushort)Encoding.UTF8.GetByteCount(name));
        return Join(header, Utf8(name), data);
    }

    /// <summary>Bytes that look like deflated data: no magic numbers, no part names.</summary>
    public static byte[] Deflated(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(0x90 + (i * 7 % 0x60)))];

    /// <summary>An OOXML package: <c>[Content_Types].xml</c> first, then the relationships, then the main part.</summary>
    public static byte[] OfficeOpenXml(string mainPart)
        => Join(
            ZipEntry("[Content_Types].xml", Deflated(300)),
            ZipEntry("_rels/.rels", Deflated(200)),
            ZipEntry(mainPart, Deflated(500)));

    /// <summary>An OpenDocument package: an uncompressed <c>mimetype</c> entry first.</summary>
    public static byte[] OpenDocument(string mimeType)
        => Join(ZipEntry("mimetype", Ascii(mimeType)), ZipEntry("content.xml", Deflated(400)));

    /// <summary>The first page of an Ogg stream whose first packet starts with <paramref name="packet"/>.</summary>
    public static byte[] OggPage(byte[] packet)
        => Join(
            Ascii("OggS"),
            [0x00, 0x02], // version, flags: beginning of stream
            new byte[8], // granule position
            [0x01, 0x00, 0x00, 0x00], // serial
            new byte[4], // page sequence
            [0x00, 0x00, 0x00, 0x00], // checksum
            [0x01, (byte)packet.Length],
            packet);

    /// <summary>An EBML header declaring <paramref name="docType"/>.</summary>
    public static byte[] Ebml(string docType)
        => Join(
            [0x1A, 0x45, 0xDF, 0xA3, (byte)(0x80 | (12 + docType.Length))],
            [0x42, 0x86, 0x81, 0x01], // EBMLVersion 1
            [0x42, 0xF7, 0x81, 0x01], // EBMLReadVersion 1
            [0x42, 0x82, (byte)(0x80 | docType.Length)],
            Ascii(docType),
            [0x42, 0x87, 0x81, 0x04],
            [0x18, 0x53, 0x80, 0x67, 0x01, 0x00, 0x00, 0x00]); // Segment

    /// <summary>The sample headers, by a name that reads well in a test's display name.</summary>
    public static IReadOnlyDictionary<string, byte[]> ByName { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal)
    {
        ["JPEG (JFIF)"] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. Ascii("JFIF"), 0x00, 0x01, 0x01],
        ["JPEG (Exif)"] = [0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x18, .. Ascii("Exif"), 0x00, 0x00],
        ["PNG"] = [0x89, .. Ascii("PNG"), 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, .. Ascii("IHDR")],
        ["GIF87a"] = [.. Ascii("GIF87a"), 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00],
        ["GIF89a"] = [.. Ascii("GIF89a"), 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00],
        ["WebP"] = Join(Ascii("RIFF"), LittleEndian32(26), Ascii("WEBP"), Ascii("VP8 "), LittleEndian32(14)),
        ["WAV"] = Join(Ascii("RIFF"), LittleEndian32(36), Ascii("WAVE"), Ascii("fmt "), LittleEndian32(16)),
        ["AVIF (avif brand)"] = Ftyp("avif", "avif", "mif1", "miaf", "MA1B"),
        ["AVIF (mif1 major brand, avif compatible)"] = Ftyp("mif1", "mif1", "avif", "miaf"),
        ["AVIF sequence (avis)"] = Ftyp("avis", "avis", "msf1", "miaf"),
        ["HEIC (heic brand)"] = Ftyp("heic", "mif1", "heic"),
        ["HEIF (mif1 without avif)"] = Ftyp("mif1", "mif1", "heic", "miaf"),
        ["MP4 (isom)"] = Ftyp("isom", "isom", "iso2", "avc1", "mp41"),
        ["MP4 (mp42)"] = Ftyp("mp42", "mp42", "isom"),
        ["QuickTime (qt)"] = Ftyp("qt  ", "qt  "),
        ["M4A"] = Ftyp("M4A ", "M4A ", "mp42", "isom"),
        ["PDF"] = [.. Ascii("%PDF-1.7\n%"), 0xE2, 0xE3, 0xCF, 0xD3, 0x0A],
        ["WebM"] = Ebml("webm"),
        ["Matroska"] = Ebml("matroska"),
        ["Ogg Vorbis"] = OggPage([0x01, .. Ascii("vorbis"), 0x00, 0x00, 0x00, 0x00, 0x02]),
        ["Ogg Opus"] = OggPage([.. Ascii("OpusHead"), 0x01, 0x02]),
        ["Ogg Theora"] = OggPage([0x80, .. Ascii("theora"), 0x03, 0x02, 0x01]),
        ["MP3 (ID3 tag)"] = [.. Ascii("ID3"), 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0A],
        ["MP3 (bare frame sync FF FB)"] = [0xFF, 0xFB, 0x90, 0x64, 0x00, 0x00, 0x00, 0x00],
        ["MP3 (MPEG-2 frame sync FF F3)"] = [0xFF, 0xF3, 0x48, 0xC4, 0x00, 0x00, 0x00, 0x00],
        ["ZIP"] = Join(ZipEntry("readme.txt", Ascii("hello")), ZipEntry("photos/cat.jpg", Deflated(100))),
        ["DOCX"] = OfficeOpenXml("word/document.xml"),
        ["XLSX"] = OfficeOpenXml("xl/workbook.xml"),
        ["PPTX"] = OfficeOpenXml("ppt/presentation.xml"),
        ["ODT"] = OpenDocument("application/vnd.oasis.opendocument.text"),
        ["ODS"] = OpenDocument("application/vnd.oasis.opendocument.spreadsheet"),
        ["ODP"] = OpenDocument("application/vnd.oasis.opendocument.presentation"),
        ["ZIP with an unknown mimetype entry"] = OpenDocument("application/epub+zip"),
        ["ASCII text"] = Utf8("Hello, world.\r\nSecond line\twith a tab.\n"),
        ["UTF-8 text with multibyte characters"] = Utf8("Grüße aus Köln — 日本語のテキスト 😀\n"),
        ["UTF-8 text with a byte order mark"] = [0xEF, 0xBB, 0xBF, .. Utf8("naïve café\n")],
        ["UTF-8 text cut in the middle of a 3-byte sequence"] = [.. Utf8("Price: 10 "), 0xE2, 0x82],
        ["UTF-8 text cut after the lead byte of a 4-byte sequence"] = [.. Utf8("smile "), 0xF0],
        ["UTF-16 text with a byte order mark"] = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("hello")],
        ["binary with NUL bytes"] = [0x00, 0x01, 0x02, 0x03, 0x10, 0x7F, 0x00, 0x42],
        ["binary with a broken UTF-8 sequence"] = [.. Utf8("abc"), 0xE2, 0x41, 0x41, .. Utf8("def")],
        ["binary with an overlong UTF-8 lead byte"] = [.. Utf8("abc"), 0xC0, 0x80, .. Utf8("def")],
        ["binary with a lone continuation byte"] = [.. Utf8("abc"), 0x80, .. Utf8("def")],
        ["binary that starts like a RIFF AVI"] = Join(Ascii("RIFF"), LittleEndian32(100), Ascii("AVI LIST")),
        ["SVG"] = Utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"),
        ["SVG after whitespace"] = Utf8("\n\n   <svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        ["SVG after a byte order mark"] = [0xEF, 0xBB, 0xBF, .. Utf8("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")],
        ["SVG with an XML prolog"] = Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        ["SVG after a comment"] = Utf8("<!-- Generator: Adobe Illustrator 27.0 -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        ["SVG after a doctype"] = Utf8("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        ["SVG after a prolog, a comment and a doctype"] = Utf8("<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<SVG xmlns=\"http://www.w3.org/2000/svg\"/>"),
        ["SVG with a script"] = Utf8("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.domain)</script></svg>"),
        ["SVG with a doctype internal subset"] = Utf8("<!DOCTYPE svg [ <!ENTITY name \"value\"> ]>\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
        ["HTML doctype"] = Utf8("<!DOCTYPE html>\n<html><head><title>x</title></head></html>"),
        ["HTML doctype in lower case"] = Utf8("<!doctype html><p>hi"),
        ["HTML root element"] = Utf8("<html><body>hello</body></html>"),
        ["HTML root element in upper case"] = Utf8("<HTML><BODY>hello</BODY></HTML>"),
        ["HTML after a comment"] = Utf8("<!-- saved from url=(0014)about:internet -->\n<html><body></body></html>"),
        ["HTML after an XML prolog (XHTML)"] = Utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\"></html>"),
        ["HTML script first"] = Utf8("<script>alert(document.cookie)</script>"),
        ["HTML script later in text"] = Utf8("Quarterly numbers, see below.\n\nRevenue: 12\n<SCRIPT src=\"//evil.example/x.js\"></SCRIPT>\n"),
        ["HTML iframe first"] = Utf8("<iframe src=\"https://evil.example\"></iframe>"),
        ["PHP open tag at start"] = Utf8("<?php echo 'hi'; ?>"),
        ["PHP open tag after whitespace"] = Utf8("\r\n  <?PHP system($_GET['c']); ?>"),
        ["PHP short echo tag"] = Utf8("<?= $secret ?>"),
        ["PHP open tag later in text"] = Utf8("Just some notes\nnothing to see\n<?php system($_GET['cmd']); ?>\n"),
        ["PHP and script later in text"] = Utf8("notes <script>x()</script> and <?php phpinfo(); ?>"),
        ["shebang script"] = Utf8("#!/bin/sh\nrm -rf /\n"),
        ["XML with a prolog"] = Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<note><to>Tove</to></note>"),
        ["XML without a prolog"] = Utf8("<note><to>Tove</to></note>"),
        ["CSV-looking text"] = Utf8("id,name\n1,Ann\n2,Bob\n"),
        ["text that mentions a tag"] = Utf8("Use a < b and 3 > 2 in your formulas.\n"),
    };

    public static byte[] Get(string name) => (byte[])ByName[name].Clone();
}
