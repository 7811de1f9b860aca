namespace Personalization.Core.Diagnostics;

/// <summary>
/// Collects the offline fallbacks (<see cref="ReasoningUsage.RecordFallback"/>) of one piece of work, so its result
/// can say which stage was answered offline and why: <see cref="Begin"/> before calling the reasoner, read
/// <see cref="Reasons"/> after. Flows with the async call (an <see cref="AsyncLocal{T}"/>), so concurrent items do
/// not see each other's fallbacks. Thread-safe.
/// </summary>
public sealed class FallbackCapture : IDisposable
{
    private static readonly AsyncLocal<FallbackCapture?> CurrentCapture = new();
    private readonly FallbackCapture? _outer;
    private readonly List<(string Stage, string Reason)> _reasons = [];

    private FallbackCapture(FallbackCapture? outer)
    {
        _outer = outer;
    }

    /// <summary>The fallbacks recorded since <see cref="Begin"/>, in order: the stage and why.</summary>
    public IReadOnlyList<(string Stage, string Reason)> Reasons
    {
        get
        {
            lock (_reasons)
            {
                return [.. _reasons];
            }
        }
    }

    public static FallbackCapture Begin() => CurrentCapture.Value = new FallbackCapture(CurrentCapture.Value);

    /// <summary>Called by <see cref="ReasoningUsage.RecordFallback"/>: adds to the capture of the calling flow, if any.</summary>
    internal static void Record(string stage, string? reason)
    {
        if (CurrentCapture.Value is { } capture)
        {
            lock (capture._reasons)
            {
                capture._reasons.Add((stage, reason ?? "no reason given"));
            }
        }
    }

    public void Dispose() => CurrentCapture.Value = _outer;
}
