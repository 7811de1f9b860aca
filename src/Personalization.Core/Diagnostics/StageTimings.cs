using System.Collections.Concurrent;
using System.Diagnostics;

namespace Personalization.Core.Diagnostics;

/// <summary>
/// Accumulates wall time and item counts per pipeline stage (decode, detect, embed, chain, …) so runs can
/// report where the time went, and, with <see cref="PipelineMetrics"/>, exports each measured stage as a span (activity
/// source <see cref="PipelineMetrics.Name"/>) and a latency histogram. Thread-safe; one singleton per process.
/// </summary>
public sealed class StageTimings(PipelineMetrics? metrics = null)
{
    private readonly ConcurrentDictionary<string, StageTotal> _totals = new(StringComparer.Ordinal);

    public void Record(string stage, TimeSpan elapsed, int items = 1)
    {
        metrics?.StageTook(stage, elapsed);
        _totals.AddOrUpdate(stage, _ => new StageTotal(elapsed, items), (_, t) => new StageTotal(t.Elapsed + elapsed, t.Items + items));
    }

    /// <summary>Times a block: <c>using (timings.Measure("detect")) { … }</c>.</summary>
    public Scope Measure(string stage, int items = 1) => new(this, stage, items);

    public IReadOnlyDictionary<string, StageTotal> Snapshot() => new Dictionary<string, StageTotal>(_totals, StringComparer.Ordinal);

    public void Reset() => _totals.Clear();

    public readonly record struct StageTotal(TimeSpan Elapsed, int Items)
    {
        public double MillisecondsPerItem => Items == 0 ? 0 : Elapsed.TotalMilliseconds / Items;
    }

    public readonly struct Scope(StageTimings owner, string stage, int items) : IDisposable
    {
        private readonly Activity? _span = PipelineMetrics.Source.StartActivity(stage);
        private readonly long _start = Stopwatch.GetTimestamp();

        public void Dispose()
        {
            owner.Record(stage, Stopwatch.GetElapsedTime(_start), items);
            _span?.SetTag("items", items);
            _span?.Dispose();
        }
    }
}
