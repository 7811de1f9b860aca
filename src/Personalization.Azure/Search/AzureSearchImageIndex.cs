using System.Text.Json;
using Azure.Search.Documents;
using Azure.Search.Documents.Models;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Azure.Search;

/// <summary>
/// <see cref="IImageIndex"/> over Azure AI Search (schema: <see cref="SearchSchemas.Images"/>), in batches. Upserts merge:
/// an image sent without concepts keeps those stored. A concept query filters by owner, then by the concept's key in the
/// filterable <c>conceptKeys</c> collection, and orders by that concept's confidence from the stored payload. Thread-safe.
/// </summary>
public sealed class AzureSearchImageIndex(SearchClient client, SearchServiceOptions options) : IImageIndex
{
    private static readonly JsonSerializerOptions PayloadJson = new();

    public Task UpsertAsync(IReadOnlyList<IndexedImage> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var documents = images.Select(i =>
        {
            var document = new SearchDocument
            {
                ["id"] = SearchDocumentIds.Image(i.Owner, i.ContentHash),
                ["owner"] = i.Owner.Value,
                ["contentHash"] = i.ContentHash,
                ["path"] = i.Path,
                ["labels"] = i.Labels,
                ["imageVector"] = i.ImageVector.Length == options.ImageDimensions ? i.ImageVector : null,
                ["textVector"] = i.TextVector.Length == options.TextDimensions ? i.TextVector : null,
            };
            if (i.Concepts is { } concepts)
            {
                document["conceptKeys"] = concepts.Select(c => c.Key).Distinct(StringComparer.Ordinal).ToArray();
                document["concepts"] = JsonSerializer.Serialize(concepts, PayloadJson);
            }

            return document;
        }).ToList();
        return SearchBatches.UploadAsync(client, documents, options.UploadBatchSize, cancellationToken);
    }

    public async Task<IReadOnlyList<FoundImage>> FindAsync(OwnerId owner, ConceptName? concept, int top = 500, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var search = new SearchOptions
        {
            Filter = concept is { } c ? SearchFilters.OwnerAndRecognized(owner.Value, c.Key) : SearchFilters.Owner(owner.Value),
            Size = concept is null ? top : 1000,
            Select = { "owner", "path", "contentHash", "concepts" },
        };
        var response = await client.SearchAsync<SearchDocument>("*", search, cancellationToken).ConfigureAwait(false);
        var found = new List<FoundImage>();
        await foreach (var result in response.Value.GetResultsAsync().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var document = result.Document;
            // A photo not recognised yet has no concepts (the service returns null for the field, or leaves it out).
            if (!string.Equals(document.GetString("owner"), owner.Value, StringComparison.Ordinal) || !document.TryGetValue("concepts", out var stored) || stored is not string payload)
            {
                continue;
            }

            var concepts = JsonSerializer.Deserialize<IReadOnlyList<IndexedConcept>>(payload, PayloadJson) ?? [];
            var confidence = concept is { } wanted ? IImageIndexExtensions.ConfidenceOf(concepts, wanted) : 0f;
            if (confidence is { } value)
            {
                found.Add(new FoundImage(document.GetString("path"), document.GetString("contentHash"), value, concepts));
            }
        }

        var ordered = concept is null
            ? found.OrderBy(f => f.Path, StringComparer.Ordinal)
            : found.OrderByDescending(f => f.Confidence).ThenBy(f => f.Path, StringComparer.Ordinal);
        return [.. ordered.Take(top)];
    }
}
