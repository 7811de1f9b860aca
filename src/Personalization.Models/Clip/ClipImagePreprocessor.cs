using SkiaSharp;

namespace Personalization.Models.Clip;

/// <summary>
/// CLIP image preprocessing: the shorter side resized to the model size (bicubic, Catmull-Rom like PIL's
/// <c>BICUBIC</c>), a centred square crop, RGB/255, then per-channel mean and standard deviation; written planar
/// (CHW) into the caller's buffer. Stateless and thread-safe; it never keeps or disposes the bitmaps it is given.
/// </summary>
/// <remarks>
/// Downscaling by more than 2× first halves the image (2×2 averages) until the remaining factor is at most 2, so that
/// the cubic filter does not alias (PIL widens its kernel instead). Transparent pixels are composited over black.
/// </remarks>
public static class ClipImagePreprocessor
{
    /// <summary>The input side of the common CLIP exports (ViT-B/32, ViT-B/16, ViT-L/14).</summary>
    public const int DefaultSize = 224;

    private static readonly float[] Mean = [0.48145466f, 0.4578275f, 0.40821073f];
    private static readonly float[] Std = [0.26862954f, 0.26130258f, 0.27577711f];

    /// <summary>Writes the 3×<paramref name="size"/>×<paramref name="size"/> model input for <paramref name="image"/>.</summary>
    /// <param name="destination">Exactly <c>3 * size * size</c> floats: the R plane, then G, then B.</param>
    public static void Preprocess(SKBitmap image, Span<float> destination, int size = DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var plane = size * size;
        if (destination.Length != 3 * plane)
        {
            throw new ArgumentException($"destination holds {destination.Length} floats; expected 3×{size}×{size} = {3 * plane}", nameof(destination));
        }

        using var crop = ResizeAndCrop(image, size);
        ReadOnlySpan<byte> pixels = crop.GetPixelSpan();
        var rowBytes = crop.RowBytes;
        var red = destination[..plane];
        var green = destination.Slice(plane, plane);
        var blue = destination.Slice(2 * plane, plane);
        for (var y = 0; y < size; y++)
        {
            var row = pixels.Slice(y * rowBytes, size * 4);
            for (var x = 0; x < size; x++)
            {
                var i = (y * size) + x;
                red[i] = ((row[x * 4] / 255f) - Mean[0]) / Std[0];
                green[i] = ((row[(x * 4) + 1] / 255f) - Mean[1]) / Std[1];
                blue[i] = ((row[(x * 4) + 2] / 255f) - Mean[2]) / Std[2];
            }
        }
    }

    /// <summary>
    /// The resized and centre-cropped image as opaque RGBA (<see cref="SKColorType.Rgba8888"/>); the caller disposes it.
    /// </summary>
    public static SKBitmap ResizeAndCrop(SKBitmap image, int size = DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (image.Width <= 0 || image.Height <= 0 || image.IsNull)
        {
            throw new ArgumentException("the image has no pixels", nameof(image));
        }

        // Hugging Face CLIPImageProcessor / torchvision Resize: the short side becomes `size`, the long side int(size * long / short).
        int scaledWidth, scaledHeight;
        if (image.Width <= image.Height)
        {
            scaledWidth = size;
            scaledHeight = (int)(size * (double)image.Height / image.Width);
        }
        else
        {
            scaledHeight = size;
            scaledWidth = (int)(size * (double)image.Width / image.Height);
        }

        var left = (scaledWidth - size) / 2;
        var top = (scaledHeight - size) / 2;

        SKBitmap? halved = null;
        try
        {
            var source = image;
            while (Math.Min(source.Width, source.Height) > 2 * size)
            {
                var next = Halve(source);
                halved?.Dispose();
                halved = next;
                source = next;
            }

            var crop = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
            try
            {
                using var canvas = new SKCanvas(crop);
                canvas.Clear(SKColors.Black);
                var destination = new SKRect(-left, -top, scaledWidth - left, scaledHeight - top);
                canvas.DrawBitmap(source, destination, new SKSamplingOptions(SKCubicResampler.CatmullRom));
                canvas.Flush();
                return crop;
            }
            catch
            {
                crop.Dispose();
                throw;
            }
        }
        finally
        {
            halved?.Dispose();
        }
    }

    private static SKBitmap Halve(SKBitmap source)
    {
        var info = new SKImageInfo(Math.Max(1, source.Width / 2), Math.Max(1, source.Height / 2), SKColorType.Rgba8888, SKAlphaType.Premul);
        var half = new SKBitmap(info);
        try
        {
            using var canvas = new SKCanvas(half);
            canvas.Clear(SKColors.Black);
            canvas.DrawBitmap(source, new SKRect(0, 0, info.Width, info.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
            canvas.Flush();
            return half;
        }
        catch
        {
            half.Dispose();
            throw;
        }
    }
}
