using MediaKit.Core.Tests.TestSupport;
using MediaKit.Internal;

namespace MediaKit.Core.Tests.Internal;

public sealed class ContentSnifferDetectTests
{
    [Theory]
    [InlineData("JPEG (JFIF)", MediaContentTypes.Jpeg)]
    [InlineData("JPEG (Exif)", MediaContentTypes.Jpeg)]
    [InlineData("PNG", MediaContentTypes.Png)]
    [InlineData("GIF87a", MediaContentTypes.Gif)]
    [InlineData("GIF89a", MediaContentTypes.Gif)]
    [InlineData("WebP", MediaContentTypes.WebP)]
    [InlineData("AVIF (avif brand)", MediaContentTypes.Avif)]
    [InlineData("AVIF (mif1 major brand, avif compatible)", MediaContentTypes.Avif)]
    [InlineData("AVIF sequence (avis)", MediaContentTypes.Avif)]
    [InlineData("HEIC (heic brand)", MediaContentTypes.Heic)]
    [InlineData("HEIF (mif1 without avif)", MediaContentTypes.Heic)]
    public void Detect_recognizes_images_by_their_magic_numbers(string sample, string expected)
        => Assert.Equal(expected, ContentSniffer.Detect(Samples.Get(sample)));

    [Theory]
    [InlineData("MP4 (isom)", MediaContentTypes.Mp4)]
    [InlineData("MP4 (mp42)", MediaContentTypes.Mp4)]
    [InlineData("QuickTime (qt)", MediaContentTypes.QuickTime)]
    [InlineData("WebM", MediaContentTypes.WebM)]
    [InlineData("Ogg Theora", MediaContentTypes.OggVideo)]
    public void Detect_recognizes_videos_by_their_magic_numbers(string sample, string expected)
        => Assert.Equal(expected, ContentSniffer.Detect(Samples.Get(sample)));

    [Theory]
    [InlineData("WAV", MediaContentTypes.Wav)]
    [InlineData("M4A", MediaContentTypes.M4a)]
    [InlineData("Ogg Vorbis", MediaContentTypes.Ogg)]
    [InlineData("Ogg Opus", MediaContentTypes.Ogg)]
    [InlineData("MP3 (ID3 tag)", MediaContentTypes.Mp3)]
    [InlineData("MP3 (bare frame sync FF FB)", MediaContentTypes.Mp3)]
    [InlineData("MP3 (MPEG-2 frame sync FF F3)", MediaContentTypes.Mp3)]
    public void Detect_recognizes_audio_by_its_magic_numbers(string sample, string expected)
        => Assert.Equal(expected, ContentSniffer.Detect(Samples.Get(sample)));

    [Theory]
    [InlineData("PDF", MediaContentTypes.Pdf)]
    [InlineData("ZIP", MediaContentTypes.Zip)]
    [InlineData("DOCX", MediaContentTypes.Docx)]
    [InlineData("XLSX", MediaContentTypes.Xlsx)]
    [InlineData("PPTX", MediaContentTypes.Pptx)]
    [InlineData("ODT", MediaContentTypes.Odt)]
    [InlineData("ODS", MediaContentTypes.Ods)]
    [InlineData("ODP", MediaContentTypes.Odp)]
    [InlineData("ZIP with an unknown mimetype entry", MediaContentTypes.Zip)]
    public void Detect_recognizes_documents_and_archives(string sample, string expected)
        => Assert.Equal(expected, ContentSniffer.Detect(Samples.Get(sample)));

    [Fact]
    public void Detect_does_not_take_a_Matroska_file_that_is_not_WebM_for_WebM()
        => Assert.Equal(MediaContentTypes.OctetStream, ContentSniffer.Detect(Samples.Get("Matroska")));

    [Fact]
    public void Detect_does_not_take_a_zip_with_office_like_names_but_no_content_types_part_for_an_Office_file()
    {
        var header = Samples.Join(Samples.ZipEntry("word/notes.txt", Samples.Ascii("x")), Samples.ZipEntry("xl/notes.txt", Samples.Ascii("y")));

        Assert.Equal(MediaContentTypes.Zip, ContentSniffer.Detect(header));
    }

    [Theory]
    [InlineData("ASCII text")]
    [InlineData("UTF-8 text with multibyte characters")]
    [InlineData("UTF-8 text with a byte order mark")]
    [InlineData("UTF-8 text cut in the middle of a 3-byte sequence")]
    [InlineData("UTF-8 text cut after the lead byte of a 4-byte sequence")]
    [InlineData("UTF-16 text with a byte order mark")]
    [InlineData("CSV-looking text")]
    [InlineData("text that mentions a tag")]
    public void Detect_recognizes_plain_text(string sample)
        => Assert.Equal(MediaContentTypes.PlainText, ContentSniffer.Detect(Samples.Get(sample)));

    [Fact]
    public void Detect_recognizes_text_whose_last_multibyte_character_is_cut_by_the_end_of_a_full_header()
    {
        // 4095 bytes of text, then the first byte of "€" at the very end of the 4096-byte header.
        var header = new byte[ContentSniffer.HeaderLength];
        header.AsSpan().Fill((byte)'a');
        header[^1] = 0xE2;

        Assert.Equal(MediaContentTypes.PlainText, ContentSniffer.Detect(header));
    }

