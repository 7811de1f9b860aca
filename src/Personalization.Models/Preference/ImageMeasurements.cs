using Personalization.Models.Colors;

namespace Personalization.Models.Preference;

/// <summary>Measured properties of one image, each on a 0..1-ish scale (see <see cref="ImageMeter"/>).</summary>
public sealed record ImageMeasurements(
    double Saturation,
    double Colorfulness,
    double Brightness,
    double Contrast,
    double Warmth,
    double EdgeShare,
    double MeanGradient,
    double Chroma,
    double SepiaShare,
    int LumaLevels,
    double Posterization,
    IReadOnlyList<Core.Domain.NamedColor> Palette,
    float[] FamilyShares)
{
    /// <summary>The colour families of the vocabulary, in the order of <see cref="FamilyShares"/>.</summary>
    public static IReadOnlyList<string> Families { get; } = ["black", "grey", "white", "brown", "orange", "red", "pink", "purple", "blue", "green", "yellow"];

    /// <summary>Mean |Laplacian| over mean |gradient| of luma: edge sharpness, about 1 for a photograph, lower when blurred, higher when sharpened.</summary>
    public double Acutance { get; init; }

    /// <summary>How near the most vivid mid-tone pixels come to the edge of the gamut, 0..1 (see <see cref="ImageMeter"/>).</summary>
    public double GamutReach { get; init; }

    /// <summary>The shares of coloured mid-tone pixels clipped at the edges of the gamut.</summary>
    public GamutClipping Clipping { get; init; } = GamutClipping.None;

    /// <summary>The black and white points per channel.</summary>
    public ToneAnchors Tones { get; init; } = ToneAnchors.Neutral;
}
