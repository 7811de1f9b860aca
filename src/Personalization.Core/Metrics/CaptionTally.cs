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

    /// <summary>Counts the outcomes of one or more captions.</summary>
    public static CaptionTally Of(IEnumerable<ConceptOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var (correct, miss, none) = (0, 0, 0);
        foreach (var o in outcomes)
        {
            if (o.Outcome == CaptionOutcome.Correct)
            {
                correct++;
            }
            else if (o.Outcome == CaptionOutcome.Miss)
            {
                miss++;
            }
            else
            {
                none++;
            }
        }

        return new(correct, miss, none);
    }

    public static CaptionTally Add(CaptionTally a, CaptionTally b) => a + b;
}
