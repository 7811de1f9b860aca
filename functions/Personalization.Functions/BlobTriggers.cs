using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Personalization.Azure.Handlers;

namespace Personalization.Functions;

/// <summary>
/// The blob triggers: one line each over the handlers the local worker calls too. They bind a <see cref="BlobClient"/>,
/// which downloads nothing: the handler reads the blob once itself, after checking its size from its properties (an
/// image over the cap is refused without being downloaded), where a <c>byte[]</c> binding had the host download every
/// blob, whatever its size, for a parameter nobody read.
/// </summary>
public sealed class BlobTriggers(ConceptBlobHandler concepts, ImageBlobHandler images)
{
    [Function(nameof(EnrollConceptBlob))]
    public Task EnrollConceptBlob([BlobTrigger("concepts/{name}", Connection = "AzureWebJobsStorage")] BlobClient blob, string name, CancellationToken cancellationToken) =>
        concepts.HandleAsync(name, cancellationToken);

    [Function(nameof(RecognizeImageBlob))]
    public Task RecognizeImageBlob(
        [BlobTrigger("images/{name}", Connection = "AzureWebJobsStorage")] BlobClient blob, string name, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        images.HandleAsync([name], client, cancellationToken);
}
