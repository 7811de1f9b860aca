using Personalization.Core.Domain;

namespace Personalization.Local.Tests;

/// <summary>Hand-built concepts with chosen unit vectors.</summary>
internal static class TestConcepts
{
    public static OwnerId Alice { get; } = OwnerId.Parse("alice");

    public static OwnerId Bob { get; } = OwnerId.Parse("bob");

    /// <summary>A concept with one reference photo per entry of <paramref name="referenceRegions"/>, each holding those image vectors.</summary>
    public static Concept Make(OwnerId owner, string name, float[] description, params float[][][] referenceRegions) =>
        new(
            owner,
            ConceptName.Parse(name),
            "dog",
            $"the dog called {name}",
            null,
            [],
            [new FingerprintAttribute("red collar", "user", Unit(description))],
            [.. referenceRegions.Select((regions, i) => new ConceptReference(
                $"hash-{name}-{i}",
                $"{name}-{i}.jpg",
                640,
                480,
                [.. regions.Select(v => new ReferenceRegion(new BoundingBox(0, 0, 640, 480), "image", null, Unit(v), Unit(description)))]))],
            Unit(description),
            "test-space",
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    /// <summary>A concept with a single reference region whose image vector is <paramref name="image"/>.</summary>
    public static Concept Simple(OwnerId owner, string name, float[] image, float[]? description = null) =>
        Make(owner, name, description ?? image, [image]);

    /// <summary>A pseudo-random unit vector; the same seed gives the same vector.</summary>
    public static float[] Random(int seed, int dimension = 16)
    {
        var random = new Random(seed);
        var v = new float[dimension];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return Unit(v);
    }

    public static float[] Unit(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    public static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
