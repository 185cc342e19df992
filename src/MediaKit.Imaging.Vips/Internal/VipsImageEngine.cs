using MediaKit.Processing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetVips;

namespace MediaKit.Imaging.Vips.Internal;

/// <summary>
/// Generates image variants with libvips, decoding the original once: the largest rendition any variant needs is made with
/// shrink-on-load (JPEG DCT scaling, WebP and HEIF scaled decoding) straight from the stored stream, auto-oriented and
/// converted to sRGB; every smaller variant is derived from the one above it, and the placeholder from the smallest.
/// </summary>
internal sealed partial class VipsImageEngine(IOptions<VipsImagingOptions> options, ILogger<VipsImageEngine>? logger = null) : IMediaProcessor
{
    /// <summary>Larger than any image: an unbounded side of a size box.</summary>
    private const int Unbounded = 10_000_000;

    private readonly ILogger _logger = logger ?? NullLogger<VipsImageEngine>.Instance;

    public bool CanProcess(string contentType) => VipsImageProbe.Types.Contains(contentType);

    public async Task<MediaProcessingResult> ProcessAsync(MediaProcessingRequest request, IMediaVariantSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        var settings = options.Value;
        if (request.Variants.Count == 0 && !request.GeneratePlaceholder)
        {
            return MediaProcessingResult.Empty;
        }

        VipsHeader header;
        await using (var content = await request.Original.OpenReadAsync(cancellationToken))
        {
            header = VipsHeader.Read(content, settings);
        }

        // The structure check (the decoders let a bad checksum or a cut-off scan through) reads the whole file; it runs on
        // another core while the one decode runs, and is awaited before any variant is written.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var verified = VerifyAsync(request.Original, stop.Token);
        try
        {
            return await ProcessVerifiedAsync(request, sink, header, verified, settings, cancellationToken);
        }
        finally
        {
            // On failure the check is stopped and its outcome observed, so no task is left running or unobserved.
            await stop.CancelAsync();
            try
            {
                await verified;
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
            }
        }
    }

    private static Task VerifyAsync(MediaProcessingInput original, CancellationToken cancellationToken)
        => Task.Run(
            async () =>
            {
                await using var content = await original.OpenReadAsync(cancellationToken);
                await FileStructure.VerifyAsync(content, original.ContentType, cancellationToken);
            },
            cancellationToken);

    private async Task<MediaProcessingResult> ProcessVerifiedAsync(
        MediaProcessingRequest request, IMediaVariantSink sink, VipsHeader header, Task verified, VipsImagingOptions settings, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        // libvips stops a running evaluation when the timer fires; between evaluations the clock itself is checked, since a
        // timer can fire late on a busy machine.
        void CheckTime()
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > settings.Timeout)
            {
                timeout.Cancel();
            }

