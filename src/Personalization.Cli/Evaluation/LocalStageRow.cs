namespace Personalization.Cli.Evaluation;

/// <summary>
/// The local-feature stage at one owner size: every reference matched (exhaustive) against the product's shortlist.
/// Times are per query, in milliseconds; pairs are reference matches per query (medians).
/// </summary>
/// <param name="GlobalMedianMs">Retrieval without its local matching: index search and the fused global score of every
/// concept (the ranking the shortlist is cut from).</param>
/// <param name="Found">Queries whose true concept the exhaustive match verifies (more than LocalMinInliers inliers).</param>
/// <param name="Kept">Of those, the queries whose true concept the shortlist verifies too.</param>
/// <param name="RecallKept">Kept / Found; null when nothing was found.</param>
/// <param name="FalseLocalRate">Queries whose best exhaustive match (over LocalMinInliers inliers) is a distractor.</param>
/// <param name="DistractorInliers">The most inliers any distractor gets in the exhaustive match (median over queries):
/// what chance agreement reaches among this many references; null without distractors.</param>
/// <param name="Top1">Queries whose first candidate from the product's retrieval is the true concept.</param>
internal sealed record LocalStageRow(
    int References,
    int Queries,
    double ExhaustivePairs,
    double ShortlistPairs,
    double ExhaustiveMedianMs,
    double ExhaustiveP95Ms,
    double ShortlistMedianMs,
    double ShortlistP95Ms,
    double GlobalMedianMs,
    double GlobalP95Ms,
    int Found,
    int Kept,
    double? RecallKept,
    double FalseLocalRate,
    double? DistractorInliers,
    double Top1);
