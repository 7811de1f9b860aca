using Personalization.Models.Clip;
using SkiaSharp;

namespace Personalization.Models.Tests.Clip;

public sealed class ClipImagePreprocessorTests
{
    private const int Size = ClipImagePreprocessor.DefaultSize;
    private const int Plane = Size * Size;
    private static readonly double[] Mean = [0.48145466, 0.4578275, 0.40821073];
    private static readonly double[] Std = [0.26862954, 0.26130258, 0.27577711];

    [Theory]
    [InlineData(300, 200)]
    [InlineData(200, 300)]
    [InlineData(224, 224)]
    [InlineData(100, 60)] // upscaled
    [InlineData(1600, 1000)] // halved twice before the cubic resize
    public void SolidColour_GivesItsNormalisedValueEverywhere(int width, int height)
    {
        var color = new SKColor(200, 100, 50);
        using var bitmap = TinyClip.SolidBitmap(width, height, color);
        var input = new float[3 * Plane];

        ClipImagePreprocessor.Preprocess(bitmap, input);

        byte[] rgb = [color.Red, color.Green, color.Blue];
        for (var c = 0; c < 3; c++)
        {
            var expected = (float)(((rgb[c] / 255.0) - Mean[c]) / Std[c]);
            var channel = input.AsSpan(c * Plane, Plane);
            Assert.Equal(expected, channel[(112 * Size) + 112], 5); // the centre
            foreach (var value in channel)
            {
                Assert.Equal(expected, value, 5);
            }
        }
    }

    [Fact]
    public void WideImage_IsCroppedAroundItsCentre()
    {
        // 448×224 needs no resize; the crop is columns 112..335: red on the left half, blue on the right.
        using var bitmap = new SKBitmap(new SKImageInfo(448, 224, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var paint = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, 224, 224, paint);
        }

        using var crop = ClipImagePreprocessor.ResizeAndCrop(bitmap);

        Assert.Equal(Size, crop.Width);
        Assert.Equal(Size, crop.Height);
        for (var x = 0; x < Size; x++)
        {
            Assert.Equal(x < 112 ? SKColors.Red : SKColors.Blue, crop.GetPixel(x, 100));
        }
    }

    [Fact]
    public void TallImage_IsCroppedAroundItsCentre_AndWrittenAsRgbPlanes()
    {
        // 224×448: the crop is rows 112..335; the top half of the crop is green, the bottom white.
        using var bitmap = new SKBitmap(new SKImageInfo(224, 448, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = new SKColor(0, 255, 0) };
            canvas.DrawRect(0, 0, 224, 224, paint);
        }

        var input = new float[3 * Plane];
        ClipImagePreprocessor.Preprocess(bitmap, input);

        float Normalised(int c, int value) => (float)(((value / 255.0) - Mean[c]) / Std[c]);
        var top = (50 * Size) + 60;
        var bottom = (150 * Size) + 60;
        Assert.Equal(Normalised(0, 0), input[top], 5);
        Assert.Equal(Normalised(1, 255), input[Plane + top], 5);
        Assert.Equal(Normalised(2, 0), input[(2 * Plane) + top], 5);
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(Normalised(c, 255), input[(c * Plane) + bottom], 5);
        }

        Assert.Equal(Normalised(0, 255), input[112 * Size], 5); // red in the first white row
        Assert.Equal(Normalised(0, 0), input[111 * Size], 5); // red in the last green row
    }

    [Fact]
    public void ChannelOrderOfTheBitmap_DoesNotMatter()
    {
        using var rgba = TinyClip.NoiseBitmap(320, 240, seed: 7);
        using var bgra = rgba.Copy(SKColorType.Bgra8888);
        var a = new float[3 * Plane];
        var b = new float[3 * Plane];

        ClipImagePreprocessor.Preprocess(rgba, a);
        ClipImagePreprocessor.Preprocess(bgra, b);

        Assert.Equal(a, b);
    }

    [Fact]
    public void WrongDestinationLength_Throws()
    {
        using var bitmap = TinyClip.SolidBitmap(10, 10, SKColors.Gray);

        Assert.Throws<ArgumentException>(() => ClipImagePreprocessor.Preprocess(bitmap, new float[(3 * Plane) - 1]));
    }
}
