using System.Numerics.Tensors;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Core.Recognition;

/// <summary>
/// R2P's cross-modal attribute verification: each claimed attribute is embedded with the text encoder and
/// compared with the query region's feature in text space; a candidate's score is the mean. Cheap (text
/// embeddings only) and independent of the reasoner, so hallucinated attributes are caught. Thread-safe.
/// </summary>
public sealed class CrossModalVerifier(ITextEncoder textEncoder)
{
    public async Task<IReadOnlyList<CandidateVerification>> VerifyAsync(ImageAnalysis query, IReadOnlyList<AttributeClaim> claims, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(claims);
        var texts = claims.SelectMany(c => c.Attributes).Distinct(StringComparer.Ordinal).ToList();
        var vectors = await textEncoder.EncodeAsync(texts, cancellationToken).ConfigureAwait(false);
        var byText = texts.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => vectors[x.i], StringComparer.Ordinal);
        var result = new List<CandidateVerification>(claims.Count);
        foreach (var claim in claims)
        {
            var region = query.Regions[Math.Clamp(claim.QueryRegion, 0, query.Regions.Count - 1)];
            var evidence = claim.Attributes
                .Select(a => new AttributeEvidence(a, TensorPrimitives.Dot(byText[a], region.TextVector), Visible: true))
                .ToList();
            float? score = evidence.Count == 0 ? null : evidence.Average(e => e.Score);
            result.Add(new CandidateVerification(claim.Concept, score, evidence));
        }

        return result;
    }
}
