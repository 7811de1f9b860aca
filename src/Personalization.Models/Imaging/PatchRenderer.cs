using Personalization.Core.Domain;
using SkiaSharp;

namespace Personalization.Models.Imaging;

/// <summary>
/// Renders regions of a decoded image into fixed-size RGBA patches and converts patches to planar float
/// tensors. One instance per call site; not thread-safe (it reuses one patch bitmap). Dispose it.
/// </summary>
internal sealed class PatchRenderer : IDisposable
{
    // Bilinear without mipmaps: a full mipmap chain cost ~8 ms per photo here; regions shrunk more than 2× are
    // drawn from the image's half-size copy instead (see DecodedImage.Half).
    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.None);
    private readonly SKBitmap _patch;
    private readonly SKCanvas _canvas;
    private readonly SKPaint _paint = new() { IsAntialias = false, BlendMode = SKBlendMode.Src };

    public PatchRenderer(int width, int height)
    {
        _patch = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        _canvas = new SKCanvas(_patch);
    }

    public int Width => _patch.Width;

    public int Height => _patch.Height;

    public ReadOnlySpan<byte> Pixels => _patch.GetPixelSpan();

    /// <summary>Stretches the region (in original-image pixels) over the whole patch.</summary>
    public void RenderRegion(DecodedImage image, BoundingBox box)
    {
        var s = 1f / image.Scale;
        var shrink = Math.Min(box.Width * s / Width, box.Height * s / Height);
        SKImage source;
        if (shrink > 2f && image.Width >= 4 && image.Height >= 4)
        {
            source = image.Half;
            s *= source.Width / (float)image.Width;
        }
        else
        {
            source = image.Image;
        }

        var src = SKRect.Create(box.X * s, box.Y * s, Math.Max(1, box.Width * s), Math.Max(1, box.Height * s));
        _canvas.Clear(SKColors.Black);
        _canvas.DrawImage(source, src, SKRect.Create(0, 0, Width, Height), Sampling, _paint);
    }

    /// <summary>Scales the whole image by <paramref name="ratio"/> into the top-left corner over a flat fill (YOLOX letterbox).</summary>
    public void RenderLetterbox(SKImage source, float ratio, SKColor fill)
    {
        _canvas.Clear(fill);
        var dst = SKRect.Create(0, 0, source.Width * ratio, source.Height * ratio);
        _canvas.DrawImage(source, SKRect.Create(0, 0, source.Width, source.Height), dst, Sampling, _paint);
    }

    public void Dispose()
    {
        _paint.Dispose();
        _canvas.Dispose();
        _patch.Dispose();
    }
}
