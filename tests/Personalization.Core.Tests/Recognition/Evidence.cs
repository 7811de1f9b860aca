using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Core.Tests.Recognition;

/// <summary>Hand-built chain evidence: candidates, reasoning and verification records.</summary>
internal static class Evidence
{
    /// <summary>Reject below 0.55, accept above 0.60, pairwise accept at 0.5 (fixed test values, not the shipped defaults).</summary>
    public static ChainThresholds Thresholds { get; } = new(TopK: 3, HitsPerRegion: 10, TextWeight: 0.3f, RejectBelow: 0.55f, AcceptAbove: 0.60f, PairwiseAccept: 0.5f);

    public static ConceptName Name(string name) => ConceptName.Parse(name);

    public static Candidate Candidate(string name, float score, int queryRegion = 0) =>
        new(Name(name), score, score, score, queryRegion, 0);

    public static CandidateAttributes Attributes(string name, params (string Text, bool Visible)[] attributes) =>
        new(Name(name), [.. attributes.Select(a => new AttributeEvidence(a.Text, a.Visible ? 0.8f : 0.2f, a.Visible))], 0.5f);

    public static AttributeReasoning Reasoning(string? choice, params CandidateAttributes[] perCandidate) =>
        new(perCandidate, choice is null ? null : Name(choice), "scripted");

    public static CandidateVerification Verified(string name, float? score) => new(Name(name), score, []);

    public static PairwiseJudgement Judgement(string name, float probability) => new(Name(name), probability, "scripted");
}
