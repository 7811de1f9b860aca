using Personalization.Core.Domain;

namespace Personalization.Reasoning.Tests.Offline;

/// <summary>Hand-built analyses and concepts, with vectors chosen so that similarities are known.</summary>
internal static class Scenes
{
    public static OwnerId Owner { get; } = OwnerId.Parse("alice");

    /// <summary>A unit vector in 3-d at cosine <paramref name="similarity"/> with (1, 0, 0).</summary>
    public static float[] AtCosine(float similarity) => [similarity, MathF.Sqrt(1 - (similarity * similarity)), 0];

    public static ImageRegion Region(
        float[]? imageVector = null,
        string source = "image",
        string? label = null,
        BoundingBox? box = null,
        float detectorScore = 1f,
        IReadOnlyList<LabelScore>? labels = null,
        IReadOnlyList<NamedColor>? colors = null) =>
        new(box ?? new BoundingBox(0, 0, 640, 480), source, label, detectorScore, imageVector ?? [1, 0, 0], [1, 0, 0], labels ?? [], colors ?? []);

    public static ImageAnalysis Analysis(IReadOnlyList<ImageRegion> regions, IReadOnlyList<Detection>? detections = null, IReadOnlyList<NamedColor>? colors = null) =>
        new("hash", 640, 480, detections ?? [], regions, colors ?? []);

    /// <summary>An image with nothing the models could name: no detections, labels or colours.</summary>
    public static ImageAnalysis Bare() => Analysis([Region()]);

    /// <summary>A park scene: a dog and two people detected, green and brown, classified as a terrier.</summary>
    public static ImageAnalysis Park() => Analysis(
        [Region(labels: [new LabelScore("Norfolk terrier", 0.6f), new LabelScore("lawn mower", 0.1f)], colors: [new NamedColor("green", "#228B22", 0.5f)])],
        [
            new Detection(new BoundingBox(10, 10, 200, 200), 16, "dog", 0.9f, 0.9f),
            new Detection(new BoundingBox(300, 10, 100, 300), 0, "person", 0.8f, 0.9f),
            new Detection(new BoundingBox(420, 10, 100, 300), 0, "person", 0.7f, 0.9f),
        ],
        [new NamedColor("green", "#228B22", 0.5f), new NamedColor("brown", "#7B4B2A", 0.2f)]);

    public static Concept Concept(string name, string category = "dog", IReadOnlyList<FingerprintAttribute>? fingerprint = null, params float[][] referenceVectors) =>
        new(
            Owner,
            ConceptName.Parse(name),
            category,
            $"a {category}",
            null,
            [],
            fingerprint ?? [],
            [new ConceptReference("ref", $"{name}.jpg", 640, 480, [.. (referenceVectors.Length == 0 ? [[1f, 0, 0]] : referenceVectors).Select(v => new ReferenceRegion(new BoundingBox(0, 0, 640, 480), "image", null, v, new[] { 1f, 0f, 0f }))])],
            new[] { 1f, 0f, 0f },
            "test-space",
            DateTimeOffset.UnixEpoch);
}
