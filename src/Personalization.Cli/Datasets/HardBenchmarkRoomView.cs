using SkiaSharp;

namespace Personalization.Cli.Datasets;

/// <summary>
/// How one photo sees its room: which part at what scale, mirrored or not, and a colour temperature of its own, so
/// two photos taken in the same room share its content but never its exact pixels.
/// </summary>
internal readonly record struct HardBenchmarkRoomView(SKRect Source, bool Mirror, float Red, float Green, float Blue);
