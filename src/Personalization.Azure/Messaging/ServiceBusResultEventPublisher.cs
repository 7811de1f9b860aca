using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Personalization.Azure.Events;
using Personalization.Azure.Storage;
using Personalization.Azure.Workflows;

namespace Personalization.Azure.Messaging;

/// <summary>
/// Publishes each result event to the topic. The message id is the result blob plus the type, so the topic's
/// duplicate detection drops a retried activity's second publish. Thread-safe (the sender is).
/// </summary>
public sealed class ServiceBusResultEventPublisher(ServiceBusSender sender) : IResultEventPublisher
{
    public async Task PublishAsync(ResultEvent resultEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultEvent);
        var message = new ServiceBusMessage(JsonSerializer.SerializeToUtf8Bytes(resultEvent, StorageJson.Messages))
        {
            ContentType = "application/json",
            Subject = resultEvent.Type,
            MessageId = $"{resultEvent.Type}:{resultEvent.ResultBlob}",
            ApplicationProperties = { ["owner"] = resultEvent.Owner.Value },
        };
        await sender.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
