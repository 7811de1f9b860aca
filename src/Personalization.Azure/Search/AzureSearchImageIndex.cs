using Azure.Search.Documents;
using Azure.Search.Documents.Models;
using Personalization.Core.Ports;

namespace Personalization.Azure.Search;

/// <summary><see cref="IImageIndex"/> over Azure AI Search (schema: <see cref="SearchSchemas.Images"/>), in batches. Thread-safe.</summary>
public sealed class AzureSearchImageIndex(SearchClient client, SearchServiceOptions options) : IImageIndex
{
    public Task UpsertAsync(IReadOnlyList<IndexedImage> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var documents = images.Select(i => new SearchDocument
        {
            ["id"] = SearchDocumentIds.Image(i.Owner, i.ContentHash),
            ["owner"] = i.Owner.Value,
            ["contentHash"] = i.ContentHash,
            ["path"] = i.Path,
            ["labels"] = i.Labels,
            ["imageVector"] = i.ImageVector.Length == options.ImageDimensions ? i.ImageVector : null,
            ["textVector"] = i.TextVector.Length == options.TextDimensions ? i.TextVector : null,
        }).ToList();
        return SearchBatches.UploadAsync(client, documents, options.UploadBatchSize, cancellationToken);
    }
}
