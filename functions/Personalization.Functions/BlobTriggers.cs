using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Personalization.Azure.Handlers;

namespace Personalization.Functions;

/// <summary>The blob triggers: one line each over the handlers the local worker calls too.</summary>
public sealed class BlobTriggers(ConceptBlobHandler concepts, ImageBlobHandler images)
{
    [Function(nameof(EnrollConceptBlob))]
    public Task EnrollConceptBlob([BlobTrigger("concepts/{name}", Connection = "AzureWebJobsStorage")] byte[] content, string name, CancellationToken cancellationToken) =>
        concepts.HandleAsync(name, cancellationToken);

    [Function(nameof(RecognizeImageBlob))]
    public Task RecognizeImageBlob(
        [BlobTrigger("images/{name}", Connection = "AzureWebJobsStorage")] byte[] content, string name, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        images.HandleAsync([name], client, cancellationToken);
}
