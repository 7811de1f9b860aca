using System.Collections.Concurrent;

namespace Personalization.Core.Diagnostics;

/// <summary>
/// Model calls, tokens, latency and fallbacks per reasoning stage (<c>fingerprint</c>, <c>reason</c>, <c>pairwise</c>,
/// <c>caption</c>, <c>answer</c>), so eval and bench can say what a run cost. The offline reasoner makes no calls
/// and records nothing. Thread-safe; one singleton per process (one CLI command).
/// </summary>
public sealed class ReasoningUsage
{
    private readonly ConcurrentDictionary<string, StageUsage> _stages = new(StringComparer.Ordinal);

    /// <summary>One model call (a retry with a repair instruction counts as another call).</summary>
    public void RecordCall(string stage, TimeSpan latency, long inputTokens, long outputTokens) =>
        _stages.AddOrUpdate(
            stage,
            _ => new StageUsage(1, inputTokens, outputTokens, latency, 0),
            (_, u) => u with { Calls = u.Calls + 1, InputTokens = u.InputTokens + inputTokens, OutputTokens = u.OutputTokens + outputTokens, Latency = u.Latency + latency });

    /// <summary>One item of the stage was answered by the offline reasoner instead.</summary>
    public void RecordFallback(string stage) =>
        _stages.AddOrUpdate(stage, _ => new StageUsage(0, 0, 0, TimeSpan.Zero, 1), (_, u) => u with { Fallbacks = u.Fallbacks + 1 });

    public IReadOnlyDictionary<string, StageUsage> Snapshot() => new SortedDictionary<string, StageUsage>(_stages, StringComparer.Ordinal);

    public void Reset() => _stages.Clear();

    /// <param name="Latency">The sum of the calls' wall times (calls may overlap).</param>
    public readonly record struct StageUsage(int Calls, long InputTokens, long OutputTokens, TimeSpan Latency, int Fallbacks)
    {
        public double MillisecondsPerCall => Calls == 0 ? 0 : Latency.TotalMilliseconds / Calls;
    }
}
