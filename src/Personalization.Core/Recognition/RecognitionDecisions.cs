using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Core.Recognition;

/// <summary>The chain's decisions as pure functions of the evidence and the thresholds.</summary>
public static class RecognitionDecisions
{
    /// <summary>Retrieval found nothing worth reasoning about.</summary>
    public static bool ShouldReject(IReadOnlyList<Candidate> candidates, ChainThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(thresholds);
        return candidates.Count == 0 || candidates[0].Score < thresholds.RejectBelow;
    }

    /// <summary>The claims to verify: each candidate's attributes that reasoning judged visible.</summary>
    public static IReadOnlyList<AttributeClaim> ClaimsOf(AttributeReasoning reasoning, IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(reasoning);
        ArgumentNullException.ThrowIfNull(candidates);
        var claims = new List<AttributeClaim>(reasoning.PerCandidate.Count);
        foreach (var c in reasoning.PerCandidate)
        {
            var region = candidates.FirstOrDefault(x => x.Concept.Equals(c.Concept))?.QueryRegion ?? 0;
            claims.Add(new AttributeClaim(c.Concept, [.. c.Visible], region));
        }

        return claims;
    }

    /// <summary>The candidate whose claimed attributes the image supports best; null if none was verifiable.</summary>
    public static ConceptName? BestVerified(IReadOnlyList<CandidateVerification> verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        CandidateVerification? best = null;
        foreach (var v in verification)
        {
            if (v.Score is { } s && (best?.Score is not { } b || s > b))
            {
                best = v;
            }
        }

        return best?.Concept;
    }

    /// <summary>
    /// R2P's early stop: reasoning's choice is also the best-verified candidate, and retrieval is confident enough.
    /// Returns the accepted candidate, or null to fall back to pairwise comparison.
    /// </summary>
    public static Candidate? AcceptAfterVerification(
        AttributeReasoning reasoning,
        IReadOnlyList<CandidateVerification> verification,
        IReadOnlyList<Candidate> candidates,
        ChainThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(reasoning);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (reasoning.Choice is not { } choice || BestVerified(verification) is not { } verified || !verified.Equals(choice))
        {
            return null;
        }

        var candidate = candidates.FirstOrDefault(c => c.Concept.Equals(choice));
        return candidate is not null && candidate.Score >= thresholds.AcceptAbove ? candidate : null;
    }

    /// <summary>The pairwise winner if its probability clears the threshold, else null ("none of my concepts").</summary>
    public static PairwiseJudgement? AcceptAfterPairwise(IReadOnlyList<PairwiseJudgement> judgements, ChainThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        ArgumentNullException.ThrowIfNull(thresholds);
        PairwiseJudgement? best = null;
        foreach (var j in judgements)
        {
            if (best is null || j.Probability > best.Probability)
            {
                best = j;
            }
        }

        return best is not null && best.Probability >= thresholds.PairwiseAccept ? best : null;
    }
}
