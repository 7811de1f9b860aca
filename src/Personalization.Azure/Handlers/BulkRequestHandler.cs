using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Azure.Storage;
using Personalization.Azure.Workflows;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Handlers;

/// <summary>
/// What the bulk queue trigger does (Functions and the local worker alike): validate the message, then start the
/// bulk orchestration under an id derived from the message, so a message delivered twice starts nothing new. Given
/// the message's first enqueue time, a request redone after a crash (a new durable backend, the message delivered
/// again) skips the images it already answered and writes the same summary blob.
/// An oversized or malformed message goes to the poison queue with its reason, and is not retried.
/// </summary>
public sealed partial class BulkRequestHandler(
    StorageClients storage,
    IOptions<BulkOptions> bulkOptions,
    IOptions<RecognitionOptions> recognitionOptions,
    ILogger<BulkRequestHandler> logger) : IQueuedRequestHandler
{
    private readonly BulkOptions _bulk = bulkOptions.Value;
    private readonly RecognitionOptions _recognition = recognitionOptions.Value;

    public QueueClient Queue => storage.BulkQueue;

    public Task<RequestAcceptance> HandleAsync(string messageText, DurableTaskClient client, CancellationToken cancellationToken = default) =>
        HandleAsync(messageText, null, client, cancellationToken);

    public async Task<RequestAcceptance> HandleAsync(string messageText, DateTimeOffset? enqueuedAt, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        ArgumentNullException.ThrowIfNull(client);
        if (!BulkRequestParser.TryParse(messageText, _bulk, out var parsed, out var reason))
        {
            await RejectAsync(messageText, reason, cancellationToken).ConfigureAwait(false);
            return new RequestAcceptance(null, reason);
        }

        var instanceId = InstanceIds.Bulk(parsed!.Owner, messageText);
        var request = new BulkRequest(parsed.Owner, parsed.Prefix, parsed.Blobs, _bulk.BatchSize, ChainThresholds.From(_recognition), enqueuedAt);
        if (await client.StartOnceAsync(OrchestrationNames.BulkRecognize, request, instanceId, cancellationToken).ConfigureAwait(false))
        {
            Log.Started(logger, instanceId, parsed.Owner.Value);
        }
        else
        {
            Log.Duplicate(logger, instanceId);
        }

        return new RequestAcceptance(instanceId, null);
    }

    public Task RejectAsync(string messageText, string reason, CancellationToken cancellationToken = default)
    {
        Log.Rejected(logger, reason);
        return PoisonMessages.SendAsync(storage.PoisonQueue, messageText, reason, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Started bulk orchestration {InstanceId} for {Owner}")]
        public static partial void Started(ILogger logger, string instanceId, string owner);

        [LoggerMessage(2, LogLevel.Information, "Bulk request {InstanceId} was already started; ignored")]
        public static partial void Duplicate(ILogger logger, string instanceId);

        [LoggerMessage(3, LogLevel.Warning, "Bulk request rejected to the poison queue: {Reason}")]
        public static partial void Rejected(ILogger logger, string reason);
    }
}
