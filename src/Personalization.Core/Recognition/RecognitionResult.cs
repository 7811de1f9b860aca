using System.Text.Json.Serialization;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Core.Recognition;

/// <summary>Which stage of the chain made the decision.</summary>
public static class DecisionStages
{
    /// <summary>Reasoning and cross-modal verification agreed on a confident candidate.</summary>
    public const string Verification = "verification";

    /// <summary>Verification disagreed (or was unsure) and the pairwise comparison decided.</summary>
    public const string Pairwise = "pairwise";

    /// <summary>No candidate was good enough: "none of my concepts".</summary>
    public const string Rejected = "rejected";
}

/// <summary>The answer for one image: the concept found (or none), where, how sure, which stage decided and why.</summary>
/// <param name="Score">The winner's fused retrieval score, or its pairwise probability when pairwise decided; for a
/// rejection, the best score that fell short (retrieval score, or pairwise probability if pairwise ran).</param>
/// <param name="CaptionReward">RePIC's identity-consistency reward of the caption (docs/method.md §3): the share of the
/// recognised concepts it names, 0 under 100 characters.</param>
/// <param name="AlsoPresent">Other concepts found in other regions of the photo (see <see cref="RecognitionDecisions.AlsoPresent"/>).</param>
public sealed record RecognitionResult(
    OwnerId Owner,
    string ContentHash,
    ConceptName? Concept,
    float Score,
    string Stage,
    BoundingBox? Box,
    string Caption,
    DecisionTrace Trace,
    double? CaptionReward = null,
    IReadOnlyList<RecognizedRef>? AlsoPresent = null)
{
    /// <summary>Every concept named for the photo, with its box and score: the answer first, then the others also present.</summary>
    [JsonIgnore] // derived: not written to results or orchestration history
    public IReadOnlyList<RecognizedRef> Recognized =>
        Concept is { } c ? [new RecognizedRef(c, Box, Score), .. AlsoPresent ?? []] : [];
}

/// <summary>Every stage's evidence, in order; null for a stage that did not run.</summary>
/// <param name="CaptionSource">Who wrote the caption: the reasoner, or <c>offline fallback (why)</c> (see <see cref="CaptionResult"/>).</param>
/// <remarks>
/// <see cref="QueryRegions"/>, <see cref="RegionSources"/> and <see cref="PixelScale"/> say what each candidate's
/// <c>query_region</c> was (its box in original pixels, detection / proposal / tile / image, and the decoded pixels per
/// original pixel), so a trace can be replayed offline (<c>scripts/replay-thresholds.py --region-bonus</c>).
/// </remarks>
public sealed record DecisionTrace(
    IReadOnlyList<Candidate> Candidates,
    AttributeReasoning? Reasoning,
    IReadOnlyList<CandidateVerification>? Verification,
    IReadOnlyList<PairwiseJudgement>? Pairwise,
    string Decision,
    string? CaptionSource = null)
{
    public IReadOnlyList<BoundingBox>? QueryRegions { get; init; }

    public IReadOnlyList<string>? RegionSources { get; init; }

    public double? PixelScale { get; init; }
}
