using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Personalization.Azure.Handlers;

namespace Personalization.Cli.Worker;

/// <summary>
/// Holds a request message while its orchestration runs, and completes it only once the orchestration has finished:
/// the local worker's durable backend is in memory, so "started" is not durable, and a message deleted at start would
/// be lost with a crash (no result, no summary, nothing in the poison queue). Until then the message stays invisible,
/// its visibility renewed every third of <see cref="WorkerOptions.LeaseSeconds"/>; if the worker dies it reappears
/// and is handled again (the handlers make that idempotent). On a stop (SIGINT/SIGTERM) it is made visible at once.
/// A failed orchestration leaves it for redelivery, and after <see cref="WorkerOptions.MaxAttempts"/> deliveries it
/// goes to the poison queue with the failure.
/// </summary>
internal sealed partial class MessageLease(
    IQueuedRequestHandler handler,
    DurableTaskClient client,
    QueueMessage message,
    string instanceId,
    WorkerOptions options,
    ILogger logger)
{
    private static readonly TimeSpan AbandonTimeout = TimeSpan.FromSeconds(3);
    private string _popReceipt = message.PopReceipt;

    private QueueClient Queue => handler.Queue;

    public async Task HoldUntilDoneAsync(CancellationToken stoppingToken)
    {
        var lease = TimeSpan.FromSeconds(options.LeaseSeconds);
        try
        {
            while (true)
            {
                if (await WaitForEndAsync(lease / 3, stoppingToken).ConfigureAwait(false) is { } end)
                {
                    await CompleteAsync(end, stoppingToken).ConfigureAwait(false);
                    return;
                }

                var renewed = await Queue.UpdateMessageAsync(message.MessageId, _popReceipt, visibilityTimeout: lease, cancellationToken: stoppingToken).ConfigureAwait(false);
                _popReceipt = renewed.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await AbandonAsync().ConfigureAwait(false);
        }
        catch (global::Azure.RequestFailedException e) when (e.Status is 400 or 404)
        {
            // The receipt no longer matches: the lease lapsed (a renewal came late) and the message was received again,
            // by this worker or another; that delivery holds it now.
            Log.Superseded(logger, message.MessageId, Queue.Name, instanceId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease or the durable backend failed (storage unreachable, the backend stopping first): put the
            // message back now rather than after its timeout; it is handled again, idempotently.
            Log.LeaseFailed(logger, message.MessageId, Queue.Name, instanceId, e.Message);
            await AbandonAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The instance's terminal state, or null if it is still running after <paramref name="wait"/>.</summary>
    private async Task<OrchestrationMetadata?> WaitForEndAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var slice = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        slice.CancelAfter(wait);
        try
        {
            return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, slice.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"orchestration {instanceId} is not known to the durable backend");
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task CompleteAsync(OrchestrationMetadata end, CancellationToken cancellationToken)
    {
        if (end.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
        {
            await Queue.DeleteMessageAsync(message.MessageId, _popReceipt, cancellationToken).ConfigureAwait(false);
            Log.Completed(logger, message.MessageId, Queue.Name, instanceId);
            return;
        }

        var why = $"orchestration {instanceId} ended {end.RuntimeStatus}: {end.FailureDetails?.ErrorMessage ?? "no details"}";
        if (message.DequeueCount >= options.MaxAttempts)
        {
            await handler.RejectAsync(message.Body.ToString(), $"failed {message.DequeueCount} times: {why}", cancellationToken).ConfigureAwait(false);
            await Queue.DeleteMessageAsync(message.MessageId, _popReceipt, cancellationToken).ConfigureAwait(false);
            return;
        }

        Log.Failed(logger, message.MessageId, Queue.Name, message.DequeueCount, why);
        await Queue.UpdateMessageAsync(message.MessageId, _popReceipt, visibilityTimeout: TimeSpan.FromSeconds(options.LeaseSeconds), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stopping: the message is made visible again at once, so the next worker picks the request up.</summary>
    private async Task AbandonAsync()
    {
        using var timeout = new CancellationTokenSource(AbandonTimeout);
        try
        {
            await Queue.UpdateMessageAsync(message.MessageId, _popReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: timeout.Token).ConfigureAwait(false);
            Log.Abandoned(logger, message.MessageId, Queue.Name, instanceId);
        }
        catch (Exception e) when (e is global::Azure.RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            // It reappears after its visibility timeout instead.
            Log.AbandonFailed(logger, message.MessageId, Queue.Name, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(6, LogLevel.Information, "Message {MessageId} from {Queue} for {InstanceId} was received again after its lease lapsed; the newer delivery holds it")]
        public static partial void Superseded(ILogger logger, string messageId, string queue, string instanceId);

        [LoggerMessage(5, LogLevel.Warning, "Putting message {MessageId} back on {Queue} failed ({Reason}); it reappears after its visibility timeout")]
        public static partial void AbandonFailed(ILogger logger, string messageId, string queue, string reason);

        [LoggerMessage(1, LogLevel.Information, "Message {MessageId} from {Queue} completed: {InstanceId} finished")]
        public static partial void Completed(ILogger logger, string messageId, string queue, string instanceId);

        [LoggerMessage(2, LogLevel.Information, "Message {MessageId} from {Queue} put back for the next worker: {InstanceId} did not finish before the stop")]
        public static partial void Abandoned(ILogger logger, string messageId, string queue, string instanceId);

        [LoggerMessage(3, LogLevel.Warning, "Message {MessageId} from {Queue} failed on delivery {DequeueCount}, to be retried: {Reason}")]
        public static partial void Failed(ILogger logger, string messageId, string queue, long dequeueCount, string reason);

        [LoggerMessage(4, LogLevel.Warning, "Holding message {MessageId} from {Queue} for {InstanceId} failed ({Reason}); it is put back to be handled again")]
        public static partial void LeaseFailed(ILogger logger, string messageId, string queue, string instanceId, string reason);
    }
}
