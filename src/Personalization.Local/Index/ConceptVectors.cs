using Personalization.Core.Domain;

namespace Personalization.Local.Index;

/// <summary>
/// Takes a concept's float vectors out of it and puts them back, always in one order: the description, each
/// fingerprint attribute, each reference region's image then text vector, each hard negative. A segment file keeps the
/// concept without them (small JSON) and the vectors in that order as raw float32 rows.
/// </summary>
internal static class ConceptVectors
{
    /// <summary>The concept's vectors, in the order <see cref="Fill"/> takes them back.</summary>
    public static IEnumerable<ReadOnlyMemory<float>> Of(Concept concept)
    {
        ArgumentNullException.ThrowIfNull(concept);
        yield return concept.DescriptionVector;
        foreach (var attribute in concept.Fingerprint)
        {
            yield return attribute.Vector;
        }

        foreach (var region in concept.AllRegions)
        {
            yield return region.ImageVector;
            yield return region.TextVector;
        }

        foreach (var negative in concept.Negatives ?? [])
        {
            yield return negative.ImageVector;
        }
    }

    /// <summary>The concept with every vector of <see cref="Of"/> replaced by an empty one.</summary>
    public static Concept Strip(Concept concept) => Fill(concept, _ => ReadOnlyMemory<float>.Empty);

    /// <summary>The concept with each vector of <see cref="Of"/>, in order, replaced by what <paramref name="next"/> gives for its length.</summary>
    public static Concept Fill(Concept concept, Func<int, ReadOnlyMemory<float>> next)
    {
        ArgumentNullException.ThrowIfNull(concept);
        ArgumentNullException.ThrowIfNull(next);
        var description = next(concept.DescriptionVector.Length);
        var fingerprint = concept.Fingerprint.Select(a => a with { Vector = next(a.Vector.Length) }).ToList();
        var references = concept.References.Select(r => r with
        {
            Regions = [.. r.Regions.Select(g =>
            {
                var image = next(g.ImageVector.Length);
                return g with { ImageVector = image, TextVector = next(g.TextVector.Length) };
            })],
        }).ToList();
        var negatives = concept.Negatives?.Select(n => n with { ImageVector = next(n.ImageVector.Length) }).ToList();
        return concept with { DescriptionVector = description, Fingerprint = fingerprint, References = references, Negatives = negatives };
    }
}
