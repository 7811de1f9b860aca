using System.Globalization;
using Personalization.Cli.Evaluation;
using Personalization.Cli.Reporting;
using Personalization.Core.Domain;
using Personalization.Core.Metrics;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Tests.Reporting;

/// <summary>Outcomes, summaries and configurations made up in memory, so the page can be rendered without models.</summary>
internal static class SyntheticReport
{
    public static readonly OwnerId Owner = OwnerId.Parse("alice");

    public static IReadOnlyDictionary<string, string> Configuration(double rejectBelow, double acceptAbove, double pairwiseAccept) =>
        new Dictionary<string, string>
        {
            [ReportThresholds.RejectBelowKey] = rejectBelow.ToString(CultureInfo.InvariantCulture),
            [ReportThresholds.AcceptAboveKey] = acceptAbove.ToString(CultureInfo.InvariantCulture),
            [ReportThresholds.PairwiseAcceptKey] = pairwiseAccept.ToString(CultureInfo.InvariantCulture),
        };

    /// <summary>A photo answered <paramref name="answer"/> (null: none) with the given stage and score; its best retrieval score is <paramref name="retrieval"/>.</summary>
    public static LabelledOutcome Photo(string id, string? answer, string stage, float score, float retrieval, string? truth = null, bool labelled = true, string caption = "A photo.", string detectionLabel = "dog", float? pairwise = null)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));
        var top = ConceptName.Parse(answer ?? "other");
        IReadOnlyList<Candidate> candidates = [new Candidate(top, retrieval, retrieval, 0, 0, 0)];
        IReadOnlyList<PairwiseJudgement>? judgements = pairwise is { } p ? [new PairwiseJudgement(top, p, "made up")] : null;
        var box = answer is null ? null : new BoundingBox(10, 10, 100, 80);
        var result = new RecognitionResult(Owner, hash, answer is null ? null : ConceptName.Parse(answer), score, stage, box, caption, new DecisionTrace(candidates, null, null, judgements, "made up: " + caption));
        var analysis = new ImageAnalysis(hash, 400, 300, [new Detection(new BoundingBox(5, 5, 200, 150), 16, detectionLabel, 0.9f, 0.9f)], [], []);
        return new LabelledOutcome(new RecognitionOutcome(id, result, analysis, null), truth, labelled);
    }

    public static LabelledOutcome Failure(string id, string error, string? truth = null, bool labelled = true) =>
        new(new RecognitionOutcome(id, null, null, error), truth, labelled);

    public static SummaryDocument Summary(IReadOnlyList<ConceptScores> perConcept, IReadOnlyDictionary<string, string> configuration) =>
        new(
            "synthetic",
            new RecognitionScores(0.9, 0.8, 0.85, 0.8, 0.9, 0.95, null),
            new CaptionScores(0.9, 0.9, 0.9),
            new Dictionary<string, int> { ["verification"] = 1 },
            perConcept.Sum(p => p.Queries),
            perConcept.Sum(p => p.Queries),
            0,
            perConcept.Count,
            0,
            new SpeedFigures(1, 1, 1, new Dictionary<string, double>()),
            configuration,
            perConcept,
            []);

    public static string Render(IReadOnlyList<LabelledOutcome> outcomes, SummaryDocument? summary, IReadOnlyDictionary<string, string> configuration, IReadOnlyDictionary<string, string?>? thumbs = null) =>
        ReportPage.Render("Synthetic", outcomes, thumbs ?? new Dictionary<string, string?>(), summary, configuration, DateTimeOffset.UnixEpoch);
}
