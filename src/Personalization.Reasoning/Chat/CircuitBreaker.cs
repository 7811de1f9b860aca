namespace Personalization.Reasoning.Chat;

/// <summary>
/// Counts model calls that failed in a row. At <c>threshold</c> it opens: no call is let through for
/// <c>breakFor</c>; then one trial call is (half-open): success closes it, failure opens it again. A threshold of 0
/// never opens. Thread-safe.
/// </summary>
internal sealed class CircuitBreaker(int threshold, TimeSpan breakFor, TimeProvider time)
{
    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;
    private bool _trialInFlight;

    /// <summary>What the breaker did on a failure.</summary>
    public enum Transition
    {
        None,

        /// <summary>It opened after <c>threshold</c> failures in a row (say so).</summary>
        Opened,

        /// <summary>The trial call after a break failed too: open again (already said).</summary>
        Reopened,
    }

    public int Threshold => threshold;

    public TimeSpan BreakFor => breakFor;

    /// <summary>True when a call may go to the model; otherwise how long the breaker stays open.</summary>
    public bool TryEnter(out TimeSpan openFor)
    {
        openFor = TimeSpan.Zero;
        if (threshold == 0)
        {
            return true;
        }

        lock (_gate)
        {
            if (_failures < threshold)
            {
                return true;
            }

            var now = time.GetUtcNow();
            if (now < _openUntil || _trialInFlight)
            {
                openFor = _openUntil > now ? _openUntil - now : TimeSpan.Zero;
                return false;
            }

            _trialInFlight = true; // half-open: this call tries the model, the others still wait
            return true;
        }
    }

    /// <summary>The model answered: the count starts again. True when this closed an open breaker.</summary>
    public bool RecordSuccess()
    {
        lock (_gate)
        {
            var wasOpen = threshold > 0 && _failures >= threshold;
            _failures = 0;
            _trialInFlight = false;
            return wasOpen;
        }
    }

    public Transition RecordFailure()
    {
        if (threshold == 0)
        {
            return Transition.None;
        }

        lock (_gate)
        {
            var wasOpen = _failures >= threshold;
            _failures++;
            _trialInFlight = false;
            if (_failures < threshold)
            {
                return Transition.None;
            }

            _openUntil = time.GetUtcNow() + breakFor;
            return wasOpen ? Transition.Reopened : Transition.Opened;
        }
    }

    /// <summary>A call ended without a verdict on the model (the caller cancelled it): let the next one try.</summary>
    public void RecordAbandoned()
    {
        lock (_gate)
        {
            _trialInFlight = false;
        }
    }
}
