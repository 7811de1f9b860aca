using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Personalization.Core.Domain;

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

    public BlobContainerClient Profiles => Blobs.GetBlobContainerClient(Options.ProfilesContainer);

    public QueueClient BulkQueue => Queues.GetQueueClient(Options.BulkQueue);

    public QueueClient PoisonQueue => Queues.GetQueueClient(Options.PoisonQueue);

    public QueueClient PreferenceQueue => Queues.GetQueueClient(Options.PreferenceQueue);

    public QueueClient PreferencePoisonQueue => Queues.GetQueueClient(Options.PreferencePoisonQueue);

    /// <summary>The default of <see cref="StorageOptions.MaxImageBytes"/>.</summary>
    public const long MaxImageBlobBytes = 64L * 1024 * 1024;

    /// <summary>Downloads <c>images/{owner}/{path}</c>; a missing or oversized blob is an error message, not an exception.</summary>
    public async Task<(ReadOnlyMemory<byte>? Bytes, string? Error)> DownloadImageAsync(OwnerId owner, string path, CancellationToken cancellationToken = default)
    {
        var blob = Images.GetBlobClient(BlobPaths.Image(owner, path));
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (properties.Value.ContentLength > Options.MaxImageBytes)
            {
                return (null, $"blob is {properties.Value.ContentLength} bytes, over the limit of {Options.MaxImageBytes}");
            }

            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return (content.Value.Content.ToMemory(), null);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, "blob not found");
        }
    }

    /// <summary>Creates the containers and queues if they are missing (idempotent); called at start-up, never from DI.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var container in new[] { Concepts, Images, Results, Analyses, Profiles })
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var queue in new[] { BulkQueue, PoisonQueue, PreferenceQueue, PreferencePoisonQueue })
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