    [Theory]
    [InlineData("binary with NUL bytes")]
    [InlineData("binary with a broken UTF-8 sequence")]
    [InlineData("binary with an overlong UTF-8 lead byte")]
    [InlineData("binary with a lone continuation byte")]
    [InlineData("binary that starts like a RIFF AVI")]
    public void Detect_calls_binary_garbage_an_octet_stream(string sample)
        => Assert.Equal(MediaContentTypes.OctetStream, ContentSniffer.Detect(Samples.Get(sample)));

    [Fact]
    public void Detect_calls_random_bytes_an_octet_stream()
    {
        var random = new Random(20240601);
        for (var i = 0; i < 50; i++)
        {
            var header = new byte[512];
            random.NextBytes(header);
            header[0] = (byte)'a'; // no magic number starts with 'a', so only the text check decides

            Assert.Equal(MediaContentTypes.OctetStream, ContentSniffer.Detect(header));
        }
    }

    [Theory]
    [InlineData("SVG")]
    [InlineData("SVG after whitespace")]
    [InlineData("SVG after a byte order mark")]
    [InlineData("SVG with an XML prolog")]
    [InlineData("SVG after a comment")]
    [InlineData("SVG after a doctype")]
    [InlineData("SVG after a prolog, a comment and a doctype")]
    [InlineData("SVG with a script")]
    public void Detect_recognizes_SVG(string sample)
        => Assert.Equal(MediaContentTypes.Svg, ContentSniffer.Detect(Samples.Get(sample)));

    [Fact]
    public void Detect_recognizes_SVG_whose_doctype_has_an_internal_subset()
        => Assert.Equal(MediaContentTypes.Svg, ContentSniffer.Detect(Samples.Get("SVG with a doctype internal subset")));

    [Fact]
    public void Detect_never_calls_an_SVG_with_a_doctype_internal_subset_an_image_type()
    {
        // Whatever the subset does to detection, such a file must not pass as a raster image.
        var detected = ContentSniffer.Detect(Samples.Get("SVG with a doctype internal subset"));

        Assert.DoesNotContain(detected, MediaContentTypes.RasterImages);
    }

    [Theory]
    [InlineData("HTML doctype")]
    [InlineData("HTML doctype in lower case")]
    [InlineData("HTML root element")]
    [InlineData("HTML root element in upper case")]
    [InlineData("HTML after a comment")]
    [InlineData("HTML after an XML prolog (XHTML)")]
    [InlineData("HTML script first")]
    [InlineData("HTML script later in text")]
    [InlineData("HTML iframe first")]
    public void Detect_recognizes_HTML(string sample)
        => Assert.Equal(MediaContentTypes.Html, ContentSniffer.Detect(Samples.Get(sample)));

    [Theory]
    [InlineData("PHP open tag at start")]
    [InlineData("PHP open tag after whitespace")]
    [InlineData("PHP short echo tag")]
    [InlineData("PHP open tag later in text")]
    [InlineData("PHP and script later in text")]
    [InlineData("shebang script")]
    public void Detect_recognizes_PHP_and_scripts(string sample)
        => Assert.Equal(MediaContentTypes.Php, ContentSniffer.Detect(Samples.Get(sample)));

    [Theory]
    [InlineData("XML with a prolog")]
    [InlineData("XML without a prolog")]
    public void Detect_recognizes_XML(string sample)
        => Assert.Equal(MediaContentTypes.Xml, ContentSniffer.Detect(Samples.Get(sample)));

    [Fact]
    public void Detect_recognizes_a_PHP_file_named_photo_jpg_as_PHP()
    {
        // The name plays no part in detection: only the bytes do.
        var detected = ContentSniffer.Detect(Samples.Utf8("<?php system($_GET['c']); ?>"));

        Assert.Equal(MediaContentTypes.Php, detected);
    }

    [Fact]
    public void Detect_lets_the_magic_number_win_over_text_that_follows_it()
    {
        // A GIF with PHP in its comment block is a GIF: it is stored and served as an image, never run.
        var header = Samples.Join(Samples.Get("GIF89a"), Samples.Utf8("<?php system($_GET['c']); ?>"));

        Assert.Equal(MediaContentTypes.Gif, ContentSniffer.Detect(header));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xFF, 0xD8 })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E })]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0x00 })]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6F, 0x6D, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14 })]
    [InlineData(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 })]
    public void Detect_does_not_throw_on_truncated_headers(byte[] header)
    {
        var detected = ContentSniffer.Detect(header);

        Assert.False(string.IsNullOrEmpty(detected));
    }

    [Fact]
    public void Detect_reads_compatible_brands_only_within_the_ftyp_box()
    {
        // The ftyp box says 16 bytes (no compatible brands); "avif" appears only after it, in another box.
        var header = Samples.Join(Samples.BigEndian32(16), Samples.Ascii("ftyp"), Samples.Ascii("isom"), [0, 0, 0, 0], Samples.BigEndian32(12), Samples.Ascii("free"), Samples.Ascii("avif"));

        Assert.Equal(MediaContentTypes.Mp4, ContentSniffer.Detect(header));
    }

    [Theory]
    [InlineData("crx ")]
    [InlineData("jp2 ")]
    public void Detect_does_not_call_other_ISO_media_an_MP4_video(string brand)
        => Assert.Equal(MediaContentTypes.OctetStream, ContentSniffer.Detect(Samples.Ftyp(brand, brand)));
}
