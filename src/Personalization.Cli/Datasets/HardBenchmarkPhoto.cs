using SkiaSharp;

namespace Personalization.Cli.Datasets;

/// <summary>
/// One generated photo: where it goes (relative to the benchmark folder), what it shows (the subject and its source
/// photo, if any, with its box; the room; the distractors' sources) and its JPEG bytes.
/// </summary>
internal sealed record HardBenchmarkPhoto(string Image, string Role, string? Subject, string? Source, SKRectI? Box, string Room, IReadOnlyList<string> Distractors, byte[] Jpeg);
