using MediaKit.Processing;
using MediaKit.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using NetVips;

namespace MediaKit.IntegrationTests;

/// <summary>Variants through the real pipeline: libvips, SQLite and local disk; faults injected around the real parts.</summary>
public sealed class VariantPipelineTests
{
    internal static byte[] Photo(int width = 1200, int height = 900)
    {
        using var noise = Image.Gaussnoise(width, height, mean: 128, sigma: 40, seed: 7);
        using var rgb = noise.Bandjoin(noise, noise).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return rgb.JpegsaveBuffer(q: 85);
    }

    [Fact]
    public async Task An_uploaded_photo_gets_the_default_variants_a_placeholder_and_its_metadata_in_one_save()
    {
        await using var host = await VariantHost.StartAsync();

        var asset = await host.UploadAsync("images", "photo.jpg", Photo());

        Assert.Equal(["thumb-150", "thumb-150-webp", "thumb-300", "thumb-300-webp", "thumb-800", "thumb-800-webp"], asset.Variants.Select(v => v.Name).Order(StringComparer.Ordinal));
        Assert.NotNull(asset.Placeholder);
        Assert.Equal("jpeg", asset.Metadata[MediaMetadataKeys.Format]);
        var stored = await host.FindAsync(asset.Id);
        Assert.Equal(6, stored!.Variants.Count);
        Assert.Equal(asset.Placeholder, stored.Placeholder);
        foreach (var variant in stored.Variants)
        {
            Assert.EndsWith($"{variant.Name}-v1.{MediaContentTypes.GetExtension(variant.ContentType)}", variant.StorageKey, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(host.MediaRoot, variant.StorageKey)), variant.StorageKey);
            Assert.Equal(new FileInfo(Path.Combine(host.MediaRoot, variant.StorageKey)).Length, variant.Length);
        }

