using Azure.Core;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Personalization.Azure.Handlers;
using Personalization.Azure.Messaging;
using Personalization.Azure.Storage;
using Personalization.TestSupport;

namespace Personalization.Azure.Tests.Messaging;

/// <summary>
/// The Service Bus side of bulk requests: messages built with <see cref="ServiceBusModelFactory"/> (no broker runs
/// here), the Storage Queue they are forwarded to on Azurite.
/// </summary>
public sealed class ServiceBusBulkRequestForwarderTests
{
    [AzuriteFact]
    public async Task HandleAsync_ValidRequest_IsForwardedToTheStorageQueueAndCompleted()
    {
        await using var azurite = await Azurite.StartAsync();
        var (forwarder, storage) = await CreateAsync(azurite);
        var actions = new RecordingActions();
        const string body = "{\"owner\": \"alice\", \"prefix\": \"trip/\"}";

        var forwarded = await forwarder.HandleAsync(Message(body), actions);

        Assert.True(forwarded);
        Assert.Equal(["complete"], actions.Calls);
        var received = await storage.BulkQueue.ReceiveMessageAsync();
        Assert.Equal(body, received.Value.Body.ToString());
    }

    [AzuriteFact]
    public async Task HandleAsync_MalformedRequest_IsDeadLetteredWithTheReasonAndNotForwarded()
    {
        await using var azurite = await Azurite.StartAsync();
        var (forwarder, storage) = await CreateAsync(azurite);
        var actions = new RecordingActions();

        var forwarded = await forwarder.HandleAsync(Message("{\"owner\": \"../x\", \"prefix\": \"trip/\"}"), actions);

        Assert.False(forwarded);
        var call = Assert.Single(actions.Calls);
        Assert.StartsWith("dead-letter: ", call, StringComparison.Ordinal);
        Assert.Contains("owner", call, StringComparison.Ordinal);
        Assert.Null((await storage.BulkQueue.ReceiveMessageAsync()).Value);
    }

    private static async Task<(ServiceBusBulkRequestForwarder Forwarder, StorageClients Storage)> CreateAsync(Azurite azurite)
    {
        var storage = new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString, BulkQueue = "bulk-" + Guid.NewGuid().ToString("N")[..8] }, new NoCredential());
        await storage.BulkQueue.CreateIfNotExistsAsync();
        return (new ServiceBusBulkRequestForwarder(storage, Options.Create(new BulkOptions()), NullLogger<ServiceBusBulkRequestForwarder>.Instance), storage);
    }

    private static ServiceBusReceivedMessage Message(string body) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString(body), messageId: Guid.NewGuid().ToString("N"));

    private sealed class RecordingActions : ServiceBusMessageActions
    {
        public List<string> Calls { get; } = [];

        public override Task CompleteAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
        {
            Calls.Add("complete");
            return Task.CompletedTask;
        }

        public override Task DeadLetterAsync(ServiceBusReceivedMessage message, string reason, CancellationToken cancellationToken)
        {
            Calls.Add("dead-letter: " + reason);
            return Task.CompletedTask;
        }
    }
}
