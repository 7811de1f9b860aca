using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;

namespace Personalization.Azure.Handlers;

/// <summary>
/// A Storage Queue trigger's work (bulk and preference requests): validate a message and start its orchestration,
/// or put it on the poison queue with the reason. The Functions triggers and the local worker call the same handler.
/// </summary>
public interface IQueuedRequestHandler
{
    /// <summary>The queue this handler's messages arrive on.</summary>
    QueueClient Queue { get; }

    /// <summary>Starts the orchestration (or finds it already started), or rejects the message with a reason.</summary>
    Task<RequestAcceptance> HandleAsync(string messageText, DurableTaskClient client, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same for a message first enqueued at <paramref name="enqueuedAt"/>: work already done for it since then is
    /// not done again, so a message redelivered after a crash finishes the request rather than redoing it.
    /// </summary>
    Task<RequestAcceptance> HandleAsync(string messageText, DateTimeOffset? enqueuedAt, DurableTaskClient client, CancellationToken cancellationToken = default);

    /// <summary>Puts the message on the poison queue with the reason (the caller then completes the original).</summary>
    Task RejectAsync(string messageText, string reason, CancellationToken cancellationToken = default);
}

/// <summary>The started (or already running) orchestration, or why the request was rejected.</summary>
public sealed record RequestAcceptance(string? InstanceId, string? RejectedBecause)
{
    public bool Accepted => InstanceId is not null;
}
