using System.Numerics.Tensors;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Core.Recognition;

/// <summary>
/// R2P's cross-modal attribute verification: each claimed attribute is embedded with the text encoder and
/// compared with the query region's feature in text space; a candidate's score is the mean. Cheap (text
/// embeddings only) and independent of the reasoner, so hallucinated attributes are caught. An attribute whose
/// vector the concept already stores (its fingerprint, embedded at enrolment) is not embedded again. Thread-safe.
/// </summary>
public sealed class CrossModalVerifier(ITextEncoder textEncoder)
{
    /// <param name="known">Text vectors already made by the same encoder (the claimed concepts' fingerprints), by exact text.</param>
    public async Task<IReadOnlyList<CandidateVerification>> VerifyAsync(
        ImageAnalysis query,
        IReadOnlyList<AttributeClaim> claims,
        IReadOnlyDictionary<string, ReadOnlyMemory<float>>? known = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(claims);
        var byText = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var text in claims.SelectMany(c => c.Attributes).Distinct(StringComparer.Ordinal))
        {
            if (known is not null && known.TryGetValue(text, out var vector) && vector.Length == textEncoder.Dimension)
            {
                byText[text] = vector;
            }
            else
            {
                missing.Add(text);
            }
        }

        if (missing.Count > 0)
        {
            var vectors = await textEncoder.EncodeAsync(missing, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < missing.Count; i++)
            {
                byText[missing[i]] = vectors[i];
            }
        }

        var result = new List<CandidateVerification>(claims.Count);
        foreach (var claim in claims)
        {
            var region = query.Regions[Math.Clamp(claim.QueryRegion, 0, query.Regions.Count - 1)];
            var evidence = claim.Attributes
                .Select(a => new AttributeEvidence(a, TensorPrimitives.Dot(byText[a].Span, region.TextVector), Visible: true))
                .ToList();
            float? score = evidence.Count == 0 ? null : evidence.Average(e => e.Score);
            result.Add(new CandidateVerification(claim.Concept, score, evidence));
        }

        return result;
    }
}
