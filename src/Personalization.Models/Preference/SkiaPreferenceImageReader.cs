using System.Globalization;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Preference;
using Personalization.Models.Colors;
using Personalization.Models.Encoders;
using Personalization.Models.Imaging;
using Personalization.Models.Onnx;
using SkiaSharp;

namespace Personalization.Models.Preference;

/// <summary>
/// Describes images for the offline preference model: measures a ≤256-px nearest-neighbour sample (nearest keeps
/// posterised levels intact) and embeds the whole image with MobileNetV2 for art style. Per dimension:
/// saturation [mean saturation, colourfulness, gamut reach, log shares of colours clipped low and high]; detail [strong-edge share, mean gradient, acutance];
/// colour [family shares, warmth, the tints of the black and white points, lifted blacks, lowered whites]; art medium
/// [greyness, sepia, posterisation]; art style [MobileNetV2 features, contrast, brightness]. Gamut reach, acutance and
/// the tone anchors change with a photo's treatment far more than with what it shows, so they still tell subtle
/// tastes apart across different photos.
/// Thread-safe; owns its encoder.
/// </summary>
public sealed class SkiaPreferenceImageReader : IPreferenceImageReader, IDisposable
{
    private const int SampleSide = 256;
    private readonly SkiaImageDecoder _decoder;
    private readonly MobileNetV2Encoder _encoder;
    private readonly PreferenceVocabulary _vocabulary = PreferenceVocabulary.Default;

    public SkiaPreferenceImageReader(OnnxSessionFactory sessions, SkiaImageDecoder decoder, IOptions<EncoderOptions> encoders)
    {
        _decoder = decoder;
        _encoder = new MobileNetV2Encoder(sessions, encoders);
    }

