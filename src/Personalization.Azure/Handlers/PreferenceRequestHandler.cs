using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Azure.Storage;
using Personalization.Azure.Workflows;

namespace Personalization.Azure.Handlers;

/// <summary>
/// What the preference queue trigger and the preference API do: validate the request, then start the preference
/// orchestration under an id derived from the owner and request id, so a request delivered twice starts nothing
/// new. An oversized or malformed message goes to the poison queue with its reason, and is not retried.
/// </summary>
public sealed partial class PreferenceRequestHandler(
    StorageClients storage,
    IOptions<PreferenceRequestOptions> options,
    ILogger<PreferenceRequestHandler> logger) : IQueuedRequestHandler
{
    private readonly PreferenceRequestOptions _options = options.Value;

    public QueueClient Queue => storage.PreferenceQueue;

    /// <summary>A preference request has one result, keyed by its request id: redoing it rewrites that, so the time is not needed.</summary>
    public Task<RequestAcceptance> HandleAsync(string messageText, DateTimeOffset? enqueuedAt, DurableTaskClient client, CancellationToken cancellationToken = default) =>
        HandleAsync(messageText, client, cancellationToken);

    public async Task<RequestAcceptance> HandleAsync(string messageText, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        ArgumentNullException.ThrowIfNull(client);
        if (!PreferenceRequestParser.TryParse(messageText, _options, out var request, out var reason))
        {
            await RejectAsync(messageText, reason, cancellationToken).ConfigureAwait(false);
            return new RequestAcceptance(null, reason);
        }

        return await StartAsync(request!, client, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a validated request (the HTTP API validates first, to answer 400 rather than poison a queue).</summary>
    public async Task<RequestAcceptance> StartAsync(PreferenceRequest request, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var instanceId = InstanceIds.Preference(request.Owner, request.RequestId);
        if (await client.StartOnceAsync(OrchestrationNames.JudgePreferences, request, instanceId, cancellationToken).ConfigureAwait(false))
        {
            Log.Started(logger, instanceId, request.Owner.Value, request.Pairs.Count);
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
        return PoisonMessages.SendAsync(storage.PreferencePoisonQueue, messageText, reason, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Started preference orchestration {InstanceId} for {Owner}: {Pairs} pair(s)")]
        public static partial void Started(ILogger logger, string instanceId, string owner, int pairs);

        [LoggerMessage(2, LogLevel.Information, "Preference request {InstanceId} was already started; ignored")]
        public static partial void Duplicate(ILogger logger, string instanceId);

        [LoggerMessage(3, LogLevel.Warning, "Preference request rejected to the poison queue: {Reason}")]
        public static partial void Rejected(ILogger logger, string reason);
    }
}
