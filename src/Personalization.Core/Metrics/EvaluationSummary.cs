namespace Personalization.Core.Metrics;

/// <summary>What an evaluation measured; every rate is a fraction in [0, 1].</summary>
/// <param name="AlsoNamed">Concepts named as also present that are not the image's truth (false extras on one-concept images).</param>
public sealed record EvaluationSummary(
    RecognitionScores Recognition,
    CaptionScores Captions,
    IReadOnlyDictionary<string, int> Stages,
    int Images,
    int Positives,
    int Negatives,
    int Concepts,
    IReadOnlyList<ConceptScores> PerConcept,
    IReadOnlyList<Confusion> Confusions,
    int AlsoNamed = 0);

/// <param name="Accuracy">Final answer equals the truth, over positive queries.</param>
/// <param name="Top1Accuracy">The truth is retrieval's first candidate, over positive queries.</param>
/// <param name="Top3Accuracy">The truth is among retrieval's first three candidates.</param>
/// <param name="NegativesRejected">Negatives answered "none", over negatives (null without negatives).</param>
public sealed record RecognitionScores(double Precision, double Recall, double F1, double Accuracy, double Top1Accuracy, double Top3Accuracy, double? NegativesRejected);

public sealed record CaptionScores(double Precision, double Recall, double F1);

public sealed record ConceptScores(string Concept, int Queries, int Correct, double Precision, double Recall, double F1);

/// <summary>A truth (or "none" for a negative) answered as another concept (or "none"), and how often.</summary>
public sealed record Confusion(string Truth, string Predicted, int Count);