        // The store serves a variant by name.
        await using var thumb = await host.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IMediaStore>().OpenReadAsync(asset.Id, "thumb-300-webp");
        Assert.Equal(MediaContentTypes.WebP, thumb!.ContentType);
        Assert.Equal(7, host.AllFiles().Count);
    }

    [Fact]
    public async Task Purging_an_asset_removes_every_variant_file()
    {
        await using var host = await VariantHost.StartAsync();
        var asset = await host.UploadAsync("images", "photo.jpg", Photo());
        Assert.Equal(7, host.AllFiles().Count);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<IMediaStore>().DeleteAsync(asset.Id, MediaDeleteMode.Purge, force: true));
        }

        Assert.Empty(host.AllFiles());
        Assert.Empty(await host.AllRecordsAsync());
    }

    [Fact]
    public async Task A_corrupt_image_is_refused_with_a_typed_error_and_leaves_nothing()
    {
        await using var host = await VariantHost.StartAsync();
        var photo = Photo();

        var error = await Assert.ThrowsAsync<MediaException>(() => host.UploadAsync("images", "cut.jpg", photo[..(photo.Length * 2 / 3)]));

        Assert.Equal(MediaErrorCodes.Corrupt, error.Code);
        Assert.Empty(host.AllFiles());
        Assert.Empty(await host.AllRecordsAsync());
    }

    [Fact]
    public async Task A_phone_HEIC_photo_the_engine_cannot_decode_is_refused_as_such_and_leaves_nothing()
    {
        // The bundled libvips has no HEVC decoder (pinned by HardenedDecodingTests.The_bundled_libvips_reads_the_HEIC_header_but_has_no_HEVC_decoder).
        await using var host = await VariantHost.StartAsync();

        var error = await Assert.ThrowsAsync<MediaException>(() => host.UploadAsync("images", "IMG_0001.HEIC", Convert.FromBase64String(Imaging.Vips.Internal.VipsRuntime.HevcSample)));

        Assert.Equal(MediaErrorCodes.CodecUnavailable, error.Code);
        Assert.Empty(host.AllFiles());
        Assert.Empty(await host.AllRecordsAsync());
    }

    [Fact]
    public async Task A_processor_that_fails_after_writing_variants_leaves_no_bytes_and_no_record()
    {
        var failing = new FailingAfterWritesProcessor();
        await using var host = await VariantHost.StartAsync(before: services => services.AddSingleton<IMediaProcessor>(failing));

        var error = await Assert.ThrowsAsync<MediaException>(() => host.UploadAsync("images", "photo.jpg", Photo()));

        Assert.Equal(MediaErrorCodes.ProcessingFailed, error.Code);
        Assert.True(failing.Written > 0, "the fault must come after variant bytes were written");
        Assert.Empty(host.AllFiles());
        Assert.Empty(await host.AllRecordsAsync());
    }

    [Fact]
    public async Task A_blob_store_failing_on_the_third_variant_leaves_no_bytes_and_no_record()
    {
        await using var host = await VariantHost.StartAsync(decorateStore: inner => new FailingOnNthVariantStore(inner, 3));

        var error = await Assert.ThrowsAsync<MediaException>(() => host.UploadAsync("images", "photo.jpg", Photo()));

        Assert.Equal(MediaErrorCodes.StorageFailed, error.Code);
        Assert.Empty(host.AllFiles());
        Assert.Empty(await host.AllRecordsAsync());
    }

    [Fact]
    public async Task Replacing_the_file_regenerates_the_variants_under_new_keys_and_removes_the_old_ones()
    {
        await using var host = await VariantHost.StartAsync();
        var asset = await host.UploadAsync("images", "photo.jpg", Photo(1200, 900));
        var oldKeys = asset.Variants.Select(v => v.StorageKey).ToList();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediaStore>().ReplaceContentAsync(asset.Id, new MediaContentReplacement("tall.jpg", new MemoryStream(Photo(600, 900))));
        }

        var stored = await host.FindAsync(asset.Id);
        Assert.Equal(6, stored!.Variants.Count);
        Assert.All(stored.Variants, v => Assert.Contains("-v2.", v.StorageKey, StringComparison.Ordinal));
        var large = stored.Variants.Single(v => v.Name == "thumb-800");
        Assert.Equal((600, 900), (large.Width, large.Height)); // the new 600 x 900 file is never enlarged
        Assert.All(oldKeys, k => Assert.False(File.Exists(Path.Combine(host.MediaRoot, k)), k));

        // New original, old original kept as a version, six new variants.
        Assert.Equal(8, host.AllFiles().Count);
    }

    [Fact]
    public async Task Bad_variant_settings_fail_at_startup_naming_the_setting()
    {
        await using var host = await VariantHost.StartAsync(configure: o => o.Collections.Add("bad", c =>
        {
            c.Variants.Add("Thumb 300", v => v.Width = 300);
            c.Variants.Add("square", v => { v.Width = 100; v.Fit = MediaVariantFit.Cover; });
            c.Variants.Add("noquality", v => { v.Width = 100; v.Quality = 0; });
        }));

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Options);

        Assert.Contains(error.Failures, f => f.Contains("'Thumb 300'", StringComparison.Ordinal) && f.Contains("lowercase", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'square'", StringComparison.Ordinal) && f.Contains("Cover", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'noquality'", StringComparison.Ordinal) && f.Contains("Quality", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Variants_are_not_generated_when_the_collection_turns_them_off()
    {
        await using var host = await VariantHost.StartAsync(configure: o => o.Collections.Add("plain", c => { c.AcceptImages(); c.Variants.Enabled = false; }));

        var asset = await host.UploadAsync("plain", "photo.jpg", Photo());

        Assert.Empty(asset.Variants);
        Assert.NotNull(asset.Placeholder);
        Assert.Single(host.AllFiles());
    }

    [Fact]
    public async Task The_backfill_generates_missing_variants_once_even_with_two_runners_at_the_same_time()
    {
        var counting = new CountingProcessor();
        await using var host = await VariantHost.StartAsync(
            before: services => services.AddSingleton<IMediaProcessor>(counting),
            vips: false,
            configure: o => o.Collections.Add("gallery", c => { c.AcceptImages(); c.Variants.Clear(); c.Variants.Add("small", v => v.Width = 64); }));
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await host.UploadAsync("gallery", $"p{i}.jpg", Photo(300, 200))).Id);
        }

        // The collection's settings change: a new variant.
        host.Options.Collections.Find("gallery")!.Variants.Add("square", v => { v.Width = 50; v.Height = 50; v.Fit = MediaVariantFit.Cover; v.Format = MediaVariantFormat.WebP; });
        counting.Reset();

        await using var a = host.Services.CreateAsyncScope();
        await using var b = host.Services.CreateAsyncScope();
        var reports = await Task.WhenAll(
            Task.Run(() => a.ServiceProvider.GetRequiredService<IMediaVariantBackfill>().RunAsync()),
            Task.Run(() => b.ServiceProvider.GetRequiredService<IMediaVariantBackfill>().RunAsync()));

        Assert.Equal(4, reports.Sum(r => r.VariantsGenerated));
        Assert.Equal(4, counting.Calls);
        foreach (var id in ids)
        {
            var stored = await host.FindAsync(id);
            var square = stored!.Variants.Single(v => v.Name == "square");
            Assert.Equal((50, 50), (square.Width, square.Height));
            Assert.True(File.Exists(Path.Combine(host.MediaRoot, square.StorageKey)));
        }

        // A second pass finds nothing missing.
        await using var c = host.Services.CreateAsyncScope();
        var again = await c.ServiceProvider.GetRequiredService<IMediaVariantBackfill>().RunAsync();
        Assert.Equal(0, again.VariantsGenerated);
    }

    [Fact]
    public async Task A_collection_that_asks_for_it_stores_JPEG_originals_without_their_GPS_position_losslessly()
    {
        await using var host = await VariantHost.StartAsync(configure: o => o.Collections.Add("private-photos", c => { c.AcceptImages(); c.OriginalMetadata = MediaOriginalMetadata.RemoveGps; }));
        var photo = WithExif(Photo(400, 300));

        var kept = await host.UploadAsync("images", "kept.jpg", photo);
        var cleaned = await host.UploadAsync("private-photos", "cleaned.jpg", photo);

        var keptBytes = await File.ReadAllBytesAsync(Path.Combine(host.MediaRoot, kept.StorageKey));
        var cleanedBytes = await File.ReadAllBytesAsync(Path.Combine(host.MediaRoot, cleaned.StorageKey));
        using (var keptImage = Image.NewFromBuffer(keptBytes))
        {
            // Without the option the position is stored: the attack the option answers is real.
            Assert.Contains(keptImage.GetFields(), f => f.StartsWith("exif-ifd3-GPS", StringComparison.Ordinal));
        }

        using var cleanedImage = Image.NewFromBuffer(cleanedBytes);
        Assert.DoesNotContain(cleanedImage.GetFields(), f => f.StartsWith("exif-ifd3-", StringComparison.Ordinal));
        Assert.Contains("MediaKit TestCam", (string)cleanedImage.Get("exif-ifd0-Make"), StringComparison.Ordinal);
        Assert.Equal(photo.Length, cleanedBytes.Length); // lossless: same segments, GPS zeroed in place
        Assert.Equal(photo.AsSpan(photo.Length - 5000).ToArray(), cleanedBytes.AsSpan(cleanedBytes.Length - 5000).ToArray());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(cleanedBytes)), cleaned.Sha256);
        Assert.Equal(cleanedBytes.Length, cleaned.Length);
        Assert.Equal(6, cleaned.Variants.Count);
    }

    /// <summary>Inserts an EXIF APP1 segment with a camera and a GPS latitude right after the JPEG's SOI marker.</summary>
    internal static byte[] WithExif(byte[] jpeg)
    {
        static void U16(List<byte> b, int v) { b.Add((byte)v); b.Add((byte)(v >> 8)); }
        static void U32(List<byte> b, int v) { U16(b, v & 0xFFFF); U16(b, v >> 16); }

        // Little-endian TIFF: IFD0 at 8 with Make (0x010F) and GPSInfo (0x8825) → GPS IFD with GPSLatitudeRef (1) = "N" and GPSLatitude (2) = 51/1, 30/1, 0/1.
        var make = "MediaKit TestCam\0"u8.ToArray();
        var tiff = new List<byte> { (byte)'I', (byte)'I', 42, 0 };
        U32(tiff, 8);
        const int ifd0 = 8, ifd0Size = 2 + (2 * 12) + 4;
        var makeAt = ifd0 + ifd0Size;
        var gpsAt = makeAt + make.Length + (make.Length % 2);
        U16(tiff, 2);
        U16(tiff, 0x010F); U16(tiff, 2); U32(tiff, make.Length); U32(tiff, makeAt);
        U16(tiff, 0x8825); U16(tiff, 4); U32(tiff, 1); U32(tiff, gpsAt);
        U32(tiff, 0);
        tiff.AddRange(make);
        if (make.Length % 2 == 1)
        {
            tiff.Add(0);
        }

        const int gpsSize = 2 + (2 * 12) + 4;
        var rationalsAt = gpsAt + gpsSize;
        U16(tiff, 2);
        U16(tiff, 1); U16(tiff, 2); U32(tiff, 2); tiff.AddRange("N\0\0\0"u8.ToArray());
        U16(tiff, 2); U16(tiff, 5); U32(tiff, 3); U32(tiff, rationalsAt);
        U32(tiff, 0);
        foreach (var value in new[] { 51, 30, 0 })
        {
            U32(tiff, value);
            U32(tiff, 1);
        }

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new List<byte> { 0xFF, 0xE1, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2) };
        segment.AddRange(payload);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    /// <summary>The real engine, counting the calls that reach it, to show no asset is processed twice.</summary>
    private sealed class CountingProcessor : IMediaProcessor
    {
        private readonly IMediaProcessor _engine = new MediaKit.Imaging.Vips.Internal.VipsImageEngine(Microsoft.Extensions.Options.Options.Create(new MediaKit.Imaging.Vips.VipsImagingOptions()));
        private int _calls;

        public int Calls => _calls;

        public void Reset() => _calls = 0;

        public bool CanProcess(string contentType) => _engine.CanProcess(contentType);

        public Task<MediaProcessingResult> ProcessAsync(MediaProcessingRequest request, IMediaVariantSink sink, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return _engine.ProcessAsync(request, sink, cancellationToken);
        }
    }

    /// <summary>Runs first: writes a real variant through the sink, then fails as an encoder would.</summary>
    private sealed class FailingAfterWritesProcessor : IMediaProcessor
    {
        public int Written { get; private set; }

        public bool CanProcess(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);

        public async Task<MediaProcessingResult> ProcessAsync(MediaProcessingRequest request, IMediaVariantSink sink, CancellationToken cancellationToken)
        {
            var first = request.Variants[0];
            await sink.WriteAsync(new MediaVariantFile(first.Name, MediaContentTypes.Jpeg, 10, 10), new MemoryStream(new byte[500]), cancellationToken);
            Written++;
            throw new InvalidOperationException("disk full in the encoder");
        }
    }

    private sealed class FailingOnNthVariantStore(IMediaBlobStore inner, int n) : IMediaBlobStore
    {
        private int _variantWrites;

        public async Task<BlobInfo> WriteAsync(string key, Stream content, BlobWriteOptions options, CancellationToken cancellationToken)
        {
            if (!key.Contains("/original-", StringComparison.Ordinal) && Interlocked.Increment(ref _variantWrites) == n)
            {
                // Half a file, then the failure: the store's own all-or-nothing promise is what is tested around.
                throw new IOException("connection reset while writing " + key);
            }

            return await inner.WriteAsync(key, content, options, cancellationToken);
        }

        public Task<Stream?> OpenReadAsync(string key, BlobRange? range, CancellationToken cancellationToken) => inner.OpenReadAsync(key, range, cancellationToken);

        public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken) => inner.GetInfoAsync(key, cancellationToken);

        public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public IAsyncEnumerable<BlobInfo> ListAsync(string? prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
    }
}

