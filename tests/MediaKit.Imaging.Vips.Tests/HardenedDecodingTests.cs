using System.Buffers.Binary;
using System.IO.Compression;
using MediaKit.Imaging.Vips.Internal;
using MediaKit.Processing;
using Microsoft.Extensions.Options;
using NetVips;

namespace MediaKit.Imaging.Vips.Tests;

public sealed class HardenedDecodingTests
{
    /// <summary>A valid PNG of a few hundred bytes that declares <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    internal static byte[] PixelBomb(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth; color type 0 (gray)
        Chunk(png, "IHDR", ihdr);
        using var zlib = new MemoryStream();
        using (var z = new ZLibStream(zlib, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write(new byte[4096]);
        }

        Chunk(png, "IDAT", zlib.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var head = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, head.AsSpan(4));
        png.Write(head);
        png.Write(data);
        var crc = System.IO.Hashing.Crc32.HashToUInt32([.. head.AsSpan(4).ToArray(), .. data]);
        var tail = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(tail, crc);
        png.Write(tail);
    }


    [Fact]
    public async Task A_pixel_bomb_is_refused_from_its_header_without_allocating_the_image()
    {
        var bomb = PixelBomb(100_000, 100_000);
        Assert.True(bomb.Length < 1_000, $"the bomb is {bomb.Length} bytes");
        var probe = new VipsImageProbe(Options.Create(new VipsImagingOptions()));
        var native = NetVips.Stats.MemHighwater;
        var managed = GC.GetAllocatedBytesForCurrentThread();

        var fromProbe = await Assert.ThrowsAsync<MediaException>(() => probe.ProbeAsync(new MemoryStream(bomb), MediaContentTypes.Png, CancellationToken.None));
        var fromEngine = await Assert.ThrowsAsync<MediaException>(() => Engine.ProcessAsync(bomb, MediaContentTypes.Png));

        Assert.Equal(MediaErrorCodes.TooLarge, fromProbe.Code);
        Assert.Equal(MediaErrorCodes.TooLarge, fromEngine.Code);

        // Ten gigapixels were declared; neither libvips nor .NET allocated more than a few megabytes.
        Assert.True(NetVips.Stats.MemHighwater - native < 16_000_000, $"libvips peak grew by {NetVips.Stats.MemHighwater - native:N0} bytes");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - managed < 16_000_000);
    }

    [Fact]
    public async Task An_HEVC_HEIC_photo_is_refused_as_an_unavailable_codec_not_as_corrupt_when_libvips_cannot_decode_HEVC()
    {
        // A real HEIC (64 x 48, HEVC, made with libheif's heif-enc); the bundled libvips reads its header but has no decoder.
        var heic = Convert.FromBase64String(VipsRuntime.HevcSample);
        var probe = new VipsImageProbe(Options.Create(new VipsImagingOptions()));

        if (VipsRuntime.DecodesHevc)
        {
            var result = await probe.ProbeAsync(new MemoryStream(heic), MediaContentTypes.Heic, CancellationToken.None);
            Assert.Equal((64, 48), (result!.Width, result.Height));
            return;
        }

        var error = await Assert.ThrowsAsync<MediaException>(() => probe.ProbeAsync(new MemoryStream(heic), MediaContentTypes.Heic, CancellationToken.None));
        var fromEngine = await Assert.ThrowsAsync<MediaException>(() => Engine.ProcessAsync(heic, MediaContentTypes.Heic));

        Assert.Equal(MediaErrorCodes.CodecUnavailable, error.Code);
        Assert.Equal(MediaErrorCodes.CodecUnavailable, fromEngine.Code);
        Assert.Contains("HEVC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bundled_libvips_reads_the_HEIC_header_but_has_no_HEVC_decoder()
    {
        // Pins the fact the HEIC rule above rests on: if a NetVips.Native update brings an HEVC decoder, this fails and the
        // documentation (docs/security.md, docs/options.md) must say HEIC photos get variants.
        using var header = Image.NewFromBuffer(Convert.FromBase64String(VipsRuntime.HevcSample), access: Enums.Access.Sequential);

        Assert.Equal("hevc", header.Get("heif-compression"));
        Assert.False(VipsRuntime.DecodesHevc);
    }

    [Fact]
    public async Task A_GIF_with_thousands_of_frames_is_refused_from_its_header()
    {
        const int frames = 3000;
        // Every frame differs from the one before, so the encoder cannot merge them.
        using var strip = (Image.Xyz(4, 4 * frames)[1] % 256).Cast(Enums.BandFormat.Uchar).Mutate(m =>
        {
            m.Set(GValue.GIntType, "page-height", 4);
            m.Set(GValue.GIntType, "n-pages", frames);
        });
        var gif = strip.GifsaveBuffer();
        var probe = new VipsImageProbe(Options.Create(new VipsImagingOptions()));

        var error = await Assert.ThrowsAsync<MediaException>(() => probe.ProbeAsync(new MemoryStream(gif), MediaContentTypes.Gif, CancellationToken.None));
        var fromEngine = await Assert.ThrowsAsync<MediaException>(() => Engine.ProcessAsync(gif, MediaContentTypes.Gif));

        Assert.Equal(MediaErrorCodes.TooManyFrames, error.Code);
        Assert.Equal(MediaErrorCodes.TooManyFrames, fromEngine.Code);
    }

    [Fact]
    public async Task An_animated_GIF_keeps_its_animation_in_GIF_and_WebP_variants_and_gives_a_still_JPEG()
    {
        using var frames = (Image.Xyz(64, 3 * 48)[1] * 1.5).Cast(Enums.BandFormat.Uchar).Mutate(m =>
        {
            m.Set(GValue.GIntType, "page-height", 48);
            m.Set(GValue.GIntType, "n-pages", 3);
        });
        var gif = frames.GifsaveBuffer();
        var variants = Engine.DefaultVariants();
        variants.Add("still", v => { v.Width = 32; v.Format = MediaVariantFormat.Jpeg; });

        var (result, sink) = await Engine.ProcessAsync(gif, MediaContentTypes.Gif, variants);

        using var animatedGif = Image.NewFromBuffer(sink.Files["thumb-800"].Bytes, "n=-1");
        using var animatedWebp = Image.NewFromBuffer(sink.Files["thumb-150-webp"].Bytes, "n=-1");
        using var still = Image.NewFromBuffer(sink.Files["still"].Bytes);
        Assert.Equal(3, (int)animatedGif.Get("n-pages"));
        Assert.Equal(3, (int)animatedWebp.Get("n-pages"));
        Assert.Equal((64, 48), (sink.Files["thumb-800"].File.Width, sink.Files["thumb-800"].File.Height));
        Assert.Equal((32, 24), (still.Width, still.Height));
        Assert.Equal("3", result.Metadata![MediaMetadataKeys.FrameCount]);
    }

    [Fact]
    public async Task Loaders_of_formats_that_are_not_accepted_are_blocked()
    {
        VipsRuntime.EnsureInitialized();
        using var image = Image.Black(8, 8);
        var ppm = "P5\n8 8\n255\n"u8.ToArray().Concat(new byte[64]).ToArray();

        Assert.Throws<VipsException>(() => Image.NewFromBuffer(ppm));
        var error = await Assert.ThrowsAsync<MediaException>(() => Engine.ProcessAsync(ppm, MediaContentTypes.Jpeg));
        Assert.Equal(MediaErrorCodes.Corrupt, error.Code);

        // The accepted formats still load.
        using var png = Image.NewFromBuffer(image.PngsaveBuffer());
        Assert.Equal(8, png.Width);
    }

    [Fact]
    public async Task A_file_that_takes_longer_than_the_time_limit_is_stopped_with_a_typed_error()
    {
        using var noise = Image.Gaussnoise(3000, 3000).Cast(Enums.BandFormat.Uchar);
        var png = noise.PngsaveBuffer(compression: 1);

        var error = await Assert.ThrowsAsync<MediaException>(() => Engine.ProcessAsync(png, MediaContentTypes.Png, options: new VipsImagingOptions { Timeout = TimeSpan.FromMilliseconds(1) }));

        Assert.Equal(MediaErrorCodes.ProcessingTimeout, error.Code);
    }

    [Fact]
    public async Task A_truncated_JPEG_is_refused_with_a_typed_error_when_its_pixels_are_decoded()
    {
        using var noise = Image.Gaussnoise(600, 400).Cast(Enums.BandFormat.Uchar);
        var jpeg = noise.JpegsaveBuffer();
        var truncated = jpeg[..(jpeg.Length / 2)];

        var error = await Assert.ThrowsAsync<MediaException>(() => Engine.ProcessAsync(truncated, MediaContentTypes.Jpeg));

        Assert.Equal(MediaErrorCodes.Corrupt, error.Code);
    }
}
