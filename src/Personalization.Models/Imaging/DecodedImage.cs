using SkiaSharp;

namespace Personalization.Models.Imaging;

/// <summary>
/// A decoded image in RGBA8888 (opaque, unpremultiplied), upright (EXIF orientation applied), possibly
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

    public void Dispose()
    {
        _image?.Dispose();
        Bitmap.Dispose();
    }
}
