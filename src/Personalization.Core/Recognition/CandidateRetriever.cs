using System.Numerics.Tensors;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Core.Recognition;

/// <summary>
/// Multimodal retrieval (R2P, with RAP's per-region search): every query region is searched against the
/// owner's reference regions (image→image) and descriptions (image→text); the hits name the candidate
/// concepts, whose exact fused score is then s = max over query regions of
/// (1−w)·max over reference regions cos(fᵛ(q), fᵛᵢ) + w·cos(fᵗ(q), fᵗᵢ). Thread-safe.
/// </summary>
public sealed class CandidateRetriever(IConceptIndex index)
{
    /// <param name="concepts">The owner's concepts when the caller already has them (the chain reads them once per
    /// run); null to read them from the index.</param>
    public async Task<IReadOnlyList<Candidate>> RetrieveAsync(
        OwnerId owner, ImageAnalysis query, int topK, int hitsPerRegion, float textWeight, CancellationToken cancellationToken = default, IReadOnlyList<Concept>? concepts = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var queries = new List<VectorQuery>(query.Regions.Count * 2);
        foreach (var region in query.Regions)
        {
            queries.Add(new VectorQuery(region.ImageVector, VectorField.ReferenceImage, hitsPerRegion));
            queries.Add(new VectorQuery(region.TextVector, VectorField.DescriptionText, hitsPerRegion));
        }

        var hits = await index.SearchAsync(owner, queries, cancellationToken).ConfigureAwait(false);
        var named = new HashSet<ConceptName>(hits.SelectMany(h => h).Select(h => h.Concept));
        if (named.Count == 0)
        {
            return [];
        }

        concepts ??= await index.ListAsync(owner, cancellationToken).ConfigureAwait(false);
        var scored = concepts.Where(c => named.Contains(c.Name)).Select(c => Score(c, query, textWeight));
        return [.. scored.OrderByDescending(c => c.Score).ThenBy(c => c.Concept.Key, StringComparer.Ordinal).Take(topK)];
    }

    /// <summary>The exact fused score of one concept for one query.</summary>
    public static Candidate Score(Concept concept, ImageAnalysis query, float textWeight)
    {
        ArgumentNullException.ThrowIfNull(concept);
        ArgumentNullException.ThrowIfNull(query);
        var regions = concept.AllRegions.ToList();
        Candidate? best = null;
        for (var q = 0; q < query.Regions.Count; q++)
        {
            var region = query.Regions[q];
            var image = -1f;
            var matched = -1;
            for (var r = 0; r < regions.Count; r++)
            {
                var s = TensorPrimitives.Dot(region.ImageVector, regions[r].ImageVector);
                if (s > image)
                {
                    image = s;
                    matched = r;
                }
            }

            var text = concept.DescriptionVector.Length == region.TextVector.Length
                ? TensorPrimitives.Dot(region.TextVector, concept.DescriptionVector)
                : 0f;
            var fused = ((1 - textWeight) * image) + (textWeight * text);
            if (best is null || fused > best.Score)
            {
                best = new Candidate(concept.Name, fused, image, text, q, matched);
            }
        }

        return best ?? new Candidate(concept.Name, -1, -1, 0, 0, -1);
    }
}
