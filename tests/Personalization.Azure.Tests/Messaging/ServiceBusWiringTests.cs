using Azure.Core;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Personalization.Azure.Events;
using Personalization.Azure.Handlers;
using Personalization.Azure.Messaging;
using Personalization.Azure.Storage;
using Personalization.Azure.Workflows;
using Personalization.Core.Domain;

namespace Personalization.Azure.Tests.Messaging;

/// <summary>
/// The result-event publisher and the Service Bus wiring. No broker runs here (Service Bus speaks AMQP; there is no
/// local emulator without containers), so the publisher is given the SDK's own test seam, a <see cref="ServiceBusSender"/>
/// subclass that records what would go on the wire, and the wiring is checked on a client that never connects.
/// </summary>
public sealed class ServiceBusWiringTests
{
    [Fact]
    public async Task PublishAsync_ResultEvent_SendsJsonWithTypeOwnerAndADuplicateDetectionId()
    {
        var sender = new RecordingSender();
        var publisher = new ServiceBusResultEventPublisher(sender);
        var resultEvent = new ResultEvent("recognition.completed", OwnerId.Parse("alice"), "trip/1.jpg", "alice/trip/1.jpg.json", "bo", 0.71f, "verification");

        await publisher.PublishAsync(resultEvent);
        await publisher.PublishAsync(resultEvent);

        Assert.Equal(2, sender.Sent.Count);
        var message = sender.Sent[0];
        Assert.Equal(("application/json", "recognition.completed", "recognition.completed:alice/trip/1.jpg.json"), (message.ContentType, message.Subject, message.MessageId));
        Assert.Equal(message.MessageId, sender.Sent[1].MessageId); // a retried publish is dropped by the topic's duplicate detection
        Assert.Equal("alice", message.ApplicationProperties["owner"]);
        var body = System.Text.Json.JsonDocument.Parse(message.Body.ToString()).RootElement;
        Assert.Equal(("alice", "bo", "alice/trip/1.jpg.json"), (body.GetProperty("owner").GetString(), body.GetProperty("concept").GetString(), body.GetProperty("result_blob").GetString()));
    }

    [Fact]
    public void AddServiceBus_NotConfigured_AddsNothing()
    {
        using var host = Build([]);

        Assert.Null(host.Services.GetService<ServiceBusClient>());
        Assert.Null(host.Services.GetService<IResultEventPublisher>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s is ServiceBusBulkProcessor);
    }

    [Fact]
    public void AddServiceBus_ConnectionString_AddsThePublisherAndTheBulkProcessor()
    {
        using var host = Build(new()
        {
            ["ServiceBus:ConnectionString"] = "Endpoint=sb://localhost/;SharedAccessKeyName=test;SharedAccessKey=dGVzdA==",
        });

        Assert.IsType<ServiceBusResultEventPublisher>(host.Services.GetRequiredService<IResultEventPublisher>());
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is ServiceBusBulkProcessor);
    }

    [Fact]
    public void AddServiceBus_EmptyTopicAndQueue_PublishesNothingAndReceivesNothing()
    {
        using var host = Build(new()
        {
            ["ServiceBus:FullyQualifiedNamespace"] = "personalize.servicebus.windows.net",
            ["ServiceBus:EventsTopic"] = "",
            ["ServiceBus:BulkQueue"] = "",
        });

        Assert.NotNull(host.Services.GetService<ServiceBusClient>());
        Assert.Null(host.Services.GetService<IResultEventPublisher>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s is ServiceBusBulkProcessor);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TokenCredential>(new NoCredential());
        builder.Services.AddLogging();
        builder.Services.AddOptions<BulkOptions>();
        builder.Services.AddSingleton(new StorageClients(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }, new NoCredential()));
        builder.AddServiceBus();
        return builder.Build();
    }

    /// <summary>The SDK's mocking seam: the protected constructor, and the virtual send.</summary>
    private sealed class RecordingSender : ServiceBusSender
    {
        public List<ServiceBusMessage> Sent { get; } = [];

        public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
