using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Personalization.Azure.Messaging;

/// <summary>
/// A hosted <see cref="ServiceBusProcessor"/> over the bulk queue (no Service Bus trigger extension is used):
/// manual settlement through <see cref="ServiceBusBulkRequestForwarder"/>; an exception abandons the message so
/// Service Bus redelivers it and dead-letters it after its max delivery count.
/// </summary>
public sealed partial class ServiceBusBulkProcessor(ServiceBusProcessor processor, ServiceBusBulkRequestForwarder forwarder, ILogger<ServiceBusBulkProcessor> logger) : IHostedService, IAsyncDisposable
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        processor.ProcessMessageAsync += args => forwarder.HandleAsync(args.Message, new ArgsActions(args), args.CancellationToken);
        processor.ProcessErrorAsync += args =>
        {
            Log.Error(logger, args.ErrorSource.ToString(), args.Exception);
            return Task.CompletedTask;
        };
        await processor.StartProcessingAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => processor.StopProcessingAsync(cancellationToken);

    public ValueTask DisposeAsync() => processor.DisposeAsync();

    private sealed class ArgsActions(ProcessMessageEventArgs args) : ServiceBusMessageActions
    {
        public override Task CompleteAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken) => args.CompleteMessageAsync(message, cancellationToken);

        public override Task DeadLetterAsync(ServiceBusReceivedMessage message, string reason, CancellationToken cancellationToken) =>
            args.DeadLetterMessageAsync(message, "rejected", reason, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Service Bus processor error ({Source})")]
        public static partial void Error(ILogger logger, string source, Exception exception);
    }
}
