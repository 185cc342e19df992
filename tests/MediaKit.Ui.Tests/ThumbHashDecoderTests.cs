using MediaKit.Ui.Internal;

namespace MediaKit.Ui.Tests;

public sealed class ThumbHashDecoderTests
{
    [Theory]
    [InlineData(200, 100, 50)]
    [InlineData(20, 140, 230)]
    [InlineData(250, 250, 250)]
    public void A_solid_image_decodes_to_its_color(byte r, byte g, byte b)
    {
        var hash = ThumbHashTestData.Encode(40, 30, ThumbHashTestData.Solid(40, 30, r, g, b));

        var image = ThumbHashDecoder.Decode(hash);

        Assert.NotNull(image);
        var (w, h, rgba) = image.Value;
        Assert.Equal(32, w); // landscape: 32 wide
        Assert.InRange(h, 22, 26); // about 4:3
        Assert.Equal(w * h * 4, rgba.Length);
        var (ar, ag, ab, aa) = Average(rgba);
        Assert.InRange(ar, r - 12, r + 12);
        Assert.InRange(ag, g - 12, g + 12);
        Assert.InRange(ab, b - 12, b + 12);
        Assert.Equal(255, aa, 0.5);
    }

    [Fact]
    public void A_portrait_image_decodes_taller_than_wide()
    {
        var hash = ThumbHashTestData.Encode(20, 60, ThumbHashTestData.Solid(20, 60, 10, 10, 10));

        var (w, h, _) = ThumbHashDecoder.Decode(hash)!.Value;

        Assert.Equal(32, h);
        Assert.InRange(w, 9, 14); // 3:7 is the closest ratio the hash can say for 1:3
    }

    [Fact]
    public void Alpha_is_decoded()
    {
        var rgba = ThumbHashTestData.Solid(30, 30, 0, 0, 255);
        for (var i = 0; i < rgba.Length / 2; i += 4)
        {
            rgba[i + 3] = 0; // top half transparent
        }

        var (w, h, decoded) = ThumbHashDecoder.Decode(ThumbHashTestData.Encode(30, 30, rgba))!.Value;

        var top = decoded[(4 * w) + 3];
        var bottom = decoded[(((h - 4) * w) + 4) * 4 + 3];
        Assert.True(top < 80, $"top alpha {top}");
        Assert.True(bottom > 180, $"bottom alpha {bottom}");
    }

    [Fact]
    public void A_left_to_right_gradient_keeps_its_direction()
    {
        var rgba = new byte[50 * 50 * 4];
        for (var y = 0; y < 50; y++)
        {
            for (var x = 0; x < 50; x++)
            {
                var i = ((y * 50) + x) * 4;
                rgba[i] = rgba[i + 1] = rgba[i + 2] = (byte)(x * 5);
                rgba[i + 3] = 255;
            }
        }

        var (w, _, decoded) = ThumbHashDecoder.Decode(ThumbHashTestData.Encode(50, 50, rgba))!.Value;

        Assert.True(decoded[0] + 100 < decoded[(w - 1) * 4], $"left {decoded[0]}, right {decoded[(w - 1) * 4]}");
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 2, 3, 4 })]
    [InlineData(new byte[] { 0x5f, 0x37, 0x27, 0x07, 0x00, 0x11 })] // a header that promises more AC bytes than there are
    public void Truncated_hashes_are_refused(byte[] hash) => Assert.Null(ThumbHashDecoder.Decode(hash));

    [Fact]
    public void The_data_url_is_a_valid_png_of_the_decoded_size()
    {
        var hash = ThumbHashTestData.Encode(40, 30, ThumbHashTestData.Solid(40, 30, 200, 100, 50));
        var (w, h, rgba) = ThumbHashDecoder.Decode(hash)!.Value;

        var url = ThumbHashPlaceholders.ToDataUrl(Convert.ToBase64String(hash));

        Assert.NotNull(url);
        var png = ThumbHashTestData.ReadPng(url);
        Assert.Equal((w, h), (png.Width, png.Height));
        Assert.Equal(6, png.ColorType); // RGBA
        Assert.Equal(h * (1 + (w * 4)), png.Raw.Length);
        Assert.Equal(rgba[..(w * 4)], png.Raw[1..(1 + (w * 4))]); // first scanline, after its filter byte
    }

    [Fact]
    public void The_data_url_is_cached_per_placeholder()
    {
        var placeholder = Convert.ToBase64String(ThumbHashTestData.Encode(10, 10, ThumbHashTestData.Solid(10, 10, 1, 2, 3)));

        Assert.Same(ThumbHashPlaceholders.ToDataUrl(placeholder), ThumbHashPlaceholders.ToDataUrl(placeholder));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Missing_or_invalid_placeholders_give_no_url(string? placeholder) => Assert.Null(ThumbHashPlaceholders.ToDataUrl(placeholder));

    private static (double R, double G, double B, double A) Average(byte[] rgba)
    {
        double r = 0, g = 0, b = 0, a = 0;
        var n = rgba.Length / 4;
        for (var i = 0; i < rgba.Length; i += 4)
        {
            r += rgba[i];
            g += rgba[i + 1];
            b += rgba[i + 2];
            a += rgba[i + 3];
        }

        return (r / n, g / n, b / n, a / n);
    }
}
