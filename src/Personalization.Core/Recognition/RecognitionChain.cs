using System.Globalization;
using Personalization.Core.Domain;
using Personalization.Core.Metrics;
using Personalization.Core.Ports;

namespace Personalization.Core.Recognition;

/// <summary>
/// R2P's chain (docs/method.md §2): retrieve → attribute reasoning → cross-modal verification →
/// pairwise fallback → caption. Written against <see cref="IRecognitionSteps"/> so it follows orchestrator
/// rules: no I/O, no clock, nothing awaited but steps. The durable orchestrator and the local runner both call it.
/// </summary>
public static class RecognitionChain
{
    public static async Task<RecognitionResult> RunAsync(IRecognitionSteps steps, ImageRef image, ChainThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(thresholds);

        var retrieval = await steps.RetrieveAsync(new RetrieveStepInput(image, thresholds.TopK, thresholds.HitsPerRegion, thresholds.TextWeight));
        var candidates = retrieval.Candidates;
        if (RecognitionDecisions.ShouldReject(candidates, thresholds))
        {
            var why = candidates.Count == 0
                ? "no concepts enrolled for this owner"
                : Invariant($"best retrieval score {candidates[0].Score:F3} for <{candidates[0].Concept}> is below {thresholds.RejectBelow:F2}");
            return await FinishAsync(steps, image, thresholds, retrieval, winner: null, candidates.Count == 0 ? 0 : candidates[0].Score, DecisionStages.Rejected, new DecisionTrace(candidates, null, null, null, why));
        }

        var reasoning = await steps.ReasonAttributesAsync(new ReasonStepInput(image, candidates));
        var claims = RecognitionDecisions.ClaimsOf(reasoning, candidates);
        var verification = (await steps.VerifyAsync(new VerifyStepInput(image, claims))).Candidates;

        var agreed = RecognitionDecisions.AcceptAfterVerification(reasoning, verification, candidates, thresholds);
        if (agreed is not null)
        {
            var why = Invariant($"reasoning chose <{agreed.Concept}> and verification agrees; retrieval score {agreed.Score:F3} ≥ {thresholds.AcceptAbove:F2}");
            return await FinishAsync(steps, image, thresholds, retrieval, agreed, agreed.Score, DecisionStages.Verification, new DecisionTrace(candidates, reasoning, verification, null, why));
        }

        // Fan out: start every comparison, then await them all (activities run in parallel in the orchestrator).
        var pending = candidates.Select(c => steps.ComparePairAsync(new PairStepInput(image, c.Concept, c))).ToList();
        var judgements = await Task.WhenAll(pending);
        var pairwiseWinner = RecognitionDecisions.AcceptAfterPairwise(judgements, thresholds);
        if (pairwiseWinner is null)
        {
            var best = judgements.MaxBy(j => j.Probability)!;
            var why = Invariant($"verification did not confirm reasoning; best pairwise probability {best.Probability:F3} for <{best.Concept}> is below {thresholds.PairwiseAccept:F2}");
            return await FinishAsync(steps, image, thresholds, retrieval, null, best.Probability, DecisionStages.Rejected, new DecisionTrace(candidates, reasoning, verification, judgements, why));
        }

        var winner = candidates.First(c => c.Concept.Equals(pairwiseWinner.Concept));
        var because = Invariant($"verification did not confirm reasoning; pairwise comparison chose <{winner.Concept}> with probability {pairwiseWinner.Probability:F3}");
        return await FinishAsync(steps, image, thresholds, retrieval, winner, pairwiseWinner.Probability, DecisionStages.Pairwise, new DecisionTrace(candidates, reasoning, verification, judgements, because));
    }

    private static async Task<RecognitionResult> FinishAsync(
        IRecognitionSteps steps, ImageRef image, ChainThresholds thresholds, RetrievalStep retrieval, Candidate? winner, float score, string stage, DecisionTrace trace)
    {
        BoundingBox? box = winner?.MatchedBox ?? (winner is not null && winner.ShownRegion < retrieval.QueryRegions.Count ? retrieval.QueryRegions[winner.ShownRegion] : null);
        var also = RecognitionDecisions.AlsoPresent(winner, retrieval.Candidates, retrieval.QueryRegions, trace.Pairwise, thresholds, retrieval.RegionSources);
        IReadOnlyList<RecognizedRef> recognized = winner is null ? [] : [new RecognizedRef(winner.Concept, box, score), .. also];
        var caption = await steps.CaptionAsync(new CaptionStepInput(image, recognized));
        var reward = CaptionMetric.IdentityReward(caption.Text, [.. recognized.Select(r => r.Concept.Value)]);
        trace = trace with { CaptionSource = caption.Source, QueryRegions = retrieval.QueryRegions, RegionSources = retrieval.RegionSources, PixelScale = retrieval.PixelScale };
        if (also.Count > 0)
        {
            trace = trace with { Decision = trace.Decision + "; also present: " + string.Join(", ", also.Select(a => Invariant($"<{a.Concept}> ({a.Confidence:F3})"))) };
        }

        return new RecognitionResult(image.Owner, image.ContentHash, winner?.Concept, score, stage, box, caption.Text, trace, reward, also.Count > 0 ? also : null);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
