using Azure.Core;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Personalization.Azure.Events;

namespace Personalization.Azure.Messaging;

public static class ServiceBusHostExtensions
{
    /// <summary>
    /// The Service Bus bulk-request processor and the result-event publisher, when a namespace or connection
    /// string is configured (section <c>ServiceBus</c>); otherwise nothing (the default locally).
    /// </summary>
    public static IHostApplicationBuilder AddServiceBus(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(ServiceBusOptions.SectionName);
        var configured = section.Get<ServiceBusOptions>() ?? new ServiceBusOptions();
        if (!configured.IsConfigured)
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<ServiceBusOptions>().BindConfiguration(ServiceBusOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
            return string.IsNullOrEmpty(o.ConnectionString)
                ? new ServiceBusClient(o.FullyQualifiedNamespace, sp.GetRequiredService<TokenCredential>())
                : new ServiceBusClient(o.ConnectionString);
        });
        services.AddSingleton<ServiceBusBulkRequestForwarder>();
        if (!string.IsNullOrEmpty(configured.EventsTopic))
        {
            services.AddSingleton<IResultEventPublisher>(sp => new ServiceBusResultEventPublisher(
                sp.GetRequiredService<ServiceBusClient>().CreateSender(sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value.EventsTopic)));
        }

        if (!string.IsNullOrEmpty(configured.BulkQueue))
        {
            services.AddHostedService(sp =>
            {
                var o = sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
                var processor = sp.GetRequiredService<ServiceBusClient>().CreateProcessor(
                    o.BulkQueue, new ServiceBusProcessorOptions { AutoCompleteMessages = false, MaxConcurrentCalls = o.MaxConcurrentCalls });
                return ActivatorUtilities.CreateInstance<ServiceBusBulkProcessor>(sp, processor);
            });
        }

        return builder;
    }
}
