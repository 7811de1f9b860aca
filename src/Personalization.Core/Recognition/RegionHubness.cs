using System.Numerics.Tensors;
using Personalization.Core.Domain;

namespace Personalization.Core.Recognition;

/// <summary>
/// How much each reference region of one concept looks like the rooms of the owner's other reference photos: the mean of
/// its k best cosines with them (a cohort of known non-instances). A region-pair cosine loses α·(h − anchor).
/// </summary>
public sealed class RegionHubness(float[] values, float weight, float anchor)
{
    /// <summary>Per region of <see cref="Concept.AllRegions"/>, in that order; NaN where there was no cohort.</summary>
    public IReadOnlyList<float> Values => values;

    public float Penalty(int region) => region < 0 || region >= values.Length || float.IsNaN(values[region]) ? 0f : weight * (values[region] - anchor);

    public float? Of(int region) => region < 0 || region >= values.Length || float.IsNaN(values[region]) ? null : values[region];

    /// <summary>The hubness of each of <paramref name="concept"/>'s regions against the rooms of every reference photo but its own.</summary>
    public static float[] Measure(Concept concept, IReadOnlyList<Concept> concepts, int neighbours)
    {
        ArgumentNullException.ThrowIfNull(concept);
        ArgumentNullException.ThrowIfNull(concepts);
        var values = new List<float>();
        var best = new List<float>();
        foreach (var reference in concept.References)
        {
            var rooms = concepts.SelectMany(c => c.References).Where(r => !ReferenceEquals(r, reference) && r.ContentHash != reference.ContentHash)
                .SelectMany(r => r.Rooms ?? []).Select(r => r.ImageVector).ToList();
            foreach (var region in reference.Regions)
            {
                best.Clear();
                foreach (var room in rooms)
                {
                    if (room.Length == region.ImageVector.Length)
                    {
                        best.Add(TensorPrimitives.Dot(region.ImageVector.Span, room.Span));
                    }
                }

                if (best.Count == 0)
                {
                    values.Add(float.NaN);
                    continue;
                }

                best.Sort();
                var k = Math.Min(neighbours, best.Count);
                var sum = 0f;
                for (var i = best.Count - k; i < best.Count; i++)
                {
                    sum += best[i];
                }

                values.Add(sum / k);
            }
        }

        return [.. values];
    }
}

/// <summary>The hubness rule's settings for one retrieval; <see cref="For"/> gives null (no measurement) when it is off.</summary>
public readonly record struct HubnessWeighting(float Weight, float Anchor, int Neighbours)
{
    public RegionHubness? For(Concept concept, IReadOnlyList<Concept> concepts) =>
        Weight <= 0 && !Trace ? null : new RegionHubness(RegionHubness.Measure(concept, concepts, Neighbours), Weight, Anchor);

    /// <summary>Measure (for the trace) even when the weight is 0: set by the environment for threshold replays.</summary>
    private static bool Trace => Environment.GetEnvironmentVariable("PERSONALIZATION_TRACE_HUBNESS") == "1";
}
