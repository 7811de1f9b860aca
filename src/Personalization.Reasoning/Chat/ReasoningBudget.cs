using System.Globalization;

namespace Personalization.Reasoning.Chat;

/// <summary>
/// The calls, tokens and wall-clock time one run (one host: one CLI command, one Functions worker) may spend on the
/// VLM. A call is reserved before it is made; tokens are counted when the answer comes back, so the token limit
/// can be overshot by the calls already in flight. The time counts from the budget's creation (the run's first use
/// of the model); a call still in flight when it runs out is cancelled. Thread-safe; a singleton.
/// </summary>
public sealed class ReasoningBudget
{
    private readonly int _maxCalls;
    private readonly long _maxTokens;
    private readonly TimeSpan _maxRunTime;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _started;
    private int _calls;
    private long _tokens;

    public ReasoningBudget(int maxCalls, long maxTokens)
        : this(maxCalls, maxTokens, TimeSpan.Zero, TimeProvider.System)
    {
    }

    /// <param name="maxRunTime">Wall-clock time the run may use the model; zero = no limit.</param>
    public ReasoningBudget(int maxCalls, long maxTokens, TimeSpan maxRunTime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _maxCalls = maxCalls;
        _maxTokens = maxTokens;
        _maxRunTime = maxRunTime;
        _time = time;
        _started = time.GetUtcNow();
    }

    public int Calls => Volatile.Read(ref _calls);

    public long Tokens => Interlocked.Read(ref _tokens);

    /// <summary>The run's remaining wall-clock time; null when the run has no time limit.</summary>
    public TimeSpan? TimeLeft => _maxRunTime > TimeSpan.Zero ? _maxRunTime - (_time.GetUtcNow() - _started) : null;

    internal string TimeSpentMessage => string.Create(CultureInfo.InvariantCulture, $"the run's VLM time budget ({_maxRunTime.TotalSeconds:0.###} s) is spent");

    /// <exception cref="ReasoningBudgetExceededException">No calls, tokens or time are left.</exception>
    public void ReserveCall()
    {
        if (TimeLeft is { } left && left <= TimeSpan.Zero)
        {
            throw new ReasoningBudgetExceededException(TimeSpentMessage);
        }

        if (_maxTokens > 0 && Tokens >= _maxTokens)
        {
            throw new ReasoningBudgetExceededException($"the run's token budget ({_maxTokens}) is spent");
        }

        if (Interlocked.Increment(ref _calls) > _maxCalls && _maxCalls > 0)
        {
            Interlocked.Decrement(ref _calls);
            throw new ReasoningBudgetExceededException($"the run's call budget ({_maxCalls}) is spent");
        }
    }

    public void AddTokens(long tokens) => Interlocked.Add(ref _tokens, Math.Max(0, tokens));

    /// <summary>A token that also ends when the run's time does; null when the run has no time limit.</summary>
    internal CancellationTokenSource? RunDeadline(CancellationToken cancellationToken)
    {
        if (TimeLeft is not { } left)
        {
            return null;
        }

        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        return deadline;
    }
}
