namespace Personalization.Reasoning.Chat;

/// <summary>
/// The calls and tokens one run (one host: one CLI command, one Functions worker) may spend on the VLM.
/// A call is reserved before it is made; tokens are counted when the answer comes back, so the token limit
/// can be overshot by the calls already in flight. Thread-safe; a singleton.
/// </summary>
public sealed class ReasoningBudget(int maxCalls, long maxTokens)
{
    private int _calls;
    private long _tokens;

    public int Calls => Volatile.Read(ref _calls);

    public long Tokens => Interlocked.Read(ref _tokens);

    /// <exception cref="ReasoningBudgetExceededException">No calls or tokens are left.</exception>
    public void ReserveCall()
    {
        if (maxTokens > 0 && Tokens >= maxTokens)
        {
            throw new ReasoningBudgetExceededException($"the run's token budget ({maxTokens}) is spent");
        }

        if (Interlocked.Increment(ref _calls) > maxCalls && maxCalls > 0)
        {
            Interlocked.Decrement(ref _calls);
            throw new ReasoningBudgetExceededException($"the run's call budget ({maxCalls}) is spent");
        }
    }

    public void AddTokens(long tokens) => Interlocked.Add(ref _tokens, Math.Max(0, tokens));
}
