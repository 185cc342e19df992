namespace MediaKit.Ui.Internal;

/// <summary>
/// Decodes a ThumbHash (Evan Wallace, MIT; the format <c>MediaKit.Imaging.Vips</c> writes to <see cref="MediaAsset.Placeholder"/>)
/// into a small RGBA image: a port of the reference <c>thumbHashToRGBA</c>.
/// </summary>
internal static class ThumbHashDecoder
{
    /// <summary>Decodes <paramref name="hash"/> into an RGBA image of at most 32 pixels per side.</summary>
    /// <returns>The image, or <see langword="null"/> when the bytes are not a complete ThumbHash.</returns>
    public static (int Width, int Height, byte[] Rgba)? Decode(ReadOnlySpan<byte> hash)
    {
        if (hash.Length < 5)
        {
            return null;
        }

        var header24 = hash[0] | (hash[1] << 8) | (hash[2] << 16);
        var header16 = hash[3] | (hash[4] << 8);
        var lDc = (header24 & 63) / 63.0;
        var pDc = (((header24 >> 6) & 63) / 31.5) - 1;
        var qDc = (((header24 >> 12) & 63) / 31.5) - 1;
        var lScale = ((header24 >> 18) & 31) / 31.0;
        var hasAlpha = (header24 >> 23) != 0;
        var pScale = ((header16 >> 3) & 63) / 63.0;
        var qScale = ((header16 >> 9) & 63) / 63.0;
        var isLandscape = (header16 >> 15) != 0;
        var lx = Math.Max(3, isLandscape ? (hasAlpha ? 5 : 7) : header16 & 7);
        var ly = Math.Max(3, isLandscape ? header16 & 7 : (hasAlpha ? 5 : 7));
        if (hasAlpha && hash.Length < 6)
        {
            return null;
        }

        var aDc = hasAlpha ? (hash[5] & 15) / 15.0 : 1;
        var aScale = hasAlpha ? (hash[5] >> 4) / 15.0 : 0;
        var acStart = hasAlpha ? 6 : 5;
        var acCount = Count(lx, ly) + (2 * Count(3, 3)) + (hasAlpha ? Count(5, 5) : 0);
        if (hash.Length < acStart + ((acCount + 1) / 2))
        {
            return null;
        }

        var acIndex = 0;
        var lAc = DecodeChannel(hash, acStart, ref acIndex, lx, ly, lScale);
        var pAc = DecodeChannel(hash, acStart, ref acIndex, 3, 3, pScale * 1.25);
        var qAc = DecodeChannel(hash, acStart, ref acIndex, 3, 3, qScale * 1.25);
        var aAc = hasAlpha ? DecodeChannel(hash, acStart, ref acIndex, 5, 5, aScale) : [];

        var ratio = ApproximateAspectRatio(hash);
        var w = (int)Math.Round(ratio > 1 ? 32 : 32 * ratio, MidpointRounding.AwayFromZero);
        var h = (int)Math.Round(ratio > 1 ? 32 / ratio : 32, MidpointRounding.AwayFromZero);
        w = Math.Max(1, w);
        h = Math.Max(1, h);
        var rgba = new byte[w * h * 4];
        var fx = new double[Math.Max(lx, hasAlpha ? 5 : 3)];
        var fy = new double[Math.Max(ly, hasAlpha ? 5 : 3)];
        for (int y = 0, i = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++, i += 4)
            {
                double l = lDc, p = pDc, q = qDc, a = aDc;
                for (var cx = 0; cx < fx.Length; cx++)
                {
                    fx[cx] = Math.Cos(Math.PI / w * (x + 0.5) * cx);
                }

                for (var cy = 0; cy < fy.Length; cy++)
                {
                    fy[cy] = Math.Cos(Math.PI / h * (y + 0.5) * cy);
                }

                for (int cy = 0, j = 0; cy < ly; cy++)
                {
                    var fy2 = fy[cy] * 2;
                    for (var cx = cy > 0 ? 0 : 1; cx * ly < lx * (ly - cy); cx++, j++)
                    {
                        l += lAc[j] * fx[cx] * fy2;
                    }
                }

                for (int cy = 0, j = 0; cy < 3; cy++)
                {
                    var fy2 = fy[cy] * 2;
                    for (var cx = cy > 0 ? 0 : 1; cx < 3 - cy; cx++, j++)
                    {
                        var f = fx[cx] * fy2;
                        p += pAc[j] * f;
                        q += qAc[j] * f;
                    }
                }

                if (hasAlpha)
                {
                    for (int cy = 0, j = 0; cy < 5; cy++)
                    {
                        var fy2 = fy[cy] * 2;
                        for (var cx = cy > 0 ? 0 : 1; cx < 5 - cy; cx++, j++)
                        {
                            a += aAc[j] * fx[cx] * fy2;
                        }
                    }
                }

                var b = l - (2.0 / 3 * p);
                var r = ((3 * l) - b + q) / 2;
                var g = r - q;
                rgba[i] = ToByte(r);
                rgba[i + 1] = ToByte(g);
                rgba[i + 2] = ToByte(b);
                rgba[i + 3] = ToByte(a);
            }
        }

        return (w, h, rgba);
    }

    /// <summary>The width-to-height ratio the hash encodes (approximately; enough to size the decoded image).</summary>
    public static double ApproximateAspectRatio(ReadOnlySpan<byte> hash)
    {
        var header = hash[3];
        var hasAlpha = (hash[2] & 0x80) != 0;
        var isLandscape = (hash[4] & 0x80) != 0;
        var lx = isLandscape ? (hasAlpha ? 5 : 7) : header & 7;
        var ly = isLandscape ? header & 7 : (hasAlpha ? 5 : 7);
        return ly == 0 ? 1 : Math.Max(lx, 1) / (double)ly;
    }

    private static byte ToByte(double value) => (byte)Math.Max(0, 255 * Math.Min(1, value));

    private static int Count(int nx, int ny)
    {
        var n = 0;
        for (var cy = 0; cy < ny; cy++)
        {
            for (var cx = cy > 0 ? 0 : 1; cx * ny < nx * (ny - cy); cx++)
            {
                n++;
            }
        }

        return n;
    }

    private static double[] DecodeChannel(ReadOnlySpan<byte> hash, int acStart, ref int acIndex, int nx, int ny, double scale)
    {
        var ac = new double[Count(nx, ny)];
        for (var k = 0; k < ac.Length; k++, acIndex++)
        {
            var nibble = (hash[acStart + (acIndex >> 1)] >> ((acIndex & 1) << 2)) & 15;
            ac[k] = ((nibble / 7.5) - 1) * scale;
        }

        return ac;
    }
}
