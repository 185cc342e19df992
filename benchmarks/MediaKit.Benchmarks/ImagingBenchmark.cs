using System.Diagnostics;
using MediaKit.Processing;
using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.Benchmarks;

/// <summary>
/// The default variant set (150/300/800 px as JPEG q80 and WebP) of one JPEG through MediaKit's libvips engine, exactly as an
/// upload runs it (one decode with shrink-on-load, each smaller variant from the one above, a ThumbHash); one cold and seven
/// warm runs in a fresh process, so that the process's peak resident memory is this work's. benchmarks/imaging/run.sh compares it with sharp.
/// </summary>
internal static class ImagingBenchmark
{
    private const int WarmRuns = 7;

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["generate", var file]:
                Generate(file);
                return 0;
            case ["variants", var file, var outDir]:
                return await VariantsAsync(file, outDir);
            default:
                Console.Error.WriteLine("usage: imaging generate <file.jpg> | imaging variants <file.jpg> <outdir>");
                return 2;
        }
    }

    /// <summary>A deterministic 6000 × 4000 (24 MP) photo-like JPEG: smooth gradients, fine detail and seeded noise, q90.</summary>
    private static void Generate(string file)
    {
        using var xyz = NetVips.Image.Xyz(6000, 4000);
        using var x = xyz[0];
        using var y = xyz[1];
        using var red = (x / 6000.0 * 200) + ((y / 37.0).Math(NetVips.Enums.OperationMath.Sin) * 25);
        using var green = (y / 4000.0 * 180) + ((x / 53.0).Math(NetVips.Enums.OperationMath.Cos) * 30);
        using var blue = NetVips.Image.Zone(6000, 4000) * 60 + 120;
        using var noise = NetVips.Image.Gaussnoise(6000, 4000, mean: 0, sigma: 12, seed: 42);
        using var rgb = red.Bandjoin(green, blue) + noise;
        using var photo = rgb.Cast(NetVips.Enums.BandFormat.Uchar).Copy(interpretation: NetVips.Enums.Interpretation.Srgb);
        photo.Jpegsave(file, q: 90);
        Console.WriteLine($"wrote {file}: {new FileInfo(file).Length:N0} bytes, 6000x4000");
    }

    private static async Task<int> VariantsAsync(string file, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var services = new ServiceCollection();
        services.AddMediaKit().UseVipsImaging();
        using var provider = services.BuildServiceProvider();
        var processor = provider.GetServices<IMediaProcessor>().Single();
        var variants = new MediaKitOptions().Collections.Add("bench").Variants;
        var request = new MediaProcessingRequest(Guid.NewGuid(), MediaProcessingInput.FromFile(file, MediaContentTypes.Jpeg), variants.For(MediaContentTypes.Jpeg));

        // A server processes many images: the first run (libvips start-up, JIT) is timed on its own and not compared; the
        // sharp script does the same.
        var cold = Stopwatch.StartNew();
        await processor.ProcessAsync(request, new DirectorySink(outDir), CancellationToken.None);
        cold.Stop();
        Console.WriteLine($"mediakit: first run (cold) {cold.Elapsed.TotalMilliseconds:0} ms");

        // Then seven warm runs; the median is compared with sharp's median, taken the same way.
        var times = new List<double>();
        MediaProcessingResult result = null!;
        for (var run = 0; run < WarmRuns; run++)
        {
            var watch = Stopwatch.StartNew();
            result = await processor.ProcessAsync(request, new DirectorySink(outDir), CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"mediakit: warm runs {string.Join(", ", times.Select(t => t.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} ms");
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"mediakit: {result.Variants.Count} variants in {times[WarmRuns / 2]:0} ms (median of {WarmRuns} warm runs); placeholder {result.Placeholder}; peak working set {self.PeakWorkingSet64 / 1048576.0:0.0} MB");
        foreach (var v in result.Variants)
        {
            Console.WriteLine($"  {v.Name}: {v.Width}x{v.Height} {v.ContentType} {v.Length:N0} bytes");
        }

        return 0;
    }

    private sealed class DirectorySink(string outDir) : IMediaVariantSink
    {
        public async Task<MediaVariant> WriteAsync(MediaVariantFile variant, Stream content, CancellationToken cancellationToken)
        {
            var path = Path.Combine(outDir, $"{variant.Name}.{MediaContentTypes.GetExtension(variant.ContentType)}");
            await using (var target = File.Create(path))
            {
                await content.CopyToAsync(target, cancellationToken);
            }

            return new MediaVariant { Name = variant.Name, ContentType = variant.ContentType, Width = variant.Width, Height = variant.Height, Length = new FileInfo(path).Length, StorageKey = path };
        }
    }
}
