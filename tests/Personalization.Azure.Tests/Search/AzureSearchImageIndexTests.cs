using Azure.Core.Pipeline;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes;
using Personalization.Azure.Search;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.TestSupport.Search;

namespace Personalization.Azure.Tests.Search;

/// <summary>
/// The image index over the real <c>Azure.Search.Documents</c> client against a loopback server speaking the REST API:
/// the concepts recognised in each photo are stored with it, and a concept query filters by owner, then by concept.
/// </summary>
public sealed class AzureSearchImageIndexTests : IAsyncLifetime
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

    private AzureSearchImageIndex Index() => new(_indexes.GetSearchClient(_options.ImageIndex), _options);

    private static IndexedImage Image(string owner, string hash, string path, params IndexedConcept[]? concepts) =>
        new(OwnerId.Parse(owner), hash, path, ["dog"], [1, 0, 0], [0, 1, 0], concepts);

    [Fact]
    public async Task FindAsync_ByConcept_IsTheOwnersPhotosOfItMostConfidentFirst()
    {
        var index = Index();
        var box = new BoundingBox(1, 2, 30, 40);
        await index.UpsertAsync(
        [
            Image("alice", "h1", "trip/a.jpg", new IndexedConcept("bo", 0.7f, box)),
            Image("alice", "h2", "trip/b.jpg", new IndexedConcept("mochi", 0.9f, null), new IndexedConcept("Bo", 0.95f, box)),
            Image("alice", "h3", "trip/c.jpg", new IndexedConcept("mochi", 0.8f, null)),
            Image("bob", "h4", "bobs/bo.jpg", new IndexedConcept("bo", 0.99f, box)),
        ]);

        var found = await index.FindAsync(OwnerId.Parse("alice"), ConceptName.Parse("BO"));

        Assert.Equal(["trip/b.jpg", "trip/a.jpg"], found.Select(f => f.Path));
        Assert.Equal([0.95f, 0.7f], found.Select(f => f.Confidence));
        Assert.Equal(box, found[1].Concepts.Single().Box);
        Assert.Contains(_server.Requests, r => r.Path.EndsWith("search.post.search", StringComparison.Ordinal)
            && System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["filter"]!.GetValue<string>() == "owner eq 'alice' and conceptKeys/any(c: c eq 'bo')");
        Assert.Empty(await index.FindAsync(OwnerId.Parse("carol"), ConceptName.Parse("bo")));
    }

    [Fact]
    public async Task UpsertAsync_WithoutConcepts_KeepsTheConceptsAlreadyStored_AndTheGalleryListsRecognisedPhotos()
    {
        var index = Index();
        await index.UpsertAsync([Image("alice", "h1", "a.jpg", new IndexedConcept("bo", 0.8f, null))]);
        await index.UpsertAsync([Image("alice", "h1", "a.jpg", null), Image("alice", "h2", "not-yet.jpg", null)]);

        var found = await index.FindAsync(OwnerId.Parse("alice"), ConceptName.Parse("bo"));
        var gallery = await index.FindAsync(OwnerId.Parse("alice"), null);

        Assert.Equal("a.jpg", Assert.Single(found).Path);
        Assert.Equal(["a.jpg"], gallery.Select(g => g.Path)); // the photo not recognised yet has no concepts to show
    }

    [Fact]
    public async Task Initializer_MakesTheRecognisedConceptKeysAFilterableCollection()
    {
        await new SearchIndexInitializer(_indexes, _options).StartAsync(CancellationToken.None);

        var fields = _server.Schemas[_options.ImageIndex]["fields"]!.AsArray().Select(f => f!.AsObject()).ToDictionary(f => f["name"]!.GetValue<string>());
        Assert.True(fields["conceptKeys"]["filterable"]!.GetValue<bool>());
        Assert.Equal("Collection(Edm.String)", fields["conceptKeys"]["type"]!.GetValue<string>());
        Assert.Equal("Edm.String", fields["concepts"]["type"]!.GetValue<string>());
    }
}
