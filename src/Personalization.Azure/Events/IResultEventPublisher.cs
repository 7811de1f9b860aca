using Personalization.Azure.Workflows;

namespace Personalization.Azure.Events;

/// <summary>
/// Emits one event per finished result (<c>recognition.completed</c>, <c>preference.completed</c>). Thread-safe.
/// At-least-once: an activity retried after a publish may publish again, so consumers dedupe on the result blob.
/// </summary>
public interface IResultEventPublisher
{
    Task PublishAsync(ResultEvent resultEvent, CancellationToken cancellationToken = default);
}
