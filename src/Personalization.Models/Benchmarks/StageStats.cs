namespace Personalization.Models.Benchmarks;

/// <summary>One measured stage: per-item latency (median, p95) and throughput, after warm-up.</summary>
/// <param name="Batch">Items per model call (1 where the model takes one at a time).</param>
/// <param name="Unit">What an item is: image, region, query.</param>
public sealed record StageStats(string Stage, int Batch, string Unit, int Items, double MedianMs, double P95Ms, double PerSecond)
{
    /// <summary>Summarises per-call durations, each covering <paramref name="itemsPerCall"/> items.</summary>
    public static StageStats From(string stage, int batch, string unit, IReadOnlyList<TimeSpan> calls, int itemsPerCall)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.Count == 0)
        {
            return new StageStats(stage, batch, unit, 0, 0, 0, 0);
        }

        var perItem = calls.Select(c => c.TotalMilliseconds / itemsPerCall).Order().ToArray();
        var total = calls.Sum(c => c.TotalSeconds);
        return new StageStats(
            stage, batch, unit, calls.Count * itemsPerCall,
            Math.Round(Percentile(perItem, 0.5), 2),
            Math.Round(Percentile(perItem, 0.95), 2),
            Math.Round(calls.Count * itemsPerCall / Math.Max(1e-9, total), 1));
    }

    /// <summary>The median of <paramref name="values"/> (0 for none), as the stages' medians are taken.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : Percentile(sorted, 0.5);
    }

    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(sorted.Length - 1, lower + 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }
}
