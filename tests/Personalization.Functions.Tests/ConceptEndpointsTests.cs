using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Azure.Handlers;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.TestSupport;
using static Personalization.Functions.Tests.ActionResults;

namespace Personalization.Functions.Tests;

/// <summary>
/// Enrol (multipart upload of reference photos), list and delete concepts, through <see cref="HttpApi"/> on Azurite.
/// The enrolment itself is the blob trigger's: the tests call <see cref="ConceptBlobHandler"/> for the uploaded blob,
/// as the Functions host (or the local worker) would.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConceptEndpointsTests(SharedAzurite azurite)
{
    private const string Description = "Rex, the café's corgi";

    [AzuriteSharedFact]
    public async Task EnrollConcept_DreamBoothPhoto_StoresTheBlobWithItsFieldsAndTheTriggerEnrolsItForThatOwnerOnly()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var (alice, bob) = (Owners.Unique("alice"), Owners.Unique("bob"));

        var result = await app.Api.EnrollConcept(await DogPhotoFormAsync(), alice, "rex", CancellationToken.None);

        Assert.Equal(202, StatusOf(result));
        var body = BodyOf(result);
        Assert.Equal("rex", body.GetProperty("concept").GetString());
        var blobName = Assert.Single(body.GetProperty("blobs").EnumerateArray()).GetString()!;
        Assert.Equal($"{alice}/rex/00.jpg", blobName);
        var properties = (await app.Storage.Concepts.GetBlobClient(blobName).GetPropertiesAsync()).Value;
        Assert.Equal(new FileInfo(DogPhoto).Length, properties.ContentLength);
        Assert.Equal("dog", properties.Metadata["category"]);
        Assert.Equal(Description, Uri.UnescapeDataString(properties.Metadata["description"]));

        var outcome = await app.Services.GetRequiredService<ConceptBlobHandler>().HandleAsync(blobName);

        Assert.NotNull(outcome);
        Assert.Empty(outcome.Failures);
        var concept = Assert.Single(BodyOf(await app.Api.ListConcepts(HttpRequests.Get(), alice, CancellationToken.None)).EnumerateArray());
        Assert.Equal("rex", concept.GetProperty("name").GetString());
        Assert.Equal("dog", concept.GetProperty("category").GetString());
        Assert.Equal(Description, concept.GetProperty("description").GetString());
        Assert.Equal(1, concept.GetProperty("references").GetInt32());
        var bobs = await app.Api.ListConcepts(HttpRequests.Get(), bob, CancellationToken.None);
        Assert.Equal(200, StatusOf(bobs));
        Assert.Empty(BodyOf(bobs).EnumerateArray());
    }

    [AzuriteSharedFact]
    public async Task EnrollConcept_WithABox_TheTriggerEnrolsThatRegionOnly_ABadBoxIs400AndStoresNothing()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var alice = Owners.Unique("alice");
        var photo = await File.ReadAllBytesAsync(DogPhoto);

        var bad = await app.Api.EnrollConcept(await HttpRequests.MultipartAsync([("00.jpg", photo)], new Dictionary<string, string> { ["box"] = "10,20,-5,40" }), alice, "rex", CancellationToken.None);

        Assert.Equal(400, StatusOf(bad));
        Assert.Contains("box 1", BodyOf(bad).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(await app.Storage.Concepts.GetBlobsAsync(global::Azure.Storage.Blobs.Models.BlobTraits.None, global::Azure.Storage.Blobs.Models.BlobStates.None, $"{alice}/", CancellationToken.None).ToListAsync());

        var result = await app.Api.EnrollConcept(await HttpRequests.MultipartAsync([("00.jpg", photo)], new Dictionary<string, string> { ["box"] = "100,120,300,280" }), alice, "rex", CancellationToken.None);

        Assert.Equal(202, StatusOf(result));
        var blobName = BodyOf(result).GetProperty("blobs")[0].GetString()!;
        Assert.Equal("100,120,300,280", (await app.Storage.Concepts.GetBlobClient(blobName).GetPropertiesAsync()).Value.Metadata["box"]);
        var outcome = await app.Services.GetRequiredService<ConceptBlobHandler>().HandleAsync(blobName);
        Assert.NotNull(outcome);
        Assert.Empty(outcome.Failures);
        await AssertEnrolledFromAsync(app, alice, new BoundingBox(100, 120, 300, 280));
    }

    [AzuriteSharedFact]
    public async Task ConceptBlob_SidecarNamesABoxForTheFile_EnrolsThatRegion_AnUnreadableBoxEnrolsNothing()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var alice = Owners.Unique("alice");
        var photo = BinaryData.FromBytes(await File.ReadAllBytesAsync(DogPhoto));
        await app.Storage.Concepts.GetBlobClient($"{alice}/rex/concept.json").UploadAsync(BinaryData.FromString("""{"category": "dog", "boxes": {"00.jpg": "50,60,200,220", "01.jpg": "a,b,c,d"}}"""));
        await app.Storage.Concepts.GetBlobClient($"{alice}/rex/00.jpg").UploadAsync(photo);
        await app.Storage.Concepts.GetBlobClient($"{alice}/rex/01.jpg").UploadAsync(photo);
        var handler = app.Services.GetRequiredService<ConceptBlobHandler>();

        Assert.Null(await handler.HandleAsync($"{alice}/rex/01.jpg"));
        var outcome = await handler.HandleAsync($"{alice}/rex/00.jpg");

        Assert.NotNull(outcome);
        await AssertEnrolledFromAsync(app, alice, new BoundingBox(50, 60, 200, 220));
    }

    /// <summary>The owner's one concept has one reference, enrolled from the user's box.</summary>
    private static async Task AssertEnrolledFromAsync(FunctionsApp app, string owner, BoundingBox box)
    {
        var concept = Assert.Single(await app.Services.GetRequiredService<IConceptIndex>().ListAsync(OwnerId.Parse(owner)));
        var focus = Assert.Single(concept.References).Focus!;
        Assert.Equal((ReferenceFocus.User, box), (focus.Source, focus.Box));
    }

    [AzuriteSharedFact]
    public async Task DeleteConcept_EnrolledConcept_Is204ThenGoneWithItsBlobsThen404_AndAnotherOwnersSameNameIsKept()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var (alice, bob) = (Owners.Unique("alice"), Owners.Unique("bob"));
        var aliceBlob = BodyOf(await app.Api.EnrollConcept(await DogPhotoFormAsync(), alice, "rex", CancellationToken.None)).GetProperty("blobs")[0].GetString()!;
        var bobBlob = BodyOf(await app.Api.EnrollConcept(await DogPhotoFormAsync(), bob, "rex", CancellationToken.None)).GetProperty("blobs")[0].GetString()!;
        await app.Services.GetRequiredService<ConceptBlobHandler>().HandleAsync(aliceBlob);
        Assert.Single(BodyOf(await app.Api.ListConcepts(HttpRequests.Get(), alice, CancellationToken.None)).EnumerateArray());

        var deleted = await app.Api.DeleteConcept(HttpRequests.Delete(), alice, "rex", CancellationToken.None);

        Assert.Equal(204, StatusOf(deleted));
        Assert.Empty(BodyOf(await app.Api.ListConcepts(HttpRequests.Get(), alice, CancellationToken.None)).EnumerateArray());
        Assert.False((await app.Storage.Concepts.GetBlobClient(aliceBlob).ExistsAsync()).Value);
        Assert.True((await app.Storage.Concepts.GetBlobClient(bobBlob).ExistsAsync()).Value);
        Assert.Equal(404, StatusOf(await app.Api.DeleteConcept(HttpRequests.Delete(), alice, "rex", CancellationToken.None)));
    }

    [AzuriteTheory]
    [InlineData("../x", "rex", "owner id")]
    [InlineData("a'b", "rex", "owner id")]
    [InlineData("alice/bob", "rex", "owner id")]
    [InlineData(".hidden", "rex", "owner id")]
    [InlineData("alice", "../x", "concept name")]
    [InlineData("alice", "a/b", "concept name")]
    [InlineData("alice", "a b", "concept name")]
    public async Task EnrollConcept_MaliciousOwnerOrConceptName_Is400AndWritesNothing(string owner, string name, string expected)
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        var result = await app.Api.EnrollConcept(await HttpRequests.MultipartAsync([("00.jpg", [0xFF, 0xD8, 0xFF])]), owner, name, CancellationToken.None);

        Assert.Contains(expected, BadRequestError(result), StringComparison.Ordinal);
        Assert.Empty(await app.UploadedBlobsAsync());
    }

    [AzuriteFact]
    public async Task EnrollConcept_BodyThatIsNotAFormWithAFile_Is400AndWritesNothing()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var alice = Owners.Unique("alice");
        var noFile = await HttpRequests.MultipartAsync([], new Dictionary<string, string> { ["category"] = "dog" });
        var noBoundary = HttpRequests.Create("POST", "multipart/form-data", [0xFF, 0xD8, 0xFF]);
        var truncated = await HttpRequests.MultipartAsync([("00.jpg", [0xFF, 0xD8, 0xFF])]);
        truncated.Body.SetLength(truncated.Body.Length / 2);
        truncated.ContentLength = truncated.Body.Length;

        var json = BadRequestError(await app.Api.EnrollConcept(HttpRequests.Json("{\"file\": \"00.jpg\"}"), alice, "rex", CancellationToken.None));
        var jpeg = BadRequestError(await app.Api.EnrollConcept(HttpRequests.Bytes([0xFF, 0xD8, 0xFF]), alice, "rex", CancellationToken.None));
        var empty = BadRequestError(await app.Api.EnrollConcept(noFile, alice, "rex", CancellationToken.None));
        var unreadable = BadRequestError(await app.Api.EnrollConcept(noBoundary, alice, "rex", CancellationToken.None));
        var cutOff = BadRequestError(await app.Api.EnrollConcept(truncated, alice, "rex", CancellationToken.None));

        Assert.Contains("multipart/form-data", json, StringComparison.Ordinal);
        Assert.Contains("multipart/form-data", jpeg, StringComparison.Ordinal);
        Assert.Contains("no image file", empty, StringComparison.Ordinal);
        Assert.Contains("form", unreadable, StringComparison.Ordinal);
        Assert.Contains("form", cutOff, StringComparison.Ordinal);
        Assert.Empty(await app.UploadedBlobsAsync());
    }

    [AzuriteTheory]
    [InlineData("../x")]
    [InlineData("a'b")]
    public async Task ListAndDeleteConcepts_MaliciousOwner_Is400(string owner)
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        Assert.Contains("owner id", BadRequestError(await app.Api.ListConcepts(HttpRequests.Get(), owner, CancellationToken.None)), StringComparison.Ordinal);
        Assert.Contains("owner id", BadRequestError(await app.Api.DeleteConcept(HttpRequests.Delete(), owner, "rex", CancellationToken.None)), StringComparison.Ordinal);
    }

    private static string DogPhoto => Path.Combine(SharedData.DreamBoothDirectory, "dog", "00.jpg");

    private static async Task<HttpRequest> DogPhotoFormAsync() =>
        await HttpRequests.MultipartAsync(
            [("00.jpg", await File.ReadAllBytesAsync(DogPhoto))],
            new Dictionary<string, string> { ["category"] = "dog", ["description"] = Description });
}
