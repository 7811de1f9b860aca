using Azure.Search.Documents;
using Azure.Search.Documents.Models;

namespace Personalization.Azure.Search;

/// <summary>Uploads and deletes in batches of a configured size; a document the service refuses fails the call.</summary>
internal static class SearchBatches
{
    public static async Task UploadAsync(SearchClient client, IReadOnlyList<SearchDocument> documents, int batchSize, CancellationToken cancellationToken)
    {
        foreach (var chunk in documents.Chunk(batchSize))
        {
            await client.IndexDocumentsAsync(IndexDocumentsBatch.MergeOrUpload(chunk), new IndexDocumentsOptions { ThrowOnAnyError = true }, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task DeleteAsync(SearchClient client, IReadOnlyList<string> ids, int batchSize, CancellationToken cancellationToken)
    {
        foreach (var chunk in ids.Chunk(batchSize))
        {
            await client.DeleteDocumentsAsync("id", chunk, new IndexDocumentsOptions { ThrowOnAnyError = true }, cancellationToken).ConfigureAwait(false);
        }
    }
}
