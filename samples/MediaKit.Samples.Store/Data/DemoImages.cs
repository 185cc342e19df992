using System.Security;
using NetVips;

namespace MediaKit.Samples.Store.Data;

/// <summary>
/// Draws the demo store's pictures on first run, with libvips (NetVips, which MediaKit.Imaging.Vips brings): product
/// "photos", banners, a logo and a favicon. Nothing is downloaded, and no image file ships with the sample.
/// </summary>
/// <remarks>
/// Speed matters more than detail here: the whole first run (drawing, uploading, variants) should take a few seconds. The
/// scene (gradient backdrop, soft shadow, the object's silhouette with its shading) is computed at a quarter of the size
/// and scaled up, which also gives the edges a photo-like softness; only the text is drawn at full size, so it stays crisp.
/// </remarks>
internal static class DemoImages
{
    /// <summary>The size of a product photo.</summary>
    public const int ProductWidth = 1200, ProductHeight = 900;

    /// <summary>The size of a banner.</summary>
    public const int BannerWidth = 1600, BannerHeight = 600;

    private const int Scale = 4;

    /// <summary>Soft backdrops (light, darker) and the object's colour, one per product.</summary>
    private static readonly Palette[] s_palettes =
    [
        new([244, 236, 222], [214, 196, 170], [120, 90, 60]),
        new([222, 235, 242], [160, 190, 214], [40, 70, 110]),
        new([240, 224, 226], [208, 160, 170], [130, 50, 70]),
        new([226, 238, 226], [170, 200, 172], [50, 100, 70]),
        new([246, 232, 206], [226, 180, 120], [170, 90, 30]),
        new([232, 228, 244], [184, 172, 220], [80, 60, 140]),
        new([236, 236, 232], [190, 190, 180], [60, 60, 56]),
        new([246, 226, 214], [224, 170, 140], [150, 70, 40]),
    ];

    /// <summary>The silhouettes a product can have.</summary>
    public enum Shape
    {
        /// <summary>A round object (a mug seen from above, a hat).</summary>
        Round,

        /// <summary>A box or a folded garment.</summary>
        Box,

        /// <summary>An arch (a bag, a lamp shade).</summary>
        Arch,
    }

    /// <summary>A product photo: the object on a gradient backdrop with its shadow and the product's name; JPEG.</summary>
    /// <param name="name">The product's name, written on the picture.</param>
    /// <param name="palette">Which of the palettes to use (any number; wraps around).</param>
    /// <param name="shape">The object's silhouette.</param>
    /// <param name="detail">A second shot: the object closer and off-centre.</param>
    public static byte[] Product(string name, int palette, Shape shape, bool detail)
    {
        var colors = s_palettes[palette % s_palettes.Length];
        const int w = ProductWidth / Scale, h = ProductHeight / Scale;
        using var xyz = Image.Xyz(w, h);
        using var x = xyz[0].Cast(Enums.BandFormat.Float);
        using var y = xyz[1].Cast(Enums.BandFormat.Float);
        var backdrop = Gradient(x, y, w, h, colors);

        double cx = (detail ? 0.62 : 0.5) * w, cy = (detail ? 0.46 : 0.48) * h, r = (detail ? 300.0 : 250.0) / Scale;

        // The shadow: a flat ellipse under the object, blurred.
        var sx = (x - cx) / (r * 1.1);
        var sy = (y - (cy + (r * 0.95))) / (r * 0.22);
        var ellipse = 1 - ((sx * sx) + (sy * sy));
        var shadow = (ellipse > 0).Ifthenelse(ellipse, 0.0).Gaussblur(4) * 0.35;
        backdrop *= 1 - shadow;

        var distance = shape switch
        {
            Shape.Round => Circle(x - cx, y - cy, r),
            Shape.Box => RoundedBox(x, y, cx, cy, r * 0.85, r, 60.0 / Scale),
            _ => ArchShape(x, y, cx, cy, r),
        };
        var coverage = Clamp01(0.5 - distance);

        // Lit from above: lighter at the top of the object, darker at its foot; a soft highlight band down one side.
        var shade = (y - (cy - r)) / (2 * r);
        var body = (1.25 - (shade * 0.45)).Linear(colors.Object, [0, 0, 0]);
        var scene = (backdrop * (1 - coverage)) + (body * coverage);
        var highlight = ((x - cx + (r * 0.35)).Abs() < r * 0.08).Ifthenelse(1.0, 0.0) * coverage * 0.18;
        scene = (scene * (1 - highlight)) + (highlight * 255);

        using var full = Enlarge(scene, ProductWidth, ProductHeight);
        var ink = colors.Object.Select(c => c * 0.7).ToArray();
        using var labelled = WithText(full, name, "sans bold 56", ink, 64, null, ProductHeight - 64);
        return labelled.JpegsaveBuffer(q: 82, optimizeCoding: true);
    }

