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

    /// <summary>Regions named together must overlap less than this (intersection over union).</summary>
    public const float DistinctRegionIou = 0.5f;

    /// <summary>
    /// The other concepts also in the photo: once <paramref name="winner"/> is decided, each further candidate whose
    /// best match is a detected region (not the whole image) that overlaps no region already named, with a retrieval
    /// score of at least <see cref="ChainThresholds.AlsoPresentAbove"/>, best first; when pairwise comparison ran, only
    /// candidates it accepted too. None without a winner. With <paramref name="sources"/>, only a detector's region counts
    /// for the region rule: a grid tile is a place to look, not an object.
    /// </summary>
    public static IReadOnlyList<RecognizedRef> AlsoPresent(
        Candidate? winner, IReadOnlyList<Candidate> candidates, IReadOnlyList<BoundingBox> regions, IReadOnlyList<PairwiseJudgement>? pairwise, ChainThresholds thresholds,
        IReadOnlyList<string>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (winner is null || winner.ShownRegion >= regions.Count)
        {
            return [];
        }

        var named = new List<BoundingBox> { winner.MatchedBox ?? regions[winner.ShownRegion] };
        var also = new List<RecognizedRef>();
        foreach (var c in candidates.Where(c => !c.Concept.Equals(winner.Concept)).OrderByDescending(c => c.Score))
        {
            var located = c.MatchedBox is not null && c.Inliers >= thresholds.AlsoPresentInliers;
            // The region rule was measured on global scores (docs/thresholds.md); local evidence must locate on its own.
            if ((located ? c.Score < thresholds.AlsoPresentAbove : (c.GlobalScore ?? c.Score) < thresholds.AlsoPresentAbove || c.QueryRegion < 1 || c.QueryRegion >= regions.Count
                    || (sources is not null && c.QueryRegion < sources.Count && sources[c.QueryRegion] != ImageRegion.DetectionSource))
                || pairwise?.FirstOrDefault(j => j.Concept.Equals(c.Concept)) is { } judged && judged.Probability < thresholds.PairwiseAccept)
            {
                continue;
            }

            var box = located ? c.MatchedBox! : regions[c.QueryRegion];
            if (named.All(n => n.IntersectionOverUnion(box) < DistinctRegionIou))
            {
                named.Add(box);
                also.Add(new RecognizedRef(c.Concept, box, c.Score));
            }
        }

        return also;
    }
}
