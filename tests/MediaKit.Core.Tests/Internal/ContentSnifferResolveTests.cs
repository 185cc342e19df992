using MediaKit.Core.Tests.TestSupport;
using MediaKit.Internal;

namespace MediaKit.Core.Tests.Internal;

public sealed class ContentSnifferResolveTests
{
    [Fact]
    public void Resolve_rejects_a_PHP_file_named_photo_jpg_as_a_type_mismatch()
    {
        var detected = ContentSniffer.Detect(Samples.Get("PHP open tag at start"));

        var exception = Assert.Throws<MediaTypeRejectedException>(() => ContentSniffer.Resolve(detected, "photo.jpg", null));

        Assert.Equal(MediaErrorCodes.TypeMismatch, exception.Code);
        Assert.Equal(MediaContentTypes.Php, exception.DetectedContentType);
    }

    [Fact]
    public void Resolve_rejects_an_HTML_file_named_photo_jpg_as_a_type_mismatch()
    {
        var detected = ContentSniffer.Detect(Samples.Get("HTML doctype"));

        var exception = Assert.Throws<MediaTypeRejectedException>(() => ContentSniffer.Resolve(detected, "photo.jpg", "image/jpeg"));

        Assert.Equal(MediaErrorCodes.TypeMismatch, exception.Code);
        Assert.Equal(MediaContentTypes.Html, exception.DetectedContentType);
    }

    [Theory]
    [InlineData(MediaContentTypes.Php, "photo.jpg", null)]
    [InlineData(MediaContentTypes.Html, "photo.jpg", null)]
    [InlineData(MediaContentTypes.Svg, "photo.pdf", null)]
    [InlineData(MediaContentTypes.Html, "notes.txt", null)]
    [InlineData(MediaContentTypes.OctetStream, "photo.png", null)]
    [InlineData(MediaContentTypes.Zip, "photo.jpg", null)]
    [InlineData(MediaContentTypes.Zip, "report.docx", null)]
    [InlineData(MediaContentTypes.Zip, "sheet.xlsx", null)]
    [InlineData(MediaContentTypes.Zip, "letter.odt", null)]
    [InlineData(MediaContentTypes.Jpeg, "photo.pdf", null)]
    [InlineData(MediaContentTypes.Jpeg, null, MediaContentTypes.Html)]
    [InlineData(MediaContentTypes.Jpeg, "photo.jpg", "text/html; charset=utf-8")]
    [InlineData(MediaContentTypes.Php, null, MediaContentTypes.Jpeg)]
    [InlineData(MediaContentTypes.Php, "shell.php", MediaContentTypes.Jpeg)]
    [InlineData(MediaContentTypes.Mp4, "clip.mp3", null)]
    public void Resolve_rejects_hints_of_another_kind_than_the_bytes(string detected, string? fileName, string? declared)
    {
        var exception = Assert.Throws<MediaTypeRejectedException>(() => ContentSniffer.Resolve(detected, fileName, declared));

        Assert.Equal(MediaErrorCodes.TypeMismatch, exception.Code);
        Assert.Equal(detected, exception.DetectedContentType);
    }