            timeout.Token.ThrowIfCancellationRequested();
        }
        var contentType = request.Original.ContentType;
        var plans = request.Variants.Select(d => VariantPlan.For(d, header, contentType, settings)).OrderByDescending(p => p.Scale).ToList();
        var placeholderScale = request.GeneratePlaceholder ? Math.Min(1.0, (double)Math.Clamp(settings.PlaceholderSize, 1, 100) / Math.Max(header.UprightWidth, header.UprightHeight)) : 0;
        var baseScale = Math.Max(placeholderScale, plans.Count > 0 ? plans[0].Scale : 0);
        var animated = header.Frames > 1 && plans.Any(p => p.Animated);

        var variants = new List<MediaVariant>(plans.Count);
        string? placeholder = null;
        await using var original = await request.Original.OpenReadAsync(cancellationToken);
        try
        {
            using var decoded = Image.ThumbnailStream(
                original,
                Math.Max(1, (int)Math.Ceiling(header.UprightWidth * baseScale)),
                optionString: animated ? "n=-1" : "",
                height: Math.Max(1, (int)Math.Ceiling(header.UprightHeight * baseScale)),
                size: Enums.Size.Down,
                failOn: Enums.FailOn.Warning);
            decoded.SetProgress(NoProgress.Instance, timeout.Token);

            // The one decode: everything below works on this small in-memory rendition.
            var current = decoded.Mutate(m =>
            {
                // Already converted to sRGB; a derived thumbnail must not convert it again.
                m.Remove("icc-profile-data");
            }).CopyMemory();
            var owned = new List<Image> { current };
            try
            {
                CheckTime();
                var images = new Image[plans.Count];
                for (var i = 0; i < plans.Count; i++)
                {
                    CheckTime();
                    var plan = plans[i];
                    images[i] = Derive(current, plan);
                    owned.Add(images[i]);
                    if (plan.Definition.Fit == MediaVariantFit.Inside && (!animated || plan.Animated))
                    {
                        // The next, smaller variant is derived from this one.
                        current = images[i];
                    }
                }

                // The renditions are in memory: encoding them (WebP is the slow one) and the placeholder (from the smallest
                // rendition; libvips images are immutable, so it is read alongside an encode of the same one) are independent
                // work, spread over the cores.
                var placeholderSource = current;
                var encoded = new (MemoryStream Stream, int Width, int Height)[plans.Count];
                try
                {
                    await Parallel.ForAsync(
                        0,
                        plans.Count + (request.GeneratePlaceholder ? 1 : 0),
                        new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelEncodes > 0 ? settings.MaxParallelEncodes : Environment.ProcessorCount, CancellationToken = timeout.Token },
                        (i, _) =>
                        {
                            CheckTime();
                            if (i == plans.Count)
                            {
                                placeholder = Placeholder(placeholderSource, settings.PlaceholderSize);
                                return ValueTask.CompletedTask;
                            }

                            var stream = new MemoryStream();
                            var (width, height) = Encode(images[i], plans[i], stream, timeout.Token);
                            stream.Position = 0;
                            encoded[i] = (stream, width, height);
                            return ValueTask.CompletedTask;
                        });

                    // Nothing is written before the file's structure proved sound.
                    await verified;
                    for (var i = 0; i < plans.Count; i++)
                    {
                        var (stream, width, height) = encoded[i];
                        variants.Add(await sink.WriteAsync(new MediaVariantFile(plans[i].Definition.Name, plans[i].ContentType, width, height), stream, cancellationToken));
                    }
                }
                finally
                {
                    foreach (var (stream, _, _) in encoded)
                    {
                        stream?.Dispose();
                    }
                }
            }
            finally
            {
                foreach (var image in owned)
                {
                    image.Dispose();
                }
            }
        }
        catch (Exception ex) when (ex is VipsException or OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // A truncated file usually fails to decode too: the structure check's error says why.
            if (verified.IsFaulted || await CompletesFaultedAsync(verified))
            {
                await verified;
            }

            if (timeout.IsCancellationRequested)
            {
                Log.TimedOut(_logger, request.AssetId, settings.Timeout);
                throw new MediaException(MediaErrorCodes.ProcessingTimeout, $"Processing the image took longer than {settings.Timeout.TotalSeconds:0.#} seconds; the upload was rolled back.", ex);
            }

            throw new MediaException(MediaErrorCodes.Corrupt, "The image could not be decoded: it is corrupt, truncated, or not an image of an accepted format.", ex);
        }

        return new MediaProcessingResult { Variants = variants, Placeholder = placeholder, Metadata = header.Metadata };
    }

    private static async Task<bool> CompletesFaultedAsync(Task task)
    {
        try
        {
            await task;
            return false;
        }
        catch (MediaException)
        {
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static Image Derive(Image from, VariantPlan plan)
    {
        var source = from;
        var firstFrameOnly = !plan.Animated && from.Contains("page-height") && from.PageHeight < from.Height;
        if (firstFrameOnly)
        {
            source = from.Crop(0, 0, from.Width, from.PageHeight);
        }

        try
        {
            var definition = plan.Definition;
            using var resized = definition.Fit == MediaVariantFit.Cover
                ? source.ThumbnailImage(definition.Width!.Value, height: definition.Height!.Value, size: Enums.Size.Down, noRotate: true, crop: Enums.Interesting.Centre)
                : source.ThumbnailImage(definition.Width ?? Unbounded, height: definition.Height ?? Unbounded, size: Enums.Size.Down, noRotate: true);
            return resized.CopyMemory();
        }
        finally
        {
            if (firstFrameOnly)
            {
                source.Dispose();
            }
        }
    }

    private static (int Width, int Height) Encode(Image image, VariantPlan plan, Stream target, CancellationToken timeout)
    {
        var keep = plan.Definition.KeepMetadata ? Enums.ForeignKeep.All : Enums.ForeignKeep.None;
        var frameHeight = plan.Animated && image.Contains("page-height") ? image.PageHeight : image.Height;
        using var output = plan.Format == MediaVariantFormat.Jpeg && image.HasAlpha() ? image.Flatten([255, 255, 255]) : image.Copy();
        output.SetProgress(NoProgress.Instance, timeout);
        switch (plan.Format)
        {
            case MediaVariantFormat.Jpeg:
                output.JpegsaveStream(target, q: plan.Definition.Quality ?? 80, keep: keep);
                break;
            case MediaVariantFormat.WebP:
                output.WebpsaveStream(target, q: plan.Definition.Quality ?? 80, keep: keep);
                break;
            case MediaVariantFormat.Avif:
                output.HeifsaveStream(target, q: plan.Definition.Quality ?? 50, compression: Enums.ForeignHeifCompression.Av1, keep: keep);
                break;
            case MediaVariantFormat.Gif:
                output.GifsaveStream(target, keep: keep);
                break;
            default:
                output.PngsaveStream(target, keep: keep);
                break;
        }

        return (image.Width, frameHeight);
    }

    /// <summary>A ThumbHash of the first frame, from a rendition of at most <paramref name="size"/> pixels per side.</summary>
    private static string Placeholder(Image from, int size)
    {
        size = Math.Clamp(size, 1, 100);
        using var frame = from.Contains("page-height") && from.PageHeight < from.Height ? from.Crop(0, 0, from.Width, from.PageHeight) : from.Copy();
        using var small = frame.ThumbnailImage(size, height: size, size: Enums.Size.Down, noRotate: true);
        using var srgb = small.Interpretation == Enums.Interpretation.Srgb && small.Format == Enums.BandFormat.Uchar ? small.Copy() : small.Colourspace(Enums.Interpretation.Srgb);
        using var uchar = srgb.Format == Enums.BandFormat.Uchar ? srgb.Copy() : srgb.Cast(Enums.BandFormat.Uchar);
        using var rgba = uchar.Bands switch
        {
            >= 4 => uchar.ExtractBand(0, n: 4),
            3 => uchar.BandjoinConst([255]),
            _ => uchar.ExtractBand(0).Bandjoin(uchar.ExtractBand(0), uchar.ExtractBand(0)).BandjoinConst([255]),
        };
        var pixels = rgba.WriteToMemory<byte>();
        return Convert.ToBase64String(ThumbHash.Encode(rgba.Width, rgba.Height, pixels));
    }

    private sealed class NoProgress : IProgress<int>
    {
        public static NoProgress Instance { get; } = new();

        public void Report(int value)
        {
        }
    }

    /// <summary>One variant to make: its definition, resolved format, and the scale it needs relative to the upright original.</summary>
    private sealed record VariantPlan(MediaVariantDefinition Definition, MediaVariantFormat Format, string ContentType, double Scale, bool Animated)
    {
        public static VariantPlan For(MediaVariantDefinition definition, VipsHeader header, string contentType, VipsImagingOptions settings)
        {
            var format = definition.Format != MediaVariantFormat.Auto ? definition.Format : contentType switch
            {
                MediaContentTypes.Png => MediaVariantFormat.Png,
                MediaContentTypes.Gif => MediaVariantFormat.Gif,
                MediaContentTypes.WebP => MediaVariantFormat.WebP,
                MediaContentTypes.Avif => MediaVariantFormat.Avif,
                _ => MediaVariantFormat.Jpeg,
            };
            var type = format switch
            {
                MediaVariantFormat.Png => MediaContentTypes.Png,
                MediaVariantFormat.Gif => MediaContentTypes.Gif,
                MediaVariantFormat.WebP => MediaContentTypes.WebP,
                MediaVariantFormat.Avif => MediaContentTypes.Avif,
                _ => MediaContentTypes.Jpeg,
            };
            double width = header.UprightWidth, height = header.UprightHeight;
            var scaleX = definition.Width is { } w ? w / width : double.PositiveInfinity;
            var scaleY = definition.Height is { } h ? h / height : double.PositiveInfinity;
            var scale = definition.Fit == MediaVariantFit.Cover ? Math.Max(scaleX, scaleY) : Math.Min(scaleX, scaleY);
            var animated = header.Frames > 1 && settings.AnimatedVariants && format is MediaVariantFormat.Gif or MediaVariantFormat.WebP;
            return new VariantPlan(definition, format, type, Math.Min(1.0, scale), animated);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Processing media asset {AssetId} was stopped after {Timeout}")]
        public static partial void TimedOut(ILogger logger, Guid assetId, TimeSpan timeout);
    }
}
