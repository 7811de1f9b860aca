using Personalization.Azure.Workflows;

namespace Personalization.Azure.Events;

/// <summary>The default when no Service Bus topic is configured: events go nowhere (results are still in blobs).</summary>
internal sealed class NullResultEventPublisher : IResultEventPublisher
{
    public Task PublishAsync(ResultEvent resultEvent, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