    [Fact]
    public void Resolve_names_the_contradicting_hint_in_its_message()
    {
        var byName = Assert.Throws<MediaTypeRejectedException>(() => ContentSniffer.Resolve(MediaContentTypes.Php, "photo.jpg", null));
        var byDeclared = Assert.Throws<MediaTypeRejectedException>(() => ContentSniffer.Resolve(MediaContentTypes.Php, null, "image/jpeg"));

        Assert.Contains("file name", byName.Message, StringComparison.Ordinal);
        Assert.Contains("declared content type", byDeclared.Message, StringComparison.Ordinal);
        Assert.Contains(MediaContentTypes.Php, byDeclared.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Same family: the bytes decide the exact type.
    [InlineData(MediaContentTypes.Png, "photo.jpg", null, MediaContentTypes.Png)]
    [InlineData(MediaContentTypes.Png, "photo.JPG", "image/jpeg", MediaContentTypes.Png)]
    [InlineData(MediaContentTypes.Jpeg, "IMG_0001.HEIC", "image/heic", MediaContentTypes.Jpeg)]
    [InlineData(MediaContentTypes.Mp4, "clip.mov", "video/quicktime", MediaContentTypes.Mp4)]
    // Narrowing: the hint refines a type the bytes cannot tell apart.
    [InlineData(MediaContentTypes.PlainText, "data.csv", null, MediaContentTypes.Csv)]
    [InlineData(MediaContentTypes.PlainText, "README.md", null, MediaContentTypes.Markdown)]
    [InlineData(MediaContentTypes.PlainText, "data.json", null, MediaContentTypes.Json)]
    [InlineData(MediaContentTypes.PlainText, null, "text/csv", MediaContentTypes.Csv)]
    [InlineData(MediaContentTypes.Mp4, "song.m4a", null, MediaContentTypes.M4a)]
    [InlineData(MediaContentTypes.Ogg, "clip.ogv", null, MediaContentTypes.OggVideo)]
    [InlineData(MediaContentTypes.Xml, "notes.txt", null, MediaContentTypes.Xml)]
    // Unknown or missing hints leave the detected type alone.
    [InlineData(MediaContentTypes.Png, "photo.xyz", null, MediaContentTypes.Png)]
    [InlineData(MediaContentTypes.Png, "photo", null, MediaContentTypes.Png)]
    [InlineData(MediaContentTypes.Png, "photo.", null, MediaContentTypes.Png)]
    [InlineData(MediaContentTypes.Png, null, null, MediaContentTypes.Png)]
    [InlineData(MediaContentTypes.Png, "", "", MediaContentTypes.Png)]
    [InlineData(MediaContentTypes.OctetStream, "setup.exe", null, MediaContentTypes.OctetStream)]
    [InlineData(MediaContentTypes.OctetStream, "blob.bin", null, MediaContentTypes.OctetStream)]
    // Declared types that say nothing are ignored; parameters and case are ignored.
    [InlineData(MediaContentTypes.Png, null, "application/octet-stream", MediaContentTypes.Png)]
    [InlineData(MediaContentTypes.Php, null, "application/octet-stream", MediaContentTypes.Php)]
    [InlineData(MediaContentTypes.Png, null, "binary/octet-stream", MediaContentTypes.Png)]
    [InlineData(MediaContentTypes.Png, null, "   ", MediaContentTypes.Png)]
    [InlineData(MediaContentTypes.Png, null, "image/png; charset=x", MediaContentTypes.Png)]
    [InlineData(MediaContentTypes.Png, null, " IMAGE/PNG ;q=1", MediaContentTypes.Png)]
    [InlineData(MediaContentTypes.PlainText, "data.csv", "text/csv; charset=utf-8", MediaContentTypes.Csv)]
    public void Resolve_keeps_or_narrows_the_detected_type(string detected, string? fileName, string? declared, string expected)
        => Assert.Equal(expected, ContentSniffer.Resolve(detected, fileName, declared));

    [Fact]
    public void Resolve_turns_PNG_bytes_named_jpg_into_image_png()
    {
        var detected = ContentSniffer.Detect(Samples.Get("PNG"));

        Assert.Equal(MediaContentTypes.Png, ContentSniffer.Resolve(detected, "photo.jpg", "image/jpeg"));
    }

    [Fact]
    public void Resolve_refuses_a_plain_zip_renamed_to_docx()
    {
        // A document collection must not accept any archive (a jar, a zip with an executable) just because it was renamed:
        // Office files are recognized by their own parts ([Content_Types].xml, word/), not by their name.
        var detected = ContentSniffer.Detect(Samples.Get("ZIP"));

        var error = Assert.Throws<MediaTypeRejectedException>(() => ContentSniffer.Resolve(detected, "report.docx", null));
        Assert.Equal(MediaErrorCodes.TypeMismatch, error.Code);
    }

    [Fact]
    public void Resolve_turns_text_named_csv_into_text_csv()
    {
        var detected = ContentSniffer.Detect(Samples.Get("CSV-looking text"));

        Assert.Equal(MediaContentTypes.Csv, ContentSniffer.Resolve(detected, "export.csv", "text/csv"));
    }

    [Fact]
    public void Resolve_does_not_let_a_csv_name_narrow_HTML()
        => Assert.Throws<MediaTypeRejectedException>(() => ContentSniffer.Resolve(MediaContentTypes.Html, "export.csv", null));

    [Fact]
    public void Resolve_does_not_let_a_docx_name_widen_a_PDF()
    {
        // PDF and DOCX share a kind, so the bytes win rather than the name.
        Assert.Equal(MediaContentTypes.Pdf, ContentSniffer.Resolve(MediaContentTypes.Pdf, "report.docx", null));
    }

    [Fact]
    public void Resolve_accepts_a_csv_that_a_Windows_browser_declares_as_application_vnd_ms_excel()
        => Assert.Equal(MediaContentTypes.Csv, ContentSniffer.Resolve(MediaContentTypes.PlainText, "export.csv", "application/vnd.ms-excel"));

    [Fact]
    public void Resolve_accepts_a_zip_that_a_Windows_browser_declares_as_application_x_zip_compressed()
        => Assert.Equal(MediaContentTypes.Zip, ContentSniffer.Resolve(MediaContentTypes.Zip, "photos.zip", "application/x-zip-compressed"));
}
