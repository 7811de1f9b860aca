namespace Personalization.Core.Recognition;

/// <summary>The thresholds one chain run decides with; part of its input so a replay decides the same way.</summary>
/// <param name="AlsoPresentAbove">A second concept found in another region is named too at this retrieval score or above.</param>
/// <param name="AlsoPresentInliers">…or, wherever it is, when local features put it there with at least this many inliers.</param>
public sealed record ChainThresholds(int TopK, int HitsPerRegion, float TextWeight, float RejectBelow, float AcceptAbove, float PairwiseAccept, float AlsoPresentAbove = 0.66f, int AlsoPresentInliers = 12)
{
    public static ChainThresholds From(RecognitionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.TopK, options.HitsPerRegion, (float)options.TextWeight, (float)options.RejectBelow, (float)options.AcceptAbove, (float)options.PairwiseAccept, (float)options.AlsoPresentAbove, options.AlsoPresentInliers);
    }
}
