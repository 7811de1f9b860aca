namespace Personalization.Reasoning.Tests.Chat;

/// <summary>A wall clock a test moves by hand; timers and delays still run on real time.</summary>
internal sealed class SettableClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
