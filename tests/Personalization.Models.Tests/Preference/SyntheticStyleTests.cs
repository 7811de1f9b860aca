using Microsoft.Extensions.Options;
using Personalization.Core.Ports;
using Personalization.Core.Preference;
using Personalization.Models.Encoders;
using Personalization.Models.Imaging;
using Personalization.Models.Preference;
using Personalization.TestSupport;

namespace Personalization.Models.Tests.Preference;

public sealed class SyntheticStyleTests
{
    private static readonly SkiaImageDecoder Decoder = new(Options.Create(new ImageLimits()));

    [SharedFact]
    public async Task Render_KnownStyles_MoveTheirMeasuredDimension()
    {
        var photo = await File.ReadAllBytesAsync(SharedData.Image("dog.jpg"));
        using var reader = new SkiaPreferenceImageReader(OnnxModels.Factory(), Decoder, Options.Create(new EncoderOptions()));
        var styles = new[] { "photo", "saturated", "desaturated", "greyscale", "sepia", "posterized", "blurred", "sharpened", "cast:teal" };
        var inputs = styles.Select(s => new ImageInput(s, SyntheticStyle.Render(Decoder, photo, [s]))).ToList();

        var described = (await reader.DescribeAsync(inputs)).ToDictionary(d => d.Id, d => d.Image!);

        float Feature(string style, PreferenceDimension d, int i) => described[style].Dimensions[d].Features[i];
        Assert.True(Feature("saturated", PreferenceDimension.Saturation, 0) > Feature("photo", PreferenceDimension.Saturation, 0) + 0.1f);
        Assert.True(Feature("desaturated", PreferenceDimension.Saturation, 0) < Feature("photo", PreferenceDimension.Saturation, 0) - 0.1f);
        Assert.Equal(["black and white photograph"], described["greyscale"].Dimensions[PreferenceDimension.ArtMedium].Terms);
        Assert.Equal(["sepia photograph"], described["sepia"].Dimensions[PreferenceDimension.ArtMedium].Terms);
        Assert.Equal(["posterized print"], described["posterized"].Dimensions[PreferenceDimension.ArtMedium].Terms);
        Assert.Equal(["photograph"], described["photo"].Dimensions[PreferenceDimension.ArtMedium].Terms);
        Assert.True(Feature("blurred", PreferenceDimension.Detail, 0) < Feature("photo", PreferenceDimension.Detail, 0));
        Assert.True(Feature("sharpened", PreferenceDimension.Detail, 0) > Feature("photo", PreferenceDimension.Detail, 0));
        Assert.Contains(described["cast:teal"].Dimensions[PreferenceDimension.Color].Terms, t => t.Contains("teal", StringComparison.Ordinal) || t.Contains("sea green", StringComparison.Ordinal) || t.Contains("cadet", StringComparison.Ordinal) || t.Contains("slate", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_UnknownStyle_Throws()
    {
        var png = Imaging.TestImages.Png(8, 8, (_, _) => Imaging.TestImages.Red);
        Assert.Throws<ArgumentException>(() => SyntheticStyle.Render(Decoder, png, ["cubism"]));
    }
}
