using SkiaSharp;

namespace Personalization.Cli.Datasets;

/// <summary>
/// One thing pasted into a photo: a crop of a source photo drawn into <see cref="Box"/> with a feathered mask
/// (ellipse or rounded rectangle), mirrored or not, under or over the photo's subject.
/// </summary>
internal sealed record HardBenchmarkSticker(string Source, string Label, SKRect Crop, SKRectI Box, bool Flip, bool Ellipse, bool Over)
{
    /// <summary>The mask's blur as a share of the box's shorter side; the mask is inset by 1.6 times as much.</summary>
    public float Feather { get; init; } = 0.06f;
}
