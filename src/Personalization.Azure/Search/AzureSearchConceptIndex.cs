using System.Text.Json;
using Azure.Search.Documents;
using Azure.Search.Documents.Models;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using VectorQuery = Personalization.Core.Ports.VectorQuery;

namespace Personalization.Azure.Search;

/// <summary>
/// <see cref="IConceptIndex"/> over Azure AI Search (schema: <see cref="SearchSchemas.Concepts"/>). Every query
/// carries an escaped owner filter. Similarities are cosines recovered from the service's cosine score
/// (score = 1 / (1 + (1 − cos)), so cos = 2 − 1/score). Uploads go in batches; throttling (429/503) is retried by
/// the client's retry policy. Thread-safe (the SDK client is).
/// </summary>
public sealed class AzureSearchConceptIndex(SearchClient client, SearchServiceOptions options) : IConceptIndex
{
    private const string ConceptKind = "concept";
    private const string RegionKind = "region";
    private static readonly JsonSerializerOptions PayloadJson = new();

    public async Task UpsertAsync(IReadOnlyList<Concept> concepts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        var documents = new List<SearchDocument>();
        var stale = new List<string>();
        foreach (var concept in concepts.GroupBy(c => (c.Owner, c.Name)).Select(g => g.Last()))
        {
            var fresh = ToDocuments(concept);
            var keep = fresh.Select(d => (string)d["id"]).ToHashSet(StringComparer.Ordinal);
            stale.AddRange((await IdsAsync(concept.Owner, concept.Name, cancellationToken).ConfigureAwait(false)).Where(id => !keep.Contains(id)));
            documents.AddRange(fresh);
        }

        await SearchBatches.UploadAsync(client, documents, options.UploadBatchSize, cancellationToken).ConfigureAwait(false);
        await SearchBatches.DeleteAsync(client, stale, options.UploadBatchSize, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default)
    {
        var ids = await IdsAsync(owner, name, cancellationToken).ConfigureAwait(false);
        await SearchBatches.DeleteAsync(client, ids, options.UploadBatchSize, cancellationToken).ConfigureAwait(false);
        return ids.Count > 0;
    }

    public async Task<IReadOnlyList<Concept>> ListAsync(OwnerId owner, CancellationToken cancellationToken = default)
    {
        var search = new SearchOptions { Filter = SearchFilters.OwnerAndKind(owner.Value, ConceptKind), Size = 1000, Select = { "payload" } };
        var response = await client.SearchAsync<SearchDocument>("*", search, cancellationToken).ConfigureAwait(false);
        var concepts = new List<Concept>();
        await foreach (var result in response.Value.GetResultsAsync().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var concept = JsonSerializer.Deserialize<Concept>((string)result.Document["payload"], PayloadJson)
                ?? throw new InvalidDataException("a concept document has an empty payload");
            if (concept.Owner.Equals(owner))
            {
                concepts.Add(concept);
            }
        }

        concepts.Sort((a, b) => string.CompareOrdinal(a.Name.Key, b.Name.Key));
        return concepts;
    }

    public async Task<IReadOnlyList<IReadOnlyList<VectorHit>>> SearchAsync(OwnerId owner, IReadOnlyList<VectorQuery> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var tasks = queries.Select(q => SearchOneAsync(owner, q, cancellationToken)).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<VectorHit>> SearchOneAsync(OwnerId owner, VectorQuery query, CancellationToken cancellationToken)
    {
        var (field, kind) = query.Field switch
        {
            VectorField.ReferenceImage => ("imageVector", RegionKind),
            VectorField.DescriptionText => ("textVector", ConceptKind),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Field, "unknown vector field"),
        };
        var search = new SearchOptions
        {
            Filter = SearchFilters.OwnerAndKind(owner.Value, kind),
            Size = query.Top,
            Select = { "name", "regionIndex" },
            VectorSearch = new VectorSearchOptions { Queries = { new VectorizedQuery(query.Vector) { KNearestNeighborsCount = query.Top, Fields = { field } } } },
        };
        var response = await client.SearchAsync<SearchDocument>(null, search, cancellationToken).ConfigureAwait(false);
        var hits = new List<VectorHit>(query.Top);
        await foreach (var result in response.Value.GetResultsAsync().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var cosine = result.Score is { } s && s > 0 ? (float)(2 - (1 / s)) : -1f;
            var region = kind == RegionKind && result.Document.TryGetValue("regionIndex", out var r) && r is not null ? Convert.ToInt32(r, System.Globalization.CultureInfo.InvariantCulture) : -1;
            hits.Add(new VectorHit(ConceptName.Parse((string)result.Document["name"]), region, cosine));
        }

        return hits;
    }

    private async Task<IReadOnlyList<string>> IdsAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken)
    {
        var search = new SearchOptions { Filter = SearchFilters.OwnerAndConcept(owner.Value, name.Key), Size = 1000, Select = { "id" } };
        var response = await client.SearchAsync<SearchDocument>("*", search, cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        await foreach (var result in response.Value.GetResultsAsync().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            ids.Add((string)result.Document["id"]);
        }

        return ids;
    }

    private static List<SearchDocument> ToDocuments(Concept concept)
    {
        var owner = concept.Owner.Value;
        var documents = new List<SearchDocument>
        {
            new()
            {
                ["id"] = SearchDocumentIds.Concept(concept.Owner, concept.Name),
                ["owner"] = owner,
                ["concept"] = concept.Name.Key,
                ["kind"] = ConceptKind,
                ["name"] = concept.Name.Value,
                ["category"] = concept.Category,
                ["description"] = concept.Description,
                ["payload"] = JsonSerializer.Serialize(concept, PayloadJson),
                ["textVector"] = concept.DescriptionVector.ToArray(),
            },
        };
        var index = 0;
        foreach (var region in concept.AllRegions)
        {
            documents.Add(new SearchDocument
            {
                ["id"] = SearchDocumentIds.Region(concept.Owner, concept.Name, index),
                ["owner"] = owner,
                ["concept"] = concept.Name.Key,
                ["kind"] = RegionKind,
                ["name"] = concept.Name.Value,
                ["regionIndex"] = index++,
                ["imageVector"] = region.ImageVector.ToArray(),
            });
        }

        return documents;
    }
}
