using Personalization.Core.Domain;
using Personalization.Models.Colors;

namespace Personalization.Models.Preference;

/// <summary>
/// Measures the properties the preference dimensions rest on, over interleaved RGBA pixels: mean HSV saturation,
/// colourfulness (Hasler and Süsstrunk), brightness and contrast (luma mean and deviation), warmth (mean R − B),
/// detail (share of strong Sobel edges, mean gradient, acutance), chroma, sepia share, luma levels in use
/// (posterisation), the named palette, and two measures that depend little on what the photo shows: how near its most
/// vivid pixels come to the edge of the gamut (<see cref="GamutReach"/>), how many of its colours are clipped there
/// (<see cref="GamutClipping"/>) and its black and white points (<see cref="ToneAnchors"/>). Pure and thread-safe.
/// </summary>
public static class ImageMeter
{
    private const int StrongEdge = 48;

    /// <summary>Pixels darker or brighter than this (luma) say nothing about the gamut: every colour there is near grey or clipped.</summary>
    private const float GamutLumaMin = 40, GamutLumaMax = 230;

    /// <summary>The share of the most vivid gamut-range pixels <see cref="GamutReach"/> looks at.</summary>
    private const double VividTail = 0.01;

    public static ImageMeasurements Measure(ReadOnlySpan<byte> rgba, int width, int height, ColorVocabulary colors)
    {
        ArgumentNullException.ThrowIfNull(colors);
        var n = width * height;
        var luma = new float[n];
        double sat = 0, chroma = 0, sumL = 0, sumL2 = 0, warm = 0, rgSum = 0, rgSq = 0, ybSum = 0, ybSq = 0;
        var sepia = 0;
        var levels = new int[256];
        var channels = new int[256];
        var red = new int[256];
        var green = new int[256];
        var blue = new int[256];
        var nearGrey = new int[101];
        var inGamutRange = 0;
        int lowClipped = 0, highClipped = 0;
        var counts = new int[colors.Count];
        for (var i = 0; i < n; i++)
        {
            int r = rgba[i * 4], g = rgba[(i * 4) + 1], b = rgba[(i * 4) + 2];
            int max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b));
            var s = max == 0 ? 0 : (max - min) / (double)max;
            sat += s;
            chroma += (max - min) / 255.0;
            var y = (0.299f * r) + (0.587f * g) + (0.114f * b);
            luma[i] = y;
            levels[(int)y]++;
            sumL += y;
            sumL2 += y * y;
            warm += (r - b) / 255.0;
            double rg = r - g, yb = (0.5 * (r + g)) - b;
            rgSum += rg;
            rgSq += rg * rg;
            ybSum += yb;
            ybSq += yb * yb;
            if (max > 30 && s is >= 0.08 and <= 0.65 && r >= g && g >= b)
            {
                // Hue between about 15° and 55°: the browns and ambers of a sepia tone.
                var hue = 60.0 * (g - b) / Math.Max(1, max - min);
                if (hue is >= 15 and <= 55)
                {
                    sepia++;
                }
            }