    public Task<IReadOnlyList<(string Id, DescribedImage? Image, string? Error)>> DescribeAsync(IReadOnlyList<ImageInput> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var result = new List<(string, DescribedImage?, string?)>(images.Count);
        foreach (var input in images)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                result.Add((input.Id, Describe(input, cancellationToken), null));
            }
            catch (ImageRejectedException e)
            {
                result.Add((input.Id, null, e.Message));
            }
        }

        return Task.FromResult<IReadOnlyList<(string, DescribedImage?, string?)>>(result);
    }

    private DescribedImage Describe(ImageInput input, CancellationToken cancellationToken)
    {
        var hash = ContentHash.Of(input.Bytes.Span);
        using var image = _decoder.Decode(input.Bytes);
        var m = Measure(image);
        float[] style;
        using (var patch = new PatchRenderer(MobileNetV2Encoder.InputSize, MobileNetV2Encoder.InputSize))
        {
            patch.RenderRegion(image, new Core.Domain.BoundingBox(0, 0, image.OriginalWidth, image.OriginalHeight));
            style = _encoder.Encode(patch.Pixels, 1, cancellationToken).Features[0];
            Vectors.Normalize(style);
        }

        return new DescribedImage(input.Id, hash, Dimensions(m, style));
    }

    private static ImageMeasurements Measure(DecodedImage image)
    {
        var scale = Math.Min(1f, SampleSide / (float)Math.Max(image.Width, image.Height));
        var info = new SKImageInfo(Math.Max(3, (int)(image.Width * scale)), Math.Max(3, (int)(image.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var sample = new SKBitmap(info);
        using (var canvas = new SKCanvas(sample))
        {
            canvas.DrawImage(image.Image, SKRect.Create(0, 0, image.Width, image.Height), SKRect.Create(0, 0, info.Width, info.Height), new SKSamplingOptions(SKFilterMode.Nearest));
        }

        return ImageMeter.Measure(sample.GetPixelSpan(), info.Width, info.Height, ColorVocabulary.Default);
    }

    private Dictionary<PreferenceDimension, DimensionDescription> Dimensions(ImageMeasurements m, float[] style)
    {
        var c = CultureInfo.InvariantCulture;
        var greyness = 1 - Math.Clamp(m.Chroma / 0.08, 0, 1);
        var sepia = Math.Clamp(m.SepiaShare, 0, 1) * (1 - Math.Clamp((m.Chroma - 0.25) / 0.2, 0, 1));
        var posterized = m.Posterization;
        var medium = greyness > 0.8 ? "greyscale" : sepia > 0.6 ? "sepia" : posterized > 0.6 ? "posterized" : "photo";

        var styleTerms = new List<string>();
        if (m.Warmth > 0.06) { styleTerms.Add(_vocabulary.ForPredicate(PreferenceDimension.ArtStyle, "warm")); }
        if (m.Warmth < -0.03) { styleTerms.Add(_vocabulary.ForPredicate(PreferenceDimension.ArtStyle, "cool")); }
        if (m.Contrast > 0.27) { styleTerms.Add(_vocabulary.ForPredicate(PreferenceDimension.ArtStyle, "high_contrast")); }
        if (m.Contrast < 0.14) { styleTerms.Add(_vocabulary.ForPredicate(PreferenceDimension.ArtStyle, "low_contrast")); }
        if (m.Brightness > 0.65) { styleTerms.Add(_vocabulary.ForPredicate(PreferenceDimension.ArtStyle, "bright")); }
        if (m.Brightness < 0.3) { styleTerms.Add(_vocabulary.ForPredicate(PreferenceDimension.ArtStyle, "dark")); }

        var (clipLow, clipHigh) = m.Clipping.LogShares;
        var (blackRedBlue, blackGreen) = ToneAnchors.Tint(m.Tones.Black);
        var (whiteRedBlue, whiteGreen) = ToneAnchors.Tint(m.Tones.White);
        float[] colorFeatures = [.. m.FamilyShares, (float)(2 * m.Warmth), (float)blackRedBlue, (float)blackGreen, (float)whiteRedBlue, (float)whiteGreen, (float)m.Tones.BlackLift, (float)m.Tones.WhiteDrop];
        float[] styleFeatures = [.. style, (float)(2 * m.Contrast), (float)m.Brightness];
        return new Dictionary<PreferenceDimension, DimensionDescription>
        {
            [PreferenceDimension.Saturation] = new(
                [(float)m.Saturation, (float)m.Colorfulness, (float)m.GamutReach, (float)clipLow, (float)clipHigh],
                Terms(_vocabulary.ForValue(PreferenceDimension.Saturation, m.Saturation)),
                string.Create(c, $"saturation {m.Saturation:F2}, colourfulness {m.Colorfulness:F2}, gamut reach {m.GamutReach:F2}, clipped colours {m.Clipping.Low:P1} low / {m.Clipping.High:P1} high")),
            [PreferenceDimension.Detail] = new(
                [(float)(5 * m.EdgeShare), (float)(4 * m.MeanGradient), (float)m.Acutance],
                Terms(_vocabulary.ForValue(PreferenceDimension.Detail, m.EdgeShare)),
                string.Create(c, $"strong edges {m.EdgeShare:P1}, mean gradient {m.MeanGradient:F3}, acutance {m.Acutance:F2}")),
            [PreferenceDimension.Color] = new(
                colorFeatures,
                [.. m.Palette.Select(p => p.Name)],
                string.Create(c, $"palette {string.Join(", ", m.Palette.Select(p => $"{p.Name} {p.Fraction:P0}"))}; warmth {m.Warmth:+0.00;-0.00}; black point tint {blackRedBlue:+0.00;-0.00}/{blackGreen:+0.00;-0.00}, white point tint {whiteRedBlue:+0.00;-0.00}/{whiteGreen:+0.00;-0.00}")),
            [PreferenceDimension.ArtMedium] = new(
                [(float)greyness, (float)sepia, (float)posterized],
                Terms(_vocabulary.ForPredicate(PreferenceDimension.ArtMedium, medium)),
                string.Create(c, $"greyness {greyness:F2}, sepia {sepia:F2}, posterisation {posterized:F2}")),
            [PreferenceDimension.ArtStyle] = new(
                styleFeatures,
                styleTerms,
                string.Create(c, $"contrast {m.Contrast:F2}, brightness {m.Brightness:F2}, warmth {m.Warmth:+0.00;-0.00}, MobileNetV2 style embedding")),
        };
    }

    private static List<string> Terms(string? term) => term is null ? [] : [term];

    public void Dispose() => _encoder.Dispose();
}
