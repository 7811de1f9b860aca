using System.Collections.Concurrent;
using System.Globalization;

namespace Personalization.Reasoning.Chat;

/// <summary>
/// The wall-clock time the model may spend on one image (<see cref="ReasoningOptions.MaxSecondsPerImage"/>), counted
/// from the image's first model call and shared by all its stages (reasoning, the pairwise comparisons, the caption),
/// in this process. Images are told apart by content hash, so the durable orchestration's activities share it too.
/// Thread-safe; a singleton.
/// </summary>
internal sealed class ImageTimeBudget(ReasoningOptions options, TimeProvider time)
{
    private const int PruneAbove = 4096;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _started = new(StringComparer.Ordinal);
    private readonly TimeSpan _perImage = TimeSpan.FromSeconds(options.MaxSecondsPerImage);

    /// <summary>
    /// A scope for one stage of <paramref name="image"/> (a content hash; null: not about one image, no limit) whose
    /// token also ends when the image's time does.
    /// </summary>
    /// <exception cref="ReasoningBudgetExceededException">The image's time is already spent.</exception>
    public Scope Enter(string? image, CancellationToken cancellationToken)
    {
        if (image is null || _perImage <= TimeSpan.Zero)
        {
            return new Scope(null, cancellationToken, string.Empty);
        }

        var now = time.GetUtcNow();
        Prune(now);
        var left = _started.GetOrAdd(image, now) + _perImage - now;
        var spent = string.Create(CultureInfo.InvariantCulture, $"the image's VLM time budget ({_perImage.TotalSeconds:0.###} s) is spent");
        if (left <= TimeSpan.Zero)
        {
            throw new ReasoningBudgetExceededException(spent);
        }

        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(left);
        return new Scope(deadline, deadline.Token, spent);
    }

    /// <summary>Forgets images whose time ran out long ago (a long-running worker sees many).</summary>
    private void Prune(DateTimeOffset now)
    {
        if (_started.Count <= PruneAbove)
        {
            return;
        }

        foreach (var (key, started) in _started)
        {
            if (now - started > _perImage * 2)
            {
                _started.TryRemove(key, out _);
            }
        }
    }

    /// <summary>One stage's share of an image's time: its token, and whether the time ran out.</summary>
    public sealed class Scope(CancellationTokenSource? deadline, CancellationToken token, string spentMessage) : IDisposable
    {
        public CancellationToken Token { get; } = token;

        public bool Expired => deadline?.IsCancellationRequested == true;

        public string SpentMessage { get; } = spentMessage;

        public void Dispose() => deadline?.Dispose();
    }
}
