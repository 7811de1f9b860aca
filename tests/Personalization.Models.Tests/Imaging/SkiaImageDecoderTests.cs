using System.Text;
using Personalization.Models.Imaging;
using Personalization.TestSupport;
using SkiaSharp;
using Xunit.Abstractions;

namespace Personalization.Models.Tests.Imaging;

public sealed class SkiaImageDecoderTests(ITestOutputHelper output)
{
    private readonly SkiaImageDecoder _decoder = OnnxModels.Decoder();

    [Fact]
    public void Crc32_KnownVector_MatchesTheStandard()
    {
        // The check value of CRC-32/ISO-HDLC, and the CRC every PNG's IEND chunk carries.
        Assert.Equal(0xCBF43926u, TestImages.Crc32("123456789"u8));
        Assert.Equal(0xAE426082u, TestImages.Crc32("IEND"u8));
    }

    [Fact]
    public void Decode_HandMadePng_GivesItsPixelsAsRgba()
    {
        var png = TestImages.Png(3, 2, (x, y) => new SKColor((byte)(x * 100), (byte)(y * 200), 7));

        using var image = _decoder.Decode(png);

        Assert.Equal((3, 2, 3, 2), (image.Width, image.Height, image.OriginalWidth, image.OriginalHeight));
        Assert.Equal(1f, image.Scale);
        Assert.Equal(3 * 2 * 4, image.Pixels.Length);
        Assert.Equal<byte>([200, 200, 7, 255], image.Pixels.Slice(((1 * 3) + 2) * 4, 4).ToArray()); // pixel (2, 1)
    }

    [Fact]
    public void Decode_Empty_IsRejected()
    {
        var e = Assert.Throws<ImageRejectedException>(() => _decoder.Decode(ReadOnlyMemory<byte>.Empty));

        Assert.Equal("empty file (0 bytes)", e.Message);
    }

