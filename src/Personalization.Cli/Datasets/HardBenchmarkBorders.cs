using SkiaSharp;

namespace Personalization.Cli.Datasets;

/// <summary>
/// The background parts of a DreamBooth photo: its top and bottom borders and corners, minus any that look like the
/// subject. DreamBooth subjects are large and centred, but a dog often reaches an edge; a border that shares much of
/// the centre's colour is taken to show part of the subject and left out, so rooms do not fill with blown-up fur.
/// </summary>
internal static class HardBenchmarkBorders
{
    private const int Grid = 32;

    /// <summary>Cells closer than this (RGB distance) to the centre's mean colour count as subject.</summary>
    private const double SubjectDistance = 48;

    public static (List<SKRect> Walls, List<SKRect> Floors) Of(SKImage image)
    {
        var w = (float)image.Width;
        var h = (float)image.Height;
        SKRect[] walls = [SKRect.Create(0, 0, w, h * 0.15f), SKRect.Create(0, 0, w * 0.3f, h * 0.22f), SKRect.Create(w * 0.7f, 0, w * 0.3f, h * 0.22f)];
        SKRect[] floors = [SKRect.Create(0, h * 0.85f, w, h * 0.15f), SKRect.Create(0, h * 0.8f, w * 0.3f, h * 0.2f), SKRect.Create(w * 0.7f, h * 0.8f, w * 0.3f, h * 0.2f)];
        var cells = Thumbnail(image);
        var centre = Mean(cells, new SKRectI(Grid * 3 / 10, Grid * 3 / 10, Grid * 7 / 10, Grid * 7 / 10));
        bool Clean(SKRect patch) => SubjectShare(cells, centre, patch, w, h) < 0.1;
        return ([.. walls.Where(Clean)], [.. floors.Where(Clean)]);
    }

    private static SKColor[] Thumbnail(SKImage image)
    {
        using var thumb = new SKBitmap(new SKImageInfo(Grid, Grid, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var pixmap = thumb.PeekPixels();
        if (!image.ScalePixels(pixmap, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)))
        {
            throw new InvalidOperationException("cannot scale a source photo");
        }

        return thumb.Pixels;
    }

    private static (double R, double G, double B) Mean(SKColor[] cells, SKRectI area)
    {
        double r = 0, g = 0, b = 0;
        var n = 0;
        for (var y = area.Top; y < area.Bottom; y++)
        {
            for (var x = area.Left; x < area.Right; x++)
            {
                var c = cells[(y * Grid) + x];
                (r, g, b, n) = (r + c.Red, g + c.Green, b + c.Blue, n + 1);
            }
        }

        return (r / n, g / n, b / n);
    }

    private static double SubjectShare(SKColor[] cells, (double R, double G, double B) centre, SKRect patch, float w, float h)
    {
        var area = new SKRectI((int)(patch.Left / w * Grid), (int)(patch.Top / h * Grid), Math.Max(1, (int)Math.Ceiling(patch.Right / w * Grid)), Math.Max(1, (int)Math.Ceiling(patch.Bottom / h * Grid)));
        var near = 0;
        var all = 0;
        for (var y = area.Top; y < Math.Min(Grid, area.Bottom); y++)
        {
            for (var x = area.Left; x < Math.Min(Grid, area.Right); x++)
            {
                var c = cells[(y * Grid) + x];
                var d = Math.Sqrt(Math.Pow(c.Red - centre.R, 2) + Math.Pow(c.Green - centre.G, 2) + Math.Pow(c.Blue - centre.B, 2));
                near += d < SubjectDistance ? 1 : 0;
                all++;
            }
        }

        return all == 0 ? 1 : near / (double)all;
    }
}
