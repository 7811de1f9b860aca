using System.ComponentModel.DataAnnotations;

namespace Personalization.Core.Recognition;

/// <summary>
/// Thresholds of the recognition chain (configuration section <c>Recognition</c>). The defaults were chosen on
/// DreamBooth with the offline encoders (MobileNetV2 + MiniLM label bridge); docs/thresholds.md says how.
/// A CLIP or VLM configuration needs its own values: scores of different encoders are not comparable.
/// </summary>
public sealed class RecognitionOptions
{
    public const string SectionName = "Recognition";

    /// <summary>How many candidates retrieval keeps (k).</summary>
    [Range(1, 20)]
    public int TopK { get; set; } = 3;

    /// <summary>How many hits each query region asks the index for before merging.</summary>
    [Range(1, 100)]
    public int HitsPerRegion { get; set; } = 10;

    /// <summary>Below this fused retrieval score the answer is "none of my concepts" at once.</summary>
    [Range(-1.0, 1.0)]
    public double RejectBelow { get; set; } = 0.30;

    /// <summary>When reasoning and verification agree, the winner still needs this pairwise-free confidence.</summary>
    [Range(-1.0, 1.0)]
    public double AcceptAbove { get; set; } = 0.45;

    /// <summary>The pairwise fallback's winner needs at least this probability.</summary>
    [Range(0.0, 1.0)]
    public double PairwiseAccept { get; set; } = 0.5;

    /// <summary>An attribute counts as visible in the query at this score or above.</summary>
    [Range(-1.0, 1.0)]
    public double AttributeVisible { get; set; } = 0.5;

    /// <summary>Weight of the attribute score against the retrieval score when the offline reasoner chooses.</summary>
    [Range(0.0, 1.0)]
    public double AttributeWeight { get; set; } = 0.15;

    /// <summary>Offline pairwise calibration: p = 1 / (1 + exp(-Slope · (similarity − Midpoint))).</summary>
    public double PairwiseSlope { get; set; } = 20;

    public double PairwiseMidpoint { get; set; } = 0.45;
}