    [Fact]
    public void Decode_RandomBytes_IsRejected()
    {
        var bytes = new byte[4096];
        new Random(1234).NextBytes(bytes);

        var e = Assert.Throws<ImageRejectedException>(() => _decoder.Decode(bytes));

        Assert.Contains("not a supported image format", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TextFile_IsRejected()
    {
        var text = Encoding.UTF8.GetBytes("name,category\nbo,dog\nmochi,teapot\n");

        var e = Assert.Throws<ImageRejectedException>(() => _decoder.Decode(text));

        Assert.Contains("not a supported image format", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_PngHeaderDeclaringTenBillionPixels_IsRejectedBeforeDecoding()
    {
        // A 100000×100000 RGB header with three bytes of pixel data: decoding it would need 40 GB.
        var bomb = TestImages.Png(100_000, 100_000, [0, 1, 2]);
        Assert.True(bomb.Length < 100);

        var e = Assert.Throws<ImageRejectedException>(() => _decoder.Decode(bomb));

        Assert.Equal("image is 100000×100000 = 10,000,000,000 pixels, over the limit of 50,000,000", e.Message);
    }

    [Fact]
    public void Decode_PixelCountAroundMaxPixels_RejectsOnlyAboveIt()
    {
        var png = TestImages.Png(3, 2, (_, _) => SKColors.Gray);

        using (var atLimit = OnnxModels.Decoder(new ImageLimits { MaxPixels = 6 }).Decode(png))
        {
            Assert.Equal(3, atLimit.Width);
        }

        var e = Assert.Throws<ImageRejectedException>(() => OnnxModels.Decoder(new ImageLimits { MaxPixels = 5 }).Decode(png));
        Assert.Contains("over the limit of 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ZeroWidthHeader_IsRejected()
    {
        Assert.Throws<ImageRejectedException>(() => _decoder.Decode(TestImages.Png(0, 5, [0])));
    }

    [SharedFact]
    public void Decode_DogJpeg_GivesFullSizeUprightImage()
    {
        using var image = _decoder.Decode(File.ReadAllBytes(SharedData.Image("dog.jpg")));

        Assert.Equal((768, 576), (image.Width, image.Height));
        Assert.Equal((768, 576), (image.OriginalWidth, image.OriginalHeight));
        Assert.Equal(768 * 576 * 4, image.Pixels.Length);
        Assert.Equal(1f, image.Scale);
    }

    [SharedFact]
    public void Decode_LongSideOverDecodeLongSide_DecodesReducedButReportsTheOriginalSize()
    {
        var decoder = OnnxModels.Decoder(new ImageLimits { DecodeLongSide = 384 });

        using var image = decoder.Decode(File.ReadAllBytes(SharedData.Image("dog.jpg")));

        Assert.Equal((384, 288), (image.Width, image.Height));
        Assert.Equal((768, 576), (image.OriginalWidth, image.OriginalHeight));
        Assert.Equal(2f, image.Scale);
    }

    [SharedFact]
    public void Decode_SizeAroundMaxBytes_RejectsOnlyAboveIt()
    {
        var bytes = File.ReadAllBytes(SharedData.Image("dog.jpg"));

        using (var image = OnnxModels.Decoder(new ImageLimits { MaxBytes = bytes.Length }).Decode(bytes))
        {
            Assert.Equal(768, image.Width);
        }

        var e = Assert.Throws<ImageRejectedException>(() => OnnxModels.Decoder(new ImageLimits { MaxBytes = bytes.Length - 1 }).Decode(bytes));
        Assert.Equal($"file is {bytes.Length:N0} bytes, over the limit of {bytes.Length - 1:N0}", e.Message);
    }

    // A cut-off JPEG used to decode as far as its data went, the rest left black, and be recognised (even enrolled)
    // as a photo; now it is rejected with one line, whatever the point of the cut.
    [SharedTheory]
    [InlineData("dreambooth/dog/01.jpg", 3000)] // the red-team case: 3,000 of 70,044 bytes
    [InlineData("images/dog.jpg", 0.3)]
    [InlineData("images/dog.jpg", 0.9)]
    [InlineData("images/dog.jpg", 0.999)]
    public void Decode_TruncatedJpeg_IsRejectedAsTruncated(string photo, double keep)
    {
        var bytes = File.ReadAllBytes(SharedPhoto(photo));
        var length = keep > 1 ? (int)keep : (int)(bytes.Length * keep);
        var truncated = bytes.AsMemory(0, length);

        var e = Assert.Throws<ImageRejectedException>(() => _decoder.Decode(truncated));

        Assert.StartsWith("truncated image", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        output.WriteLine($"{length} of {bytes.Length} bytes: {e.Message}");
    }

    [SharedFact]
    public void Decode_ThumbnailSize_DecodesScaledDownAndKeepsTheOriginalSize()
    {
        var bytes = File.ReadAllBytes(SharedData.Image("dog.jpg")); // 768×576

        using var small = _decoder.Decode(bytes, 200);

        Assert.True(Math.Max(small.Width, small.Height) <= 384, $"decoded {small.Width}×{small.Height}");
        Assert.Equal((768, 576), (small.OriginalWidth, small.OriginalHeight));
    }

    private static string SharedPhoto(string relative) => relative.StartsWith("dreambooth/", StringComparison.Ordinal)
        ? Path.Combine(SharedData.DreamBoothDirectory, relative["dreambooth/".Length..])
        : SharedData.Image(relative["images/".Length..]);

    [SharedFact]
    public void Decode_TruncatedJpegScaledDecode_IsRejectedAsTruncated()
    {
        var bytes = File.ReadAllBytes(SharedData.Image("dog.jpg"));

        var e = Assert.Throws<ImageRejectedException>(() => OnnxModels.Decoder(new ImageLimits { DecodeLongSide = 384 }).Decode(bytes.AsMemory(0, bytes.Length / 2)));

        Assert.StartsWith("truncated image", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TruncatedPng_IsRejectedAsTruncated()
    {
        var png = TestImages.Png(64, 64, (x, y) => new SKColor((byte)(x * 4), (byte)(y * 4), (byte)(x ^ y)));

        var e = Assert.Throws<ImageRejectedException>(() => _decoder.Decode(png.AsMemory(0, png.Length * 2 / 3)));

        Assert.DoesNotContain('\n', e.Message);
        output.WriteLine(e.Message);
    }

    [Theory]
    [InlineData(1, new[] { 'R', 'G', 'B', 'Y' })]
    [InlineData(2, new[] { 'G', 'R', 'Y', 'B' })]
    [InlineData(3, new[] { 'Y', 'B', 'G', 'R' })]
    [InlineData(4, new[] { 'B', 'Y', 'R', 'G' })]
    [InlineData(5, new[] { 'R', 'B', 'G', 'Y' })]
    [InlineData(6, new[] { 'B', 'R', 'Y', 'G' })]
    [InlineData(7, new[] { 'Y', 'G', 'B', 'R' })]
    [InlineData(8, new[] { 'G', 'Y', 'R', 'B' })]
    public void Decode_ExifOrientation_ShowsTheImageUpright(ushort orientation, char[] quadrants)
    {
        // Stored: red top-left, green top-right, blue bottom-left, yellow bottom-right, 80×40.
        // Expected quadrants (top-left, top-right, bottom-left, bottom-right) worked out from the EXIF definitions:
        // 2 mirror, 3 rotate 180°, 4 flip, 5 transpose, 6 rotate 90° clockwise, 7 transverse, 8 rotate 90° anticlockwise.
        var jpeg = TestImages.WithExifOrientation(TestImages.QuadrantJpeg(80, 40), orientation);

        using var image = _decoder.Decode(jpeg);

        var turned = orientation >= 5;
        Assert.Equal(turned ? (40, 80) : (80, 40), (image.Width, image.Height));
        Assert.Equal((image.Width, image.Height), (image.OriginalWidth, image.OriginalHeight));
        var w = image.Width;
        var h = image.Height;
        var seen = new[] { (w / 4, h / 4), (3 * w / 4, h / 4), (w / 4, 3 * h / 4), (3 * w / 4, 3 * h / 4) }
            .Select(p => Nearest(image.Pixels.Slice(((p.Item2 * w) + p.Item1) * 4, 4)))
            .ToArray();
        Assert.Equal(quadrants, seen);
    }

    [Fact]
    public void ReadSize_Png_ReadsTheHeaderOnly()
    {
        Assert.Equal((100_000, 100_000), SkiaImageDecoder.ReadSize(TestImages.Png(100_000, 100_000, [0])));
        Assert.Throws<ImageRejectedException>(() => SkiaImageDecoder.ReadSize("not an image"u8));
    }

    private static char Nearest(ReadOnlySpan<byte> rgba)
    {
        var candidates = new[] { ('R', TestImages.Red), ('G', TestImages.Green), ('B', TestImages.Blue), ('Y', TestImages.Yellow) };
        var (r, g, b) = (rgba[0], rgba[1], rgba[2]);
        return candidates.MinBy(c => Math.Abs(c.Item2.Red - r) + Math.Abs(c.Item2.Green - g) + Math.Abs(c.Item2.Blue - b)).Item1;
    }
}
