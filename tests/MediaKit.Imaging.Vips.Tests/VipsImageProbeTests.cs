using MediaKit.Imaging.Vips;
using MediaKit.Imaging.Vips.Internal;
using Microsoft.Extensions.Options;

namespace MediaKit.Imaging.Vips.Tests;

public sealed class VipsImageProbeTests
{
    private static VipsImageProbe Probe(long maxPixels = 100_000_000)
        => new(Options.Create(new VipsImagingOptions { MaxPixels = maxPixels }));

    public static TheoryData<string> OrientedPhotos()
    {
        var data = new TheoryData<string>();
        for (var i = 0; i <= 8; i++)
        {
            data.Add($"Landscape_{i}.jpg");
            data.Add($"Portrait_{i}.jpg");
        }

        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(OrientedPhotos))]
    public async Task The_probe_reports_upright_dimensions_whatever_the_EXIF_orientation(string file)
    {
        await using var stream = File.OpenRead(Path.Combine(Corpus.Root!, "exif-orientation", file));
        var result = await Probe().ProbeAsync(stream, MediaContentTypes.Jpeg, CancellationToken.None);

        Assert.NotNull(result);
        if (file.StartsWith("Landscape", StringComparison.Ordinal))
        {
            Assert.True(result.Width > result.Height, $"{file}: {result.Width}x{result.Height} is not landscape");
        }
        else
        {
            Assert.True(result.Height > result.Width, $"{file}: {result.Width}x{result.Height} is not portrait");
        }
    }

    [Fact]
    public async Task A_truncated_file_posing_as_PNG_is_refused_with_a_typed_error()
    {
        byte[] bytes = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0];

        var error = await Assert.ThrowsAsync<MediaException>(() => Probe().ProbeAsync(new MemoryStream(bytes), MediaContentTypes.Png, CancellationToken.None));

        Assert.Equal(MediaErrorCodes.Corrupt, error.Code);
    }

    [Fact]
    public async Task An_image_over_the_pixel_limit_is_refused()
    {
        using var image = NetVips.Image.Black(200, 100);
        var png = image.PngsaveBuffer();

        var error = await Assert.ThrowsAsync<MediaException>(() => Probe(maxPixels: 10_000).ProbeAsync(new MemoryStream(png), MediaContentTypes.Png, CancellationToken.None));

        Assert.Equal(MediaErrorCodes.TooLarge, error.Code);
    }

    [Fact]
    public async Task A_generated_PNG_reports_its_size()
    {
        using var image = NetVips.Image.Black(320, 200);
        var png = image.PngsaveBuffer();

        var result = await Probe().ProbeAsync(new MemoryStream(png), MediaContentTypes.Png, CancellationToken.None);

        Assert.Equal(320, result?.Width);
        Assert.Equal(200, result?.Height);
    }
}

/// <summary>The shared conformance corpus (PngSuite, EXIF orientation examples), when it is beside the repository.</summary>
internal static class Corpus
{
    public static string? Root { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A theory over the shared corpus; skipped with a clear message when the corpus is absent.</summary>
internal sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (Corpus.Root is null)
        {
            Skip = "shared/corpus not found beside the repository: conformance tests need the shared corpus.";
        }
    }
}
