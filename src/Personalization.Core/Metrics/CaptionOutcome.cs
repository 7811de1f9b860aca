namespace Personalization.Core.Metrics;

/// <summary>What RePIC's caption metric makes of one ground-truth concept of a caption (docs/method.md §3).</summary>
public enum CaptionOutcome
{
    /// <summary>Neither the concept nor any pool concept outside the row's ground truth is named.</summary>
    None = 0,

    /// <summary>The concept is not named, but a pool concept outside the row's ground truth is.</summary>
    Miss = 1,

    /// <summary>The concept is named.</summary>
    Correct = 2,
}
