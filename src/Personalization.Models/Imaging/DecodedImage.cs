using SkiaSharp;

namespace Personalization.Models.Imaging;

/// <summary>
/// A decoded image in RGBA8888 (premultiplied: Skia's native form, 2–3× faster to draw; photos are opaque), upright (EXIF orientation applied), possibly
/// reduced in scale. Owns its native bitmap: dispose it. <see cref="Scale"/> maps its pixels back to the file's.
/// </summary>
public sealed class DecodedImage : IDisposable
{
    internal DecodedImage(SKBitmap bitmap, int originalWidth, int originalHeight)
    {
        Bitmap = bitmap;
        OriginalWidth = originalWidth;
        OriginalHeight = originalHeight;
    }

    private SKImage? _image;
    private SKImage? _half;

    internal SKBitmap Bitmap { get; }

    public int Width => Bitmap.Width;

    public int Height => Bitmap.Height;

    /// <summary>Size of the upright image at full resolution, the space boxes are reported in.</summary>
    public int OriginalWidth { get; }

    public int OriginalHeight { get; }

    /// <summary>Original pixels per decoded pixel.</summary>
    public float Scale => OriginalWidth / (float)Width;

    public ReadOnlySpan<byte> Pixels => Bitmap.GetPixelSpan();

    /// <summary>A read-only image view over the same pixels (no copy), made once; owned by this object.</summary>
    internal SKImage Image => _image ??= SKImage.FromPixels(Bitmap.PeekPixels()) ?? throw new InvalidOperationException("cannot wrap the decoded pixels");

    /// <summary>
    /// The image at half size (a one-level mipmap, made once by a 2×2 average): regions shrunk more than 2× are
    /// drawn from it, which avoids both aliasing and the cost of a full mipmap chain.
    /// </summary>
    internal SKImage Half => _half ??= MakeHalf();

    public void Dispose()
    {
        _half?.Dispose();
        _image?.Dispose();
        Bitmap.Dispose();
    }

    private SKImage MakeHalf()
    {
        var info = new SKImageInfo(Math.Max(1, Width / 2), Math.Max(1, Height / 2), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException("cannot allocate the half-size image");
        surface.Canvas.DrawImage(Image, SKRect.Create(0, 0, Width, Height), SKRect.Create(0, 0, info.Width, info.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        return surface.Snapshot();
    }
}
