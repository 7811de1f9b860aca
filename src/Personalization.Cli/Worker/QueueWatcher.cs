using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Azure.Handlers;

namespace Personalization.Cli.Worker;

/// <summary>
/// The local stand-in for a Storage Queue trigger (bulk or preference requests): receives from the handler's queue
/// and hands each message to the same <see cref="IQueuedRequestHandler"/> the Functions trigger calls, with the time
/// it was first enqueued (so a redelivered request skips what it already did). A rejected message is deleted (it is
/// already on the poison queue with its reason); an accepted one is held by a <see cref="MessageLease"/> until its
/// orchestration has finished, since this worker's durable state is in memory and dies with the process. If the
/// handler throws, the message reappears after its visibility timeout and, after <see cref="WorkerOptions.MaxAttempts"/>
/// deliveries, goes to the poison queue, as the Functions host does.
/// </summary>
internal sealed partial class QueueWatcher(
    IQueuedRequestHandler handler,
    DurableTaskClient client,
    IOptions<WorkerOptions> options,
    ILogger<QueueWatcher> logger) : BackgroundService
{
    /// <summary>Requests held at once per queue (each holds its message until its orchestration finishes).</summary>
    private const int MaxHeld = 16;
    private readonly WorkerOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var held = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                held.RemoveAll(t => t.IsCompleted);
                var room = MaxHeld - held.Count;
                var messages = room <= 0 ? [] : (await handler.Queue.ReceiveMessagesAsync(room, TimeSpan.FromSeconds(_options.LeaseSeconds), stoppingToken).ConfigureAwait(false)).Value;
                foreach (var message in messages)
                {
                    var text = message.Body.ToString();
                    try
                    {
                        var accepted = await handler.HandleAsync(text, message.InsertedOn, client, stoppingToken).ConfigureAwait(false);
                        Log.Handled(logger, message.MessageId, handler.Queue.Name, accepted.InstanceId ?? "(rejected)");
                        if (accepted.InstanceId is { } instanceId)
                        {
                            held.Add(new MessageLease(handler, client, message, instanceId, _options, logger).HoldUntilDoneAsync(stoppingToken));
                            continue;
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        Log.Failed(logger, message.MessageId, handler.Queue.Name, message.DequeueCount, e);
                        if (message.DequeueCount < _options.MaxAttempts)
                        {
                            continue;
                        }

                        await handler.RejectAsync(text, $"failed {message.DequeueCount} times: {e.Message}", stoppingToken).ConfigureAwait(false);
                    }

                    await handler.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken).ConfigureAwait(false);
                }

                if (messages.Length == 0)
                {
                    await Task.Delay(_options.PollMilliseconds, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // Stopping: each lease puts its message back (made visible) before the worker exits.
            await Task.WhenAll(held).ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Message {MessageId} from {Queue} handled: {InstanceId}")]
        public static partial void Handled(ILogger logger, string messageId, string queue, string instanceId);

        [LoggerMessage(2, LogLevel.Error, "Message {MessageId} from {Queue} failed on delivery {DequeueCount}")]
        public static partial void Failed(ILogger logger, string messageId, string queue, long dequeueCount, Exception exception);
    }
}
