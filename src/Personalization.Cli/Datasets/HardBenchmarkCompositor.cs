using SkiaSharp;

namespace Personalization.Cli.Datasets;

/// <summary>
/// The drawing steps of the hard benchmark: stickers with feathered masks so they blend instead of showing a hard
/// rectangle, room tiles that fade into each other, and the per-photo camera jitter (brightness, contrast, slight
/// blur, JPEG quality). Stateless; every SKImage given is only read, so photos can be composed in parallel.
/// </summary>
internal static class HardBenchmarkCompositor
{
    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    public static void Paste(SKCanvas canvas, SKImage image, HardBenchmarkSticker sticker)
    {
        var dst = SKRect.Create(sticker.Box.Left, sticker.Box.Top, sticker.Box.Width, sticker.Box.Height);
        var sigma = sticker.Feather * Math.Min(dst.Width, dst.Height);
        canvas.SaveLayer(dst, null);
        // The mask goes first and the photo is drawn SrcIn: with Skia a DstIn shape would leave the area outside it untouched.
        using (var mask = new SKPaint { IsAntialias = true, Color = SKColors.White, MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, sigma) })
        {
            var inner = SKRect.Inflate(dst, -1.6f * sigma, -1.6f * sigma);
            if (sticker.Ellipse)
            {
                canvas.DrawOval(inner, mask);
            }
            else
            {
                var radius = 3.5f * sticker.Feather * Math.Min(inner.Width, inner.Height);
                canvas.DrawRoundRect(inner, radius, radius, mask);
            }
        }

        using (var paint = new SKPaint { BlendMode = SKBlendMode.SrcIn })
        {
            canvas.Save();
            if (sticker.Flip)
            {
                canvas.Scale(-1, 1, dst.MidX, 0);
            }

            canvas.DrawImage(image, sticker.Crop, dst, Sampling, paint);
            canvas.Restore();
        }

        canvas.Restore();
    }

    /// <summary>Draws <paramref name="source"/> over <paramref name="dst"/>, fading in over its first pixels on the left and/or top.</summary>
    public static void DrawTile(SKCanvas canvas, SKImage image, SKRect source, SKRect dst, float fadeLeft, float fadeTop)
    {
        canvas.SaveLayer(dst, null);
        canvas.DrawImage(image, source, dst, Sampling);
        Fade(canvas, dst, new SKPoint(dst.Left, dst.Top), new SKPoint(dst.Left + fadeLeft, dst.Top), fadeLeft);
        Fade(canvas, dst, new SKPoint(dst.Left, dst.Top), new SKPoint(dst.Left, dst.Top + fadeTop), fadeTop);
        canvas.Restore();
    }

    /// <summary>The camera's share: mild brightness and contrast change, sometimes a slight blur, JPEG quality 86–92.</summary>
    public static byte[] Finish(SKBitmap composed, Random random)
    {
        var contrast = (float)random.Between(0.9, 1.1);
        var brightness = (float)random.Between(-0.07, 0.07);
        var blur = random.NextDouble() < 0.35 ? (float)random.Between(0.3, 0.9) : 0f;
        var quality = random.Next(86, 93);
        var offset = (0.5f * (1 - contrast)) + brightness;
        using var target = new SKBitmap(composed.Info);
        using (var canvas = new SKCanvas(target))
        using (var image = SKImage.FromBitmap(composed))
        using (var paint = new SKPaint())
        {
            paint.ColorFilter = SKColorFilter.CreateColorMatrix(
            [
                contrast, 0, 0, 0, offset,
                0, contrast, 0, 0, offset,
                0, 0, contrast, 0, offset,
                0, 0, 0, 1, 0,
            ]);
            paint.ImageFilter = blur > 0 ? SKImageFilter.CreateBlur(blur, blur, SKShaderTileMode.Clamp, null) : null;
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), paint);
        }

        using var data = target.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    private static void Fade(SKCanvas canvas, SKRect dst, SKPoint from, SKPoint to, float length)
    {
        if (length <= 0)
        {
            return;
        }

        using var shader = SKShader.CreateLinearGradient(from, to, [SKColors.Transparent, SKColors.White], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = shader, BlendMode = SKBlendMode.DstIn };
        canvas.DrawRect(dst, paint);
    }
}
