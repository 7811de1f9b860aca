using Personalization.Core.Preference;
using Personalization.Models.Colors;
using Personalization.Models.Imaging;
using SkiaSharp;

namespace Personalization.Models.Preference;

/// <summary>
/// Controlled image transforms with known effects on one preference dimension, for the synthetic preference
/// benchmark: saturation up or down; a colour cast toward a named vocabulary colour; blur or sharpen; and the
/// "media" greyscale, sepia and posterise. Thread-safe (stateless).
/// </summary>
public static class SyntheticStyle
{
    /// <summary>Style options per dimension; a simulated user likes one option of a dimension and dislikes another.</summary>
    public static IReadOnlyDictionary<PreferenceDimension, IReadOnlyList<string>> Options { get; } = new Dictionary<PreferenceDimension, IReadOnlyList<string>>
    {
        [PreferenceDimension.Saturation] = ["saturated", "desaturated"],
        [PreferenceDimension.Color] = ["cast:coral", "cast:teal", "cast:mustard", "cast:lavender", "cast:forest green"],
        [PreferenceDimension.Detail] = ["sharpened", "blurred"],
        [PreferenceDimension.ArtMedium] = ["photo", "greyscale", "sepia", "posterized"],
    };

    /// <summary>Decodes, scales to <paramref name="maxSide"/>, applies the styles in order, encodes as JPEG.</summary>
    public static byte[] Render(SkiaImageDecoder decoder, ReadOnlyMemory<byte> source, IReadOnlyList<string> styles, int maxSide = 320)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(styles);
        using var image = decoder.Decode(source);
        var scale = Math.Min(1f, maxSide / (float)Math.Max(image.Width, image.Height));
        var info = new SKImageInfo(Math.Max(8, (int)(image.Width * scale)), Math.Max(8, (int)(image.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Premul);
        var current = new SKBitmap(info);
        try
        {
            using (var canvas = new SKCanvas(current))
            {
                canvas.DrawImage(image.Image, SKRect.Create(0, 0, image.Width, image.Height), SKRect.Create(0, 0, info.Width, info.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
            }

            foreach (var style in styles)
            {
                var next = Apply(current, style);
                if (!ReferenceEquals(next, current))
                {
                    current.Dispose();
                    current = next;
                }
            }

            using var encoded = current.Encode(SKEncodedImageFormat.Jpeg, 92);
            return encoded.ToArray();
        }
        finally
        {
            current.Dispose();
        }
    }

    private static SKBitmap Apply(SKBitmap source, string style)
    {
        switch (style)
        {
            case "photo":
                return source;
            case "posterized":
                Posterize(source, 4);
                return source;
            case "saturated":
                return Filter(source, SKColorFilter.CreateColorMatrix(Saturation(1.9f)), null);
            case "desaturated":
                return Filter(source, SKColorFilter.CreateColorMatrix(Saturation(0.3f)), null);
            case "greyscale":
                return Filter(source, SKColorFilter.CreateColorMatrix(Saturation(0f)), null);
            case "sepia":
                return Filter(source, SKColorFilter.CreateColorMatrix(
                [
                    0.393f, 0.769f, 0.189f, 0, 0,
                    0.349f, 0.686f, 0.168f, 0, 0,
                    0.272f, 0.534f, 0.131f, 0, 0,
                    0, 0, 0, 1, 0,
                ]), null);
            case "blurred":
                return Filter(source, null, SKImageFilter.CreateBlur(2.5f, 2.5f));
            case "sharpened":
                return Filter(source, null, SKImageFilter.CreateMatrixConvolution(new SKSizeI(3, 3), [0, -1, 0, -1, 5, -1, 0, -1, 0], 1, 0, new SKPointI(1, 1), SKShaderTileMode.Clamp, false));
            default:
                // Graded forms for subtle levels: saturation:F (1.25 = +25 %), blur:SIGMA, sharpen:AMOUNT, cast:NAME:F (F blended in).
                if (style.StartsWith("saturation:", StringComparison.Ordinal) && TryLevel(style["saturation:".Length..], out var saturation))
                {
                    return Filter(source, SKColorFilter.CreateColorMatrix(Saturation(saturation)), null);
                }

                if (style.StartsWith("blur:", StringComparison.Ordinal) && TryLevel(style["blur:".Length..], out var sigma))
                {
                    return Filter(source, null, SKImageFilter.CreateBlur(sigma, sigma));
                }

                if (style.StartsWith("sharpen:", StringComparison.Ordinal) && TryLevel(style["sharpen:".Length..], out var amount))
                {
                    return Filter(source, null, SKImageFilter.CreateMatrixConvolution(new SKSizeI(3, 3), [0, -amount, 0, -amount, 1 + (4 * amount), -amount, 0, -amount, 0], 1, 0, new SKPointI(1, 1), SKShaderTileMode.Clamp, false));
                }

                if (style.StartsWith("cast:", StringComparison.Ordinal))
                {
                    var cast = style[5..];
                    var colon = cast.LastIndexOf(':');
                    return colon > 0 && TryLevel(cast[(colon + 1)..], out var blend)
                        ? Filter(source, Cast(cast[..colon], blend), null)
                        : Filter(source, Cast(cast), null);
                }

                throw new ArgumentException($"unknown synthetic style '{style}'", nameof(style));
        }
    }

    /// <summary>Blends <paramref name="add"/> (40 % by default) of a named vocabulary colour into every pixel.</summary>
    private static SKColorFilter Cast(string colorName, float add = 0.4f)
    {
        var colors = ColorVocabulary.Default;
        var index = Enumerable.Range(0, colors.Count).First(i => colors.NameOf(i) == colorName);
        var color = SKColor.Parse(colors.HexOf(index));
        var keep = 1 - add;
        return SKColorFilter.CreateColorMatrix(
        [
            keep, 0, 0, 0, add * color.Red / 255f,
            0, keep, 0, 0, add * color.Green / 255f,
            0, 0, keep, 0, add * color.Blue / 255f,
            0, 0, 0, 1, 0,
        ]);
    }

    private static bool TryLevel(string text, out float level) =>
        float.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out level) && level >= 0;

    private static float[] Saturation(float s)
    {
        const float lr = 0.2126f, lg = 0.7152f, lb = 0.0722f;
        return
        [
            lr + ((1 - lr) * s), lg - (lg * s), lb - (lb * s), 0, 0,
            lr - (lr * s), lg + ((1 - lg) * s), lb - (lb * s), 0, 0,
            lr - (lr * s), lg - (lg * s), lb + ((1 - lb) * s), 0, 0,
            0, 0, 0, 1, 0,
        ];
    }

    private static SKBitmap Filter(SKBitmap source, SKColorFilter? colorFilter, SKImageFilter? imageFilter)
    {
        var target = new SKBitmap(source.Info);
        using var canvas = new SKCanvas(target);
        using var paint = new SKPaint { ColorFilter = colorFilter, ImageFilter = imageFilter };
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), paint);
        colorFilter?.Dispose();
        imageFilter?.Dispose();
        return target;
    }

    private static void Posterize(SKBitmap bitmap, int levels)
    {
        var pixels = bitmap.GetPixelSpan();
        var span = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(pixels), pixels.Length);
        var step = 255f / (levels - 1);
        for (var i = 0; i < span.Length; i++)
        {
            if ((i & 3) != 3)
            {
                span[i] = (byte)(MathF.Round(MathF.Round(span[i] / step) * step));
            }
        }
    }
}