            counts[colors.Nearest((byte)r, (byte)g, (byte)b)]++;
            channels[r]++;
            channels[g]++;
            channels[b]++;
            red[r]++;
            green[g]++;
            blue[b]++;
            if (y is >= GamutLumaMin and <= GamutLumaMax)
            {
                // The darkest channel relative to luma: 0 at the edge of the gamut (a channel at zero), 1 for grey.
                var greyShare = Math.Min(1f, min / y);
                nearGrey[(int)Math.Round(100 * greyShare)]++;
                inGamutRange++;
                var (low, high) = GamutClipping.Classify(min, max, 1 - greyShare);
                lowClipped += low ? 1 : 0;
                highClipped += high ? 1 : 0;
            }
        }

        var meanL = sumL / n;
        var contrast = Math.Sqrt(Math.Max(0, (sumL2 / n) - (meanL * meanL))) / 255.0;
        double mrg = rgSum / n, myb = ybSum / n;
        var colorfulness = (Math.Sqrt(Math.Max(0, (rgSq / n) - (mrg * mrg)) + Math.Max(0, (ybSq / n) - (myb * myb))) + (0.3 * Math.Sqrt((mrg * mrg) + (myb * myb)))) / 100.0;
        var (edgeShare, meanGradient, acutance) = Edges(luma, width, height);
        var lumaLevels = levels.Count(c => c >= Math.Max(1, n / 500));

        var families = new float[ImageMeasurements.Families.Count];
        var palette = new List<NamedColor>();
        for (var k = 0; k < counts.Length; k++)
        {
            var family = ImageMeasurements.Families.ToList().IndexOf(colors.FamilyOf(k));
            if (family >= 0)
            {
                families[family] += counts[k] / (float)n;
            }
        }

        var order = Enumerable.Range(0, counts.Length).OrderByDescending(k => counts[k]).Take(4);
        foreach (var k in order)
        {
            var share = counts[k] / (float)n;
            if (share >= 0.06f)
            {
                palette.Add(new NamedColor(colors.NameOf(k), colors.HexOf(k), share));
            }
        }

        return new ImageMeasurements(sat / n, colorfulness, meanL / 255.0, contrast, warm / n, edgeShare, meanGradient, chroma / n, sepia / (double)n, lumaLevels, Posterization(channels, 3 * n), palette, families)
        {
            Acutance = acutance,
            GamutReach = GamutReach(nearGrey, inGamutRange),
            Clipping = GamutClipping.From(lowClipped, highClipped, inGamutRange),
            Tones = ToneAnchors.FromHistograms(red, green, blue, n),
        };
    }

    /// <summary>
    /// How near the most vivid pixels come to the edge of the sRGB gamut: 1 − the darkest channel over luma of the
    /// pixel at the <see cref="VividTail"/> quantile (mid-tones only). 1 when some pixels have a channel at zero, lower
    /// when every colour keeps some of each channel. Scaling every pixel's chroma down moves all pixels away from the
    /// edge, so a desaturated photo cannot reach it whatever it shows; one that was pushed past it is clipped there.
    /// </summary>
    private static double GamutReach(int[] nearGrey, int total)
    {
        if (total == 0)
        {
            return 0;
        }

        var cut = Math.Max(1, (int)Math.Ceiling(VividTail * total));
        var seen = 0;
        for (var k = 0; k < nearGrey.Length; k++)
        {
            seen += nearGrey[k];
            if (seen >= cut)
            {
                return 1 - (k / 100.0);
            }
        }

        return 0;
    }

    /// <summary>
    /// How much the channel values crowd around a few evenly spaced levels (2 to 8 of them, ±6 for compression
    /// noise), beyond what a smooth image would show: about 0 for photographs, near 1 for posterised prints.
    /// </summary>
    private static double Posterization(int[] histogram, int total)
    {
        var best = 0.0;
        for (var levels = 2; levels <= 8; levels++)
        {
            var near = 0;
            for (var k = 0; k < levels; k++)
            {
                var centre = (int)Math.Round(k * 255.0 / (levels - 1));
                for (var v = Math.Max(0, centre - 6); v <= Math.Min(255, centre + 6); v++)
                {
                    near += histogram[v];
                }
            }

            var expected = Math.Min(1.0, levels * 13 / 256.0);
            best = Math.Max(best, ((near / (double)total) - expected) / (1 - expected));
        }

        return Math.Clamp(best, 0, 1);
    }

    /// <summary>
    /// The share of strong Sobel edges, the mean Sobel gradient, and the acutance: the mean absolute 4-neighbour
    /// Laplacian over the mean central-difference gradient. How much texture a photo has moves both alike; how sharp
    /// its edges are moves the Laplacian (blur spreads an edge, so its second derivative falls faster than its first).
    /// </summary>
    private static (double Share, double Mean, double Acutance) Edges(float[] luma, int width, int height)
    {
        if (width < 3 || height < 3)
        {
            return (0, 0, 0);
        }

        var strong = 0;
        double total = 0, laplacian = 0, central = 0;
        for (var y = 1; y < height - 1; y++)
        {
            for (var x = 1; x < width - 1; x++)
            {
                var i = (y * width) + x;
                var gx = luma[i - width + 1] + (2 * luma[i + 1]) + luma[i + width + 1] - luma[i - width - 1] - (2 * luma[i - 1]) - luma[i + width - 1];
                var gy = luma[i + width - 1] + (2 * luma[i + width]) + luma[i + width + 1] - luma[i - width - 1] - (2 * luma[i - width]) - luma[i - width + 1];
                var m = MathF.Sqrt((gx * gx) + (gy * gy)) / 4f;
                total += m;
                laplacian += Math.Abs((4 * luma[i]) - luma[i - 1] - luma[i + 1] - luma[i - width] - luma[i + width]);
                float cx = luma[i + 1] - luma[i - 1], cy = luma[i + width] - luma[i - width];
                central += MathF.Sqrt((cx * cx) + (cy * cy));
                if (m >= StrongEdge)
                {
                    strong++;
                }
            }
        }

        var inner = (width - 2) * (height - 2);
        return (strong / (double)inner, total / inner / 255.0, central < 1e-6 ? 0 : laplacian / central);
    }
}
