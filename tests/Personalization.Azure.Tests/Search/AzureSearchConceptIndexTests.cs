using System.Numerics.Tensors;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes;
using Personalization.Azure.Search;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.TestSupport.Search;

namespace Personalization.Azure.Tests.Search;

/// <summary>
/// The Azure AI Search adapter over the real <c>Azure.Search.Documents</c> client, against a loopback https server
/// that speaks the REST API (index create, docs index, search with vector queries).
/// </summary>
public sealed class AzureSearchConceptIndexTests : IAsyncLifetime
{
    private FakeSearchServer _server = null!;
    private SearchIndexClient _indexes = null!;
    private SearchServiceOptions _options = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeSearchServer.StartAsync();
        _options = SearchTestClient.Options(_server);
        _indexes = SearchTestClient.Indexes(_server, _options);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private AzureSearchConceptIndex Index() => new(_indexes.GetSearchClient(_options.ConceptIndex), _options);

    private static float[] Unit(params float[] v)
    {
        var n = TensorPrimitives.Norm(v);
        return [.. v.Select(x => x / n)];
    }

    private static Concept Concept(string owner, string name, float[] description, params float[][] regions) => new(
        OwnerId.Parse(owner), ConceptName.Parse(name), "thing", $"a {name}", null, [], [],
        [new ConceptReference("hash-" + name, name + ".jpg", 10, 10, [.. regions.Select(r => new ReferenceRegion(new BoundingBox(0, 0, 10, 10), "image", null, r, description))])],
        description, "test", DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Initializer_CreatesBothIndexesWithOwnerFilterAndSizedVectorFields()
    {
        await new SearchIndexInitializer(_indexes, _options).StartAsync(CancellationToken.None);

        var concepts = _server.Schemas[_options.ConceptIndex];
        var fields = concepts["fields"]!.AsArray().Select(f => f!.AsObject()).ToDictionary(f => f["name"]!.GetValue<string>());
        Assert.True(fields["owner"]["filterable"]!.GetValue<bool>());
        Assert.Equal(3, fields["imageVector"]["dimensions"]!.GetValue<int>());
        Assert.Equal(3, fields["textVector"]["dimensions"]!.GetValue<int>());
        Assert.True(fields["description"]["searchable"]!.GetValue<bool>());
        Assert.Contains("hnsw", concepts["vectorSearch"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(_server.Schemas.ContainsKey(_options.ImageIndex));

        // Idempotent: running it again updates in place.
        await new SearchIndexInitializer(_indexes, _options).StartAsync(CancellationToken.None);
        Assert.Equal(2, _server.Schemas.Count);
    }

    [Fact]
    public async Task UpsertListSearchDelete_KeepOwnersApartAndRecoverCosines()
    {
        var index = Index();
        var teapot = Concept("alice", "teapot", Unit(1, 0, 0), Unit(1, 0, 0), Unit(0.6f, 0.8f, 0));
        var mug = Concept("alice", "mug", Unit(0, 1, 0), Unit(0, 1, 0));
        var bobsTeapot = Concept("bob", "teapot", Unit(1, 0, 0), Unit(1, 0.01f, 0));
        await index.UpsertAsync([teapot, mug, bobsTeapot]);

        var alice = await index.ListAsync(OwnerId.Parse("alice"));
        Assert.Equal(["mug", "teapot"], alice.Select(c => c.Name.Value));
        Assert.Equal(2, alice.Single(c => c.Name.Value == "teapot").AllRegions.Count());

        var hits = await index.SearchAsync(OwnerId.Parse("alice"), [new VectorQuery(Unit(1, 0, 0), VectorField.ReferenceImage, 3), new VectorQuery(Unit(0, 1, 0), VectorField.DescriptionText, 1)]);
        Assert.Equal([("teapot", 0), ("teapot", 1), ("mug", 0)], hits[0].Select(h => (h.Concept.Value, h.RegionIndex)));
        Assert.Equal(1f, hits[0][0].Similarity, 3);
        Assert.Equal(0.6f, hits[0][1].Similarity, 3);
        Assert.Equal(0f, hits[0][2].Similarity, 3);
        Assert.Equal("mug", Assert.Single(hits[1]).Concept.Value);
        Assert.All(
            _server.Requests.Where(r => r.Path.EndsWith("search.post.search", StringComparison.Ordinal)),
            r => Assert.StartsWith("owner eq '", System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["filter"]!.GetValue<string>(), StringComparison.Ordinal));

        // Re-enrolling with fewer regions removes the stale region document; nothing is duplicated.
        int AliceDocuments() => _server.Documents(_options.ConceptIndex).Count(d => d["owner"]!.GetValue<string>() == "alice");
        Assert.Equal(3 + 2, AliceDocuments()); // teapot: concept + 2 regions; mug: concept + 1 region
        await index.UpsertAsync(Concept("alice", "teapot", Unit(1, 0, 0), Unit(1, 0, 0)));
        Assert.Equal(2 + 2, AliceDocuments());

        Assert.True(await index.DeleteAsync(OwnerId.Parse("alice"), ConceptName.Parse("teapot")));
        Assert.Equal(["mug"], (await index.ListAsync(OwnerId.Parse("alice"))).Select(c => c.Name.Value));
        Assert.Equal(["teapot"], (await index.ListAsync(OwnerId.Parse("bob"))).Select(c => c.Name.Value));
        Assert.False(await index.DeleteAsync(OwnerId.Parse("alice"), ConceptName.Parse("teapot")));
    }

    [Fact]
    public async Task Search_ForAnOwnerWithNoConcepts_ReturnsNothingFromOthers()
    {
        var index = Index();
        await index.UpsertAsync(Concept("bob", "teapot", Unit(1, 0, 0), Unit(1, 0, 0)));

        var hits = await index.SearchAsync(OwnerId.Parse("carol"), [new VectorQuery(Unit(1, 0, 0), VectorField.ReferenceImage, 5)]);

        Assert.Empty(hits[0]);
        Assert.Empty(await index.ListAsync(OwnerId.Parse("carol")));
    }
}
