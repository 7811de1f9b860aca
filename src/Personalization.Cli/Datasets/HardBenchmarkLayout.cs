using SkiaSharp;

namespace Personalization.Cli.Datasets;

/// <summary>Where things go in a photo: crops of source photos, their pasted size, and placements that keep the subject visible.</summary>
internal static class HardBenchmarkLayout
{
    private const int W = HardBenchmarkOptions.PhotoWidth;
    private const int H = HardBenchmarkOptions.PhotoHeight;

    /// <summary>
    /// DreamBooth subjects are large and centred: about 55–70 % of each side around the centre (a little off it) holds
    /// the subject with little background.
    /// </summary>
    public static SKRect CentralCrop(SKImage image, Random random)
    {
        var w = image.Width * (float)random.Between(0.55, 0.70);
        var h = image.Height * (float)random.Between(0.55, 0.70);
        var cx = image.Width * (float)random.Between(0.47, 0.53);
        var cy = image.Height * (float)random.Between(0.47, 0.53);
        var x = Math.Clamp(cx - (w / 2), 0, image.Width - w);
        var y = Math.Clamp(cy - (h / 2), 0, image.Height - h);
        return SKRect.Create(x, y, w, h);
    }

    /// <summary>Any part of an everyday photo: clutter.</summary>
    public static SKRect AnyCrop(SKImage image, Random random)
    {
        var side = (float)random.Between(0.3, 0.6);
        var w = Math.Min(image.Width, image.Width * side);
        var h = Math.Min(image.Height, image.Height * side * (float)random.Between(0.8, 1.25));
        return SKRect.Create((float)random.NextDouble() * (image.Width - w), (float)random.NextDouble() * (image.Height - h), w, h);
    }

    /// <summary>
    /// The pasted size for a crop shown at <paramref name="widthFraction"/> of the photo's width; a crop too tall to fit
    /// is cut shorter (around its centre) rather than shown narrower, so the width stays what was asked.
    /// </summary>
    public static (SKRect Crop, int Width, int Height) Fit(SKRect crop, double widthFraction, double maxHeightFraction)
    {
        var w = (int)Math.Round(widthFraction * W);
        var h = (int)Math.Round(w * crop.Height / crop.Width);
        var maxH = (int)(maxHeightFraction * H);
        if (h > maxH)
        {
            var ch = crop.Width * maxH / w;
            crop = SKRect.Create(crop.Left, crop.MidY - (ch / 2), crop.Width, ch);
            h = maxH;
        }

        return (crop, w, Math.Max(1, h));
    }

    /// <summary>
    /// Where a reference's subject goes: people photograph what they own near the middle, so its centre is within 15 % of
    /// the photo's sides from the photo's centre.
    /// </summary>
    public static SKRectI NearCentre(Random random, int w, int h)
    {
        var cx = (W / 2.0) + (W * random.Between(-0.15, 0.15));
        var cy = (H / 2.0) + (H * random.Between(-0.15, 0.15));
        var x = Math.Clamp((int)Math.Round(cx - (w / 2.0)), 0, W - w);
        var y = Math.Clamp((int)Math.Round(cy - (h / 2.0)), 0, H - h);
        return SKRectI.Create(x, y, w, h);
    }

    public static SKRectI Anywhere(Random random, int w, int h) =>
        SKRectI.Create(random.Next(0, W - w + 1), random.Next(0, H - h + 1), w, h);

    /// <summary>
    /// A place for a distractor that keeps everything pasted over <paramref name="subject"/> under
    /// <paramref name="budget"/> of its area in all (so the subject is never more than about a fifth hidden); null if
    /// none was found.
    /// </summary>
    public static SKRectI? Beside(Random random, int w, int h, SKRectI? subject, ref long covered, double budget = 0.18)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var box = Anywhere(random, w, h);
            if (subject is not { } s)
            {
                return box;
            }

            var overlap = SKRectI.Intersect(box, s);
            long area = overlap.IsEmpty ? 0 : (long)overlap.Width * overlap.Height;
            if (covered + area <= budget * s.Width * s.Height)
            {
                covered += area;
                return box;
            }
        }

        return null;
    }
}
