using SkiaSharp;

namespace Personalization.Cli.Datasets;

/// <summary>
/// A small pool of "rooms", the backgrounds every photo of one seed is taken in: a wall band over a floor band, each
/// one or two tiles that fade into each other. Floors come from the bottom borders and corners of held-out subjects'
/// photos (real tables, floors, grass; never an enrolled subject's photo, so no reference or query leaks into a
/// background; see <see cref="HardBenchmarkBorders"/>) and the lower quarters of the everyday photos, walls from
/// their top borders and corners and the upper quarters. Owns the room images: dispose it.
/// </summary>
internal sealed class HardBenchmarkRooms : IDisposable
{
    public const int Count = 8;
    public const int Width = 960;
    public const int Height = 720;
    private const float Fade = 60;

    private readonly List<SKImage> _rooms;

    private HardBenchmarkRooms(List<SKImage> rooms) => _rooms = rooms;

    public SKImage this[int index] => _rooms[index];

    public static HardBenchmarkRooms Build(int seed, HardBenchmarkPhotoCache cache, IReadOnlyList<HardBenchmarkSubject> heldOut, IReadOnlyList<string> everyday)
    {
        var walls = new List<(string Path, SKRect Region)>();
        var floors = new List<(string Path, SKRect Region)>();
        foreach (var photo in heldOut.SelectMany(s => s.Photos))
        {
            var (top, bottom) = HardBenchmarkBorders.Of(cache.Get(photo));
            walls.AddRange(top.Select(r => (photo, r)));
            floors.AddRange(bottom.Select(r => (photo, r)));
        }

        // Quarters of the everyday photos, not whole ones: a wall should be texture, not one big eagle.
        foreach (var photo in everyday)
        {
            var size = cache.Get(photo).Info.Rect;
            for (var q = 0; q < 4; q++)
            {
                var quarter = SKRect.Create(q % 2 * size.Width / 2f, q / 2 * size.Height / 2f, size.Width / 2f, size.Height / 2f);
                (q < 2 ? walls : floors).Add((photo, quarter));
            }
        }

        if (walls.Count == 0)
        {
            throw new DirectoryNotFoundException("no held-out subject photos and no everyday photos to build rooms from (use --images DIR)");
        }

        if (floors.Count == 0)
        {
            floors = walls;
        }

        var rooms = new List<SKImage>();
        for (var r = 0; r < Count; r++)
        {
            var random = HardBenchmarkRandom.For(seed, "room", "", r);
            var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException("cannot allocate a room");
            surface.Canvas.Clear(SKColors.Gray);
            var horizon = (float)(Height * random.Between(0.35, 0.6));
            DrawBand(surface.Canvas, cache, walls, random, SKRect.Create(0, 0, Width, horizon), 0, 2);
            // The floor is laid in rows, each about as tall as a border strip is at 1-1.5x, so floors are not blown-up blurs.
            var rows = Math.Max(1, (int)Math.Round((Height - horizon) / random.Between(120, 180)));
            var rowHeight = (Height - horizon) / rows;
            for (var row = 0; row < rows; row++)
            {
                var top = horizon + (row * rowHeight) - Fade;
                DrawBand(surface.Canvas, cache, floors, random, new SKRect(0, top, Width, horizon + ((row + 1) * rowHeight)), Fade, 2);
            }
            rooms.Add(surface.Snapshot());
        }

        return new HardBenchmarkRooms(rooms);
    }

    /// <summary>A view of 60–100 % of a room's width (the photo's 4:3 shape), anywhere in it, maybe mirrored, warmer or cooler.</summary>
    public static HardBenchmarkRoomView View(Random random)
    {
        var w = (float)(Width * random.Between(0.6, 1.0));
        var h = w * HardBenchmarkOptions.PhotoHeight / HardBenchmarkOptions.PhotoWidth;
        var source = SKRect.Create((float)random.NextDouble() * (Width - w), (float)random.NextDouble() * (Height - h), w, h);
        var warmth = (float)random.Between(-0.08, 0.08);
        var gain = (float)random.Between(0.9, 1.1);
        return new HardBenchmarkRoomView(source, random.Next(2) == 1, gain * (1 + warmth), gain, gain * (1 - warmth));
    }

    public static void Draw(SKCanvas canvas, SKImage room, HardBenchmarkRoomView view)
    {
        using var paint = new SKPaint
        {
            ColorFilter = SKColorFilter.CreateColorMatrix(
            [
                view.Red, 0, 0, 0, 0,
                0, view.Green, 0, 0, 0,
                0, 0, view.Blue, 0, 0,
                0, 0, 0, 1, 0,
            ]),
        };
        var dst = SKRect.Create(0, 0, HardBenchmarkOptions.PhotoWidth, HardBenchmarkOptions.PhotoHeight);
        canvas.Save();
        if (view.Mirror)
        {
            canvas.Scale(-1, 1, dst.MidX, 0);
        }

        canvas.DrawImage(room, view.Source, dst, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        canvas.Restore();
    }

    public void Dispose()
    {
        foreach (var room in _rooms)
        {
            room.Dispose();
        }

        _rooms.Clear();
    }

    /// <summary>One to <paramref name="most"/> tiles side by side, each fading into the one on its left.</summary>
    private static void DrawBand(SKCanvas canvas, HardBenchmarkPhotoCache cache, List<(string Path, SKRect Region)> patches, Random random, SKRect band, float fadeTop, int most)
    {
        var tiles = random.Next(1, most + 1);
        var left = band.Left;
        for (var t = 0; t < tiles; t++)
        {
            var right = t == tiles - 1 ? band.Right : band.Left + (band.Width * (t + 1) / tiles) + (float)(band.Width / tiles * random.Between(-0.15, 0.15));
            DrawCover(canvas, cache, random.Pick(patches), random, new SKRect(t == 0 ? left : left - Fade, band.Top, right, band.Bottom), t == 0 ? 0 : Fade, fadeTop);
            left = right;
        }
    }

    /// <summary>Fills the tile with the largest part of the patch that has the tile's shape, at a random offset.</summary>
    private static void DrawCover(SKCanvas canvas, HardBenchmarkPhotoCache cache, (string Path, SKRect Region) patch, Random random, SKRect tile, float fadeLeft, float fadeTop)
    {
        var region = patch.Region;
        var aspect = tile.Width / tile.Height;
        var (w, h) = region.Width / region.Height > aspect ? (region.Height * aspect, region.Height) : (region.Width, region.Width / aspect);
        var x = region.Left + (float)(random.NextDouble() * (region.Width - w));
        var y = region.Top + (float)(random.NextDouble() * (region.Height - h));
        HardBenchmarkCompositor.DrawTile(canvas, cache.Get(patch.Path), SKRect.Create(x, y, w, h), tile, fadeLeft, fadeTop);
    }
}