/// <summary>A host app's setup with the libvips engine: SQLite file, local disk, a fresh temporary folder.</summary>
internal sealed class VariantHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private VariantHost(string root, ServiceProvider services)
    {
        Root = root;
        _services = services;
    }

    public string Root { get; }

    public string MediaRoot => Path.Combine(Root, "media");

    public IServiceProvider Services => _services;

    public MediaKitOptions Options => _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MediaKitOptions>>().Value;

    public static async Task<VariantHost> StartAsync(
        Action<IServiceCollection>? before = null,
        Func<IMediaBlobStore, IMediaBlobStore>? decorateStore = null,
        Action<MediaKitOptions>? configure = null,
        bool vips = true)
    {
        var root = Path.Combine(Path.GetTempPath(), "mediakit-variants-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow));
        services.AddDbContext<TestDbContext>((sp, o) => o.UseSqlite($"Data Source={Path.Combine(root, "catalog.db")};Pooling=False").UseMediaKitUsageTracking(sp));
        before?.Invoke(services);
        var builder = services
            .AddMediaKit(o =>
            {
                o.Collections.Add("images", c => c.AcceptImages());
                configure?.Invoke(o);
            })
            .UseEntityFrameworkCore<TestDbContext>()
            .UseFileSystemStorage(o => o.RootPath = Path.Combine(root, "media"));
        if (vips)
        {
            builder.UseVipsImaging();
        }

        if (decorateStore is not null)
        {
            var inner = services.Last(d => d.ServiceType == typeof(IMediaBlobStore));
            services.Replace(ServiceDescriptor.Singleton<IMediaBlobStore>(sp => decorateStore(inner.ImplementationFactory is { } factory
                ? (IMediaBlobStore)factory(sp)
                : (IMediaBlobStore)(inner.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!)))));
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        }

        return new VariantHost(root, provider);
    }

    public async Task<MediaAsset> UploadAsync(string collection, string fileName, byte[] bytes)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediaStore>().UploadAsync(new MediaUploadRequest(collection, fileName, new MemoryStream(bytes)));
    }

    public async Task<MediaAsset?> FindAsync(Guid id)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediaStore>().FindAsync(id);
    }

    public async Task<List<MediaAsset>> AllRecordsAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<MediaAsset>().AsNoTracking().ToListAsync();
    }

    public List<string> AllFiles()
        => Directory.Exists(MediaRoot) ? [.. Directory.EnumerateFiles(MediaRoot, "*", SearchOption.AllDirectories)] : [];

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow disk; the temp folder's own cleanup removes it.
        }
    }
}
