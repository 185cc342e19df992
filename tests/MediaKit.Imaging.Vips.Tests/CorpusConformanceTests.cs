using System.Buffers.Binary;
using MediaKit.Imaging.Vips.Internal;
using Microsoft.Extensions.Options;
using NetVips;

namespace MediaKit.Imaging.Vips.Tests;

/// <summary>The shared conformance corpus: PngSuite (every <c>x*</c> file is broken on purpose) and the EXIF orientation examples.</summary>
public sealed class CorpusConformanceTests
{
    public static TheoryData<string> PngSuite()
    {
        var data = new TheoryData<string>();
        var dir = Corpus.Root is null ? null : Path.Combine(Corpus.Root, "pngsuite", "png");
        if (dir is null || !Directory.Exists(dir))
        {
            data.Add("(corpus absent)");
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(dir, "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }

        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(PngSuite))]
    public async Task PngSuite_broken_files_are_refused_with_a_typed_error_and_every_other_is_accepted_with_its_size(string file)
    {
        var path = Path.Combine(Corpus.Root!, "pngsuite", "png", file);
        var probe = new VipsImageProbe(Options.Create(new VipsImagingOptions()));

        if (file.StartsWith('x'))
        {
            var error = await Assert.ThrowsAsync<MediaException>(async () =>
            {
                await using var stream = File.OpenRead(path);
                await probe.ProbeAsync(stream, MediaContentTypes.Png, CancellationToken.None);
                await Engine.ProcessAsync(path, MediaContentTypes.Png);
            });
            Assert.Contains(error.Code, new[] { MediaErrorCodes.Corrupt, MediaErrorCodes.TooLarge });
            return;
        }

        // The expected size comes from the IHDR chunk, read here independently of libvips (and, for s*, from the name).
        var bytes = await File.ReadAllBytesAsync(path);
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        if (file[0] == 's' && char.IsAsciiDigit(file[1]))
        {
            Assert.Equal(int.Parse(file[1..3], System.Globalization.CultureInfo.InvariantCulture), width);
        }

        await using (var stream = File.OpenRead(path))
        {
            var result = await probe.ProbeAsync(stream, MediaContentTypes.Png, CancellationToken.None);
            Assert.Equal(width, result?.Width);
            Assert.Equal(height, result?.Height);
        }

        var (processed, sink) = await Engine.ProcessAsync(path, MediaContentTypes.Png);
        Assert.Equal(6, sink.Files.Count);
        Assert.NotNull(processed.Placeholder);
        Assert.All(sink.Files.Values, f => Assert.Equal((width, height), (f.File.Width!.Value, f.File.Height!.Value)));
    }

    public static TheoryData<string> Orientations()
    {
        var data = new TheoryData<string>();
        foreach (var shape in new[] { "Landscape", "Portrait" })
        {
            for (var i = 2; i <= 8; i++)
            {
                data.Add($"{shape}_{i}");
            }
        }

        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(Orientations))]
    public async Task The_800_pixel_variant_of_an_EXIF_oriented_photo_matches_the_upright_one(string name)
    {
        var variants = Engine.DefaultVariants();
        variants.Clear();
        variants.Add("thumb-800", v => { v.Width = 800; v.Format = MediaVariantFormat.Png; });
        var dir = Path.Combine(Corpus.Root!, "exif-orientation");
        var (_, oriented) = await Engine.ProcessAsync(Path.Combine(dir, name + ".jpg"), MediaContentTypes.Jpeg, variants);
        var (_, upright) = await Engine.ProcessAsync(Path.Combine(dir, name.Split('_')[0] + "_1.jpg"), MediaContentTypes.Jpeg, variants);

        using var a = Image.NewFromBuffer(oriented.Files["thumb-800"].Bytes);
        using var b = Image.NewFromBuffer(upright.Files["thumb-800"].Bytes);
        Assert.Equal((b.Width, b.Height), (a.Width, a.Height));

        // Pixels, not bytes: the same picture decoded at another DCT orientation differs by a few levels at most.
        using var difference = (a.Cast(Enums.BandFormat.Short) - b.Cast(Enums.BandFormat.Short)).Abs();
        var mean = difference.Avg();
        Assert.True(mean < 6, $"{name}: mean pixel difference {mean:0.00} from the upright image");

        // A wrong orientation (the upright image flipped) is far off: the comparison can fail.
        using var flipped = b.FlipHor();
        using var wrong = (flipped.Cast(Enums.BandFormat.Short) - b.Cast(Enums.BandFormat.Short)).Abs();
        Assert.True(wrong.Avg() > mean * 3);
    }
}
