namespace Personalization.Core.Preference;

/// <summary>PreferThinker's five dimensions of visual taste (docs/method.md §4).</summary>
public enum PreferenceDimension
{
    ArtStyle,
    Color,
    Detail,
    ArtMedium,
    Saturation,
}
