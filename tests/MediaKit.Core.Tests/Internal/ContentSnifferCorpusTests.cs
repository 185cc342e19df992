using MediaKit.Core.Tests.TestSupport;
using MediaKit.Internal;

namespace MediaKit.Core.Tests.Internal;

/// <summary>Runs the sniffer over real files of the shared corpus; skipped when the corpus is absent.</summary>
public sealed class ContentSnifferCorpusTests
{
    private const string PngSuite = "pngsuite/png";
    private const string ExifOrientation = "exif-orientation";

    public static TheoryData<string> ValidPngFiles => [.. SharedCorpus.FileNames(PngSuite, "*.png").Where(n => !n.StartsWith('x'))];

    public static TheoryData<string> CorruptPngFiles => [.. SharedCorpus.FileNames(PngSuite, "*.png").Where(n => n.StartsWith('x'))];

    public static TheoryData<string> ExifOrientationJpegs => [.. SharedCorpus.FileNames(ExifOrientation, "*.jpg")];

    [CorpusTheory]
    [MemberData(nameof(ValidPngFiles))]
    public void Detect_recognizes_every_valid_PngSuite_file_as_PNG(string fileName)
        => Assert.Equal(MediaContentTypes.Png, ContentSniffer.Detect(SharedCorpus.ReadHeader(PngSuite, fileName)));

    [CorpusTheory]
    [MemberData(nameof(CorruptPngFiles))]
    public void Detect_does_not_throw_on_the_deliberately_corrupt_PngSuite_files(string fileName)
    {
        var header = SharedCorpus.ReadHeader(PngSuite, fileName);

        var exception = Record.Exception(() => ContentSniffer.Detect(header));

        Assert.Null(exception);
    }

    [CorpusTheory]
    [MemberData(nameof(ExifOrientationJpegs))]
    public void Detect_recognizes_every_EXIF_orientation_sample_as_JPEG(string fileName)
        => Assert.Equal(MediaContentTypes.Jpeg, ContentSniffer.Detect(SharedCorpus.ReadHeader(ExifOrientation, fileName)));

    [CorpusFact]
    public void The_corpus_holds_the_expected_files()
    {
        // Guards against a corpus that is present but empty, which would make the theories above prove nothing.
        Assert.True(ValidPngFiles.Count >= 100, $"expected at least 100 valid PngSuite files, found {ValidPngFiles.Count}");
        Assert.True(CorruptPngFiles.Count >= 10, $"expected at least 10 corrupt PngSuite files, found {CorruptPngFiles.Count}");
        Assert.Equal(18, ExifOrientationJpegs.Count);
    }
}
