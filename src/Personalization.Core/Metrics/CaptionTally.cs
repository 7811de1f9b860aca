namespace Personalization.Core.Metrics;

/// <summary>Counts of the caption metric; add tallies to aggregate over images.</summary>
public sealed record CaptionTally(int Correct, int Miss, int None)
{
    public static CaptionTally Empty { get; } = new(0, 0, 0);

    public int GroundTruth => Correct + Miss + None;

    public double Recall => GroundTruth == 0 ? 0 : Correct / (double)GroundTruth;

    public double Precision => Correct + Miss == 0 ? 0 : Correct / (double)(Correct + Miss);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static CaptionTally operator +(CaptionTally a, CaptionTally b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Correct + b.Correct, a.Miss + b.Miss, a.None + b.None);
    }

    public static CaptionTally Add(CaptionTally a, CaptionTally b) => a + b;
}
