using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Azure.Handlers;
using Personalization.Azure.Storage;

namespace Personalization.Azure.Messaging;

/// <summary>
/// Accepts bulk requests from the Service Bus queue: a valid one is handed to the Storage Queue that the
/// bulk trigger reads (so one handler, one orchestration starter); a malformed or oversized one is dead-lettered
/// with the reason instead of being retried. Thread-safe.
/// </summary>
public sealed partial class ServiceBusBulkRequestForwarder(StorageClients storage, IOptions<BulkOptions> options, ILogger<ServiceBusBulkRequestForwarder> logger)
{
    private readonly BulkOptions _options = options.Value;

    /// <returns>True if forwarded, false if dead-lettered.</returns>
    public async Task<bool> HandleAsync(ServiceBusReceivedMessage message, ServiceBusMessageActions actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(actions);
        var text = message.Body.ToString();
        if (!BulkRequestParser.TryParse(text, _options, out _, out var reason))
        {
            Log.DeadLettered(logger, message.MessageId, reason);
            await actions.DeadLetterAsync(message, reason.Length > 4096 ? reason[..4096] : reason, cancellationToken).ConfigureAwait(false);
            return false;
        }

        await storage.BulkQueue.SendMessageAsync(text, cancellationToken).ConfigureAwait(false);
        await actions.CompleteAsync(message, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Bulk request {MessageId} dead-lettered: {Reason}")]
        public static partial void DeadLettered(ILogger logger, string messageId, string reason);
    }
}

/// <summary>Settles a received message; the processor's event args in production, a recorder in tests.</summary>
public abstract class ServiceBusMessageActions
{
    public abstract Task CompleteAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken);

    public abstract Task DeadLetterAsync(ServiceBusReceivedMessage message, string reason, CancellationToken cancellationToken);
}
