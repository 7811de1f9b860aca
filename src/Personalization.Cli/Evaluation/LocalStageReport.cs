namespace Personalization.Cli.Evaluation;

/// <summary>What <c>bench --local</c> measured, one row per owner size.</summary>
internal sealed record LocalStageReport(
    int Cores,
    string Os,
    int Subjects,
    int Queries,
    int DistractorSources,
    int Shortlist,
    int MinInliers,
    double BuildSeconds,
    IReadOnlyList<LocalStageRow> Rows);