    /// <summary>A wide banner: a diagonal gradient with large soft circles, a title and a subtitle; JPEG.</summary>
    public static byte[] Banner(string title, string subtitle, int palette)
    {
        var colors = s_palettes[palette % s_palettes.Length];
        const int w = BannerWidth / Scale, h = BannerHeight / Scale;
        using var xyz = Image.Xyz(w, h);
        using var x = xyz[0].Cast(Enums.BandFormat.Float);
        using var y = xyz[1].Cast(Enums.BandFormat.Float);
        var scene = Gradient(x, y, w, h, colors);
        foreach (var (fx, fy, fr, alpha) in new[] { (0.78, 0.35, 0.42, 0.55), (0.93, 0.85, 0.28, 0.35), (0.62, 1.05, 0.22, 0.25) })
        {
            var coverage = Clamp01(0.5 - Circle(x - (fx * w), y - (fy * h), fr * h)) * alpha;
            scene = (scene * (1 - coverage)) + coverage.Linear(colors.Object, [0, 0, 0]);
        }

        using var full = Enlarge(scene, BannerWidth, BannerHeight);
        var ink = colors.Object.Select(c => c * 0.65).ToArray();
        using var titled = WithText(full, title, "sans bold 84", ink, 96, 190, null);
        using var subtitled = WithText(titled, subtitle, "sans 40", ink, 100, 320, null);
        return subtitled.JpegsaveBuffer(q: 82, optimizeCoding: true);
    }

    /// <summary>A logo: a round mark with the store's initial, and the store's name, on a transparent background; PNG.</summary>
    public static byte[] Logo(string storeName, int palette)
    {
        var ink = s_palettes[palette % s_palettes.Length].Object;
        using var name = Image.Text(Markup(storeName), font: "sans bold 60", dpi: 72);
        const int mark = 120, gap = 28;
        var width = mark + gap + name.Width + 8;
        using var disc = Disc(mark, ink, storeName[..1].ToUpperInvariant(), "sans bold 64");
        using var canvas = Image.Black(width, mark, bands: 4).Copy(interpretation: Enums.Interpretation.Srgb);
        using var withMark = canvas.Composite2(disc, Enums.BlendMode.Over, x: 0, y: 0);
        using var label = Ink(name, ink);
        using var logo = withMark.Composite2(label, Enums.BlendMode.Over, x: mark + gap, y: (mark - name.Height) / 2);
        return logo.Cast(Enums.BandFormat.Uchar).PngsaveBuffer();
    }

    /// <summary>A 64 × 64 favicon: the store's initial on a round mark; PNG.</summary>
    public static byte[] Favicon(string storeName, int palette)
    {
        using var disc = Disc(64, s_palettes[palette % s_palettes.Length].Object, storeName[..1].ToUpperInvariant(), "sans bold 36");
        return disc.Cast(Enums.BandFormat.Uchar).PngsaveBuffer();
    }

