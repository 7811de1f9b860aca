using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Personalization.Azure.Handlers;

namespace Personalization.Functions;

/// <summary>The queue triggers: a bad message goes to the poison queue with a reason inside the handler, not by retries.</summary>
public sealed class QueueTriggers(BulkRequestHandler bulk, PreferenceRequestHandler preferences)
{
    [Function(nameof(BulkRequest))]
    public Task BulkRequest([QueueTrigger("bulk-requests", Connection = "AzureWebJobsStorage")] string message, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        bulk.HandleAsync(message, client, cancellationToken);

    [Function(nameof(PreferenceRequest))]
    public Task PreferenceRequest([QueueTrigger("preference-requests", Connection = "AzureWebJobsStorage")] string message, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        preferences.HandleAsync(message, client, cancellationToken);
}
