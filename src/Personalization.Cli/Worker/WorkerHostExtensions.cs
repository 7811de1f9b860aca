using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Azure;
using Personalization.Azure.Handlers;
using Personalization.Azure.Workflows;
using Personalization.Hosting;

namespace Personalization.Cli.Worker;

public static class WorkerHostExtensions
{
    /// <summary>
    /// The local worker: the workflow the Functions app runs (<c>AddPersonalizationWorkflow</c>), the durable orchestrations and activities hosted in process
    /// (the in-memory durable task backend of Microsoft.DurableTask.InProcessTestHost, with the same registrations
    /// as the tests), and the blob and queue watchers that call the trigger handlers.
    /// </summary>
    public static IHostApplicationBuilder AddLocalWorker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPersonalizationWorkflow();
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) => host.ShutdownTimeout = TimeSpan.FromSeconds(worker.Value.ShutdownSeconds));
        builder.Services.AddInMemoryDurableTask(registry => registry.AddPersonalizationTasks(), new InMemoryDurableTaskOptions { Port = LoopbackPort.Free() });
        builder.Services.AddHostedService<BlobWatcher>();
        // One watcher per queue; registered as plain IHostedService, since AddHostedService keeps one per type.
        builder.Services.AddSingleton<IHostedService>(sp => QueueWatcherFor<BulkRequestHandler>(sp));
        builder.Services.AddSingleton<IHostedService>(sp => QueueWatcherFor<PreferenceRequestHandler>(sp));
        builder.Logging.AddFilter("Personalization", LogLevel.Information);
        return builder;
    }

    private static QueueWatcher QueueWatcherFor<THandler>(IServiceProvider services)
        where THandler : IQueuedRequestHandler =>
        ActivatorUtilities.CreateInstance<QueueWatcher>(services, services.GetRequiredService<THandler>());
}
