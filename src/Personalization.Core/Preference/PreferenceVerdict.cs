namespace Personalization.Core.Preference;

/// <summary>Which of two candidates the owner would prefer, how sure, and why, dimension by dimension.</summary>
/// <param name="Preferred"><c>A</c> (the first candidate as given) or <c>B</c>.</param>
/// <param name="Consistent">The verdict held when the candidates were judged in swapped order (position bias check).</param>
/// <param name="Stages">What each stage of a VLM judge said (profile, assessment, answer, swap check), in order.</param>
public sealed record PreferenceVerdict(
    string CandidateA,
    string CandidateB,
    string Preferred,
    double Confidence,
    IReadOnlyList<DimensionAssessment> Dimensions,
    bool Consistent,
    string Judge,
    string Reason,
    IReadOnlyList<string>? Stages = null);

/// <param name="ScoreA">How well candidate A fits the profile on this dimension, in [0, 1].</param>
public sealed record DimensionAssessment(PreferenceDimension Dimension, double ScoreA, double ScoreB, double Weight, string Reason);
