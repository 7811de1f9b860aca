using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Personalization.Azure.Storage;

/// <summary>
/// The storage clients, made once from <see cref="StorageOptions"/>: a connection string when one is set
/// (local development), else the service URIs with the given credential (managed identity in Azure).
/// Thread-safe; the SDK clients are safe to share.
/// </summary>
public sealed class StorageClients
{
    public StorageClients(StorageOptions options, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        Options = options;
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        if (!string.IsNullOrEmpty(options.ConnectionString))
        {
            Blobs = new BlobServiceClient(options.ConnectionString);
            Queues = new QueueServiceClient(options.ConnectionString, queueOptions);
        }
        else
        {
            Blobs = new BlobServiceClient(options.BlobServiceUri ?? throw new InvalidOperationException("Storage:BlobServiceUri or Storage:ConnectionString must be set"), credential);
            Queues = new QueueServiceClient(options.QueueServiceUri ?? throw new InvalidOperationException("Storage:QueueServiceUri or Storage:ConnectionString must be set"), credential, queueOptions);
        }
    }

    public StorageOptions Options { get; }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    public BlobContainerClient Concepts => Blobs.GetBlobContainerClient(Options.ConceptsContainer);

    public BlobContainerClient Images => Blobs.GetBlobContainerClient(Options.ImagesContainer);

    public BlobContainerClient Results => Blobs.GetBlobContainerClient(Options.ResultsContainer);

    public BlobContainerClient Analyses => Blobs.GetBlobContainerClient(Options.AnalysesContainer);

    public QueueClient BulkQueue => Queues.GetQueueClient(Options.BulkQueue);

    public QueueClient PoisonQueue => Queues.GetQueueClient(Options.PoisonQueue);

    /// <summary>Creates the containers and queues if they are missing (idempotent); called at start-up, never from DI.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var container in new[] { Concepts, Images, Results, Analyses })
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await BulkQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await PoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
