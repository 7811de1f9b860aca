using Microsoft.Extensions.Hosting;

namespace Personalization.Azure.Storage;

/// <summary>Creates the containers and queues at start-up (idempotent), not while DI resolves.</summary>
internal sealed class StorageInitializer(StorageClients storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