    private static Image Gradient(Image x, Image y, int w, int h, Palette colors)
    {
        var t = ((x * 0.6) + (y * 0.8)) / ((w * 0.6) + (h * 0.8));
        return t.Linear([colors.Dark[0] - colors.Light[0], colors.Dark[1] - colors.Light[1], colors.Dark[2] - colors.Light[2]], colors.Light);
    }

    // Near its edge, (dx² + dy² − r²) / 2r is the signed distance to a circle; no square root needed for anti-aliasing.
    private static Image Circle(Image dx, Image dy, double r) => ((dx * dx) + (dy * dy) - (r * r)) / (2 * r);

    private static Image RoundedBox(Image x, Image y, double cx, double cy, double halfWidth, double halfHeight, double radius)
    {
        var qx = (x - cx).Abs() - (halfWidth - radius);
        var qy = (y - cy).Abs() - (halfHeight - radius);
        var inside = (qx > qy).Ifthenelse(qx, qy);
        inside = (inside < 0).Ifthenelse(inside, 0.0);
        return inside + Circle((qx > 0).Ifthenelse(qx, 0.0), (qy > 0).Ifthenelse(qy, 0.0), radius);
    }

    private static Image ArchShape(Image x, Image y, double cx, double cy, double r)
    {
        var top = Circle(x - cx, y - (cy - (r * 0.2)), r * 0.8);
        var foot = RoundedBox(x, y, cx, cy + (r * 0.3), r * 0.8, r * 0.5, 10.0 / Scale);
        return (top < foot).Ifthenelse(top, foot);
    }

    private static Image Clamp01(Image value) => (value > 1).Ifthenelse(1.0, (value < 0).Ifthenelse(0.0, value));

    private static Image Enlarge(Image scene, int width, int height)
        => scene.Cast(Enums.BandFormat.Uchar).Resize(Scale, kernel: Enums.Kernel.Linear).Crop(0, 0, width, height)
            .Copy(interpretation: Enums.Interpretation.Srgb);

    /// <summary>Writes <paramref name="text"/> on <paramref name="image"/>, its top at <paramref name="top"/> or its bottom at <paramref name="bottom"/>.</summary>
    private static Image WithText(Image image, string text, string font, double[] ink, int left, int? top, int? bottom)
    {
        using var mask = Image.Text(Markup(text), font: font, dpi: 72);
        using var label = Ink(mask, ink);
        using var composed = image.Composite2(label, Enums.BlendMode.Over, x: left, y: top ?? (bottom!.Value - mask.Height));
        return composed.Flatten().Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>An RGBA image of one colour whose alpha is the text mask.</summary>
    private static Image Ink(Image mask, double[] ink)
        => mask.NewFromImage(ink).Cast(Enums.BandFormat.Uchar).Bandjoin(mask).Copy(interpretation: Enums.Interpretation.Srgb);

    private static Image Disc(int size, double[] ink, string letter, string font)
    {
        using var xyz = Image.Xyz(size, size);
        using var x = xyz[0].Cast(Enums.BandFormat.Float);
        using var y = xyz[1].Cast(Enums.BandFormat.Float);
        var half = size / 2.0;
        var alpha = (Clamp01(0.5 - Circle(x - half + 0.5, y - half + 0.5, half - 1)) * 255).Cast(Enums.BandFormat.Uchar);
        var disc = alpha.NewFromImage(ink).Cast(Enums.BandFormat.Uchar).Bandjoin(alpha).Copy(interpretation: Enums.Interpretation.Srgb);
        using var glyph = Image.Text(Markup(letter), font: font, dpi: 72);
        using var white = Ink(glyph, [255, 255, 255]);
        return disc.Composite2(white, Enums.BlendMode.Over, x: (size - glyph.Width) / 2, y: (size - glyph.Height) / 2);
    }

    private static string Markup(string text) => SecurityElement.Escape(text) ?? "";

    private sealed record Palette(double[] Light, double[] Dark, double[] Object);
}
