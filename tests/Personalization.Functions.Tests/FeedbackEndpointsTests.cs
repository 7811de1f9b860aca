using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.Core.Enrollment;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;
using Personalization.TestSupport;
using static Personalization.Functions.Tests.ActionResults;

namespace Personalization.Functions.Tests;

/// <summary>
/// Confirming and rejecting a concept in an uploaded image through <see cref="FeedbackApi"/> on Azurite, with the real
/// models: the image is one submitted through the API, its result one written as the recognition workflow writes it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FeedbackEndpointsTests(SharedAzurite azurite)
{
    private const string Path = "trip/teapot.jpg";

    [AzuriteSharedFact]
    public async Task ConfirmConcept_UploadedImageWithItsResult_AddsAConfirmedReferenceOnce_ForThatOwnerOnly()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var (alice, bob) = (Owners.Unique("alice"), Owners.Unique("bob"));
        await EnrolAsync(app, alice, "teapot", "can");
        await EnrolAsync(app, bob, "teapot");
        await UploadAndRecognizeAsync(app, alice, Path, DreamBooth("teapot", "01.jpg"));
        var bobsBefore = await ConceptsJsonAsync(app, bob);

        var confirmed = await app.Feedback.ConfirmConcept(HttpRequests.Json($"{{\"image\": \"{Path}\"}}"), alice, "teapot", CancellationToken.None);
        var again = await app.Feedback.ConfirmConcept(HttpRequests.Json($"{{\"Image\": \"{Path}\"}}"), alice, "teapot", CancellationToken.None);
        var bobs = await app.Feedback.ConfirmConcept(HttpRequests.Json($"{{\"image\": \"{Path}\"}}"), bob, "teapot", CancellationToken.None);

        Assert.Equal(200, StatusOf(confirmed));
        var body = BodyOf(confirmed);
        Assert.True(body.GetProperty("changed").GetBoolean());
        Assert.Equal((2, 1), (body.GetProperty("references").GetInt32(), body.GetProperty("confirmed").GetInt32()));
        Assert.False(BodyOf(again).GetProperty("changed").GetBoolean());
        var teapot = await GetAsync(app, alice, "teapot");
        Assert.Equal(ReferenceOrigins.Confirmed, teapot.References[1].Origin);
        Assert.Equal(Personalization.Core.Domain.ContentHash.Of(await File.ReadAllBytesAsync(DreamBooth("teapot", "01.jpg"))), teapot.References[1].ContentHash);
        Assert.Equal(404, StatusOf(bobs)); // bob has no such image: alice's is not his to confirm
        Assert.Equal(bobsBefore, await ConceptsJsonAsync(app, bob));
    }

    [AzuriteSharedFact]
    public async Task RejectConcept_Box_StoresAHardNegative_AndTheResultIsNotNeeded()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var alice = Owners.Unique("alice");
        await EnrolAsync(app, alice, "teapot", "can");
        await app.Api.SubmitImage(HttpRequests.Bytes(await File.ReadAllBytesAsync(DreamBooth("can", "01.jpg"))), alice, "can.jpg", CancellationToken.None);

        var rejected = await app.Feedback.RejectConcept(HttpRequests.Json("{\"image\": \"can.jpg\", \"box\": \"100,50,400,500\"}"), alice, "can", CancellationToken.None);

        Assert.Equal(200, StatusOf(rejected));
        Assert.True(BodyOf(rejected).GetProperty("negatives").GetInt32() >= 1);
        var negative = (await GetAsync(app, alice, "can")).Negatives![0];
        Assert.Equal(new BoundingBox(100, 50, 400, 500), negative.Box);
    }

    [AzuriteSharedTheory]
    [InlineData("not json", "teapot", 400, "malformed JSON")]
    [InlineData("{\"box\": \"0,0,10,10\"}", "teapot", 400, "give \"image\"")]
    [InlineData("{\"image\": \"../bob/x.jpg\"}", "teapot", 400, "'..'")]
    [InlineData("{\"image\": \"..%2Fbob%2Fx.jpg\"}", "teapot", 400, "decodes to")]
    [InlineData("{\"image\": \"trip/teapot.jpg\", \"box\": \"1,2,3\"}", "teapot", 400, "is not x,y,width,height")]
    [InlineData("{\"image\": \"trip/teapot.jpg\", \"box\": \"600,600,200,200\"}", "teapot", 400, "lies outside")]
    [InlineData("{\"image\": \"trip/other.jpg\"}", "teapot", 404, "has no image 'trip/other.jpg'")]
    [InlineData("{\"image\": \"trip/teapot.jpg\"}", "ghost", 404, "has no concept <ghost>")]
    [InlineData("{\"image\": \"trip/teapot.jpg\", \"content_hash\": \"0123456789abcdef\"}", "teapot", 409, "has changed since it was recognised")]
    public async Task ConfirmAndReject_Refused_SayWhyAndChangeNothing(string body, string concept, int status, string expected)
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var alice = Owners.Unique("alice");
        await EnrolAsync(app, alice, "teapot", "can");
        await UploadAndRecognizeAsync(app, alice, Path, DreamBooth("teapot", "01.jpg"));
        var before = await ConceptsJsonAsync(app, alice);

        var confirm = await app.Feedback.ConfirmConcept(HttpRequests.Json(body), alice, concept, CancellationToken.None);
        var reject = await app.Feedback.RejectConcept(HttpRequests.Json(body), alice, concept, CancellationToken.None);

        foreach (var result in new[] { confirm, reject })
        {
            Assert.Equal(status, StatusOf(result));
            Assert.Contains(expected, BodyOf(result).GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await ConceptsJsonAsync(app, alice));
    }

    [AzuriteTheory]
    [InlineData("../x", "teapot", "owner id")]
    [InlineData("alice", "a b", "concept name")]
    public async Task ConfirmAndReject_MaliciousOwnerOrName_Is400(string owner, string name, string expected)
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        Assert.Contains(expected, BadRequestError(await app.Feedback.ConfirmConcept(HttpRequests.Json("{\"image\": \"x.jpg\"}"), owner, name, CancellationToken.None)), StringComparison.Ordinal);
        Assert.Contains(expected, BadRequestError(await app.Feedback.RejectConcept(HttpRequests.Json("{\"image\": \"x.jpg\"}"), owner, name, CancellationToken.None)), StringComparison.Ordinal);
    }

    private static string DreamBooth(string subject, string file) => System.IO.Path.Combine(SharedData.DreamBoothDirectory, subject, file);

    private static async Task EnrolAsync(FunctionsApp app, string owner, params string[] subjects)
    {
        var enrollment = app.Services.GetRequiredService<EnrollmentService>();
        foreach (var subject in subjects)
        {
            var outcome = await enrollment.EnrollAsync(new EnrollmentRequest(
                OwnerId.Parse(owner), ConceptName.Parse(subject), subject, null, [], [ImageSource.FromFile(DreamBooth(subject, "00.jpg"))]));
            Assert.Empty(outcome.Failures);
        }
    }

    /// <summary>Submits the photo through the API, then writes its result as the workflow's <c>WriteResult</c> activity does.</summary>
    private static async Task UploadAndRecognizeAsync(FunctionsApp app, string owner, string path, string photo)
    {
        var bytes = await File.ReadAllBytesAsync(photo);
        Assert.Equal(202, StatusOf(await app.Api.SubmitImage(HttpRequests.Bytes(bytes), owner, path, CancellationToken.None)));
        var id = OwnerId.Parse(owner);
        var outcome = Assert.Single(await app.Services.GetRequiredService<RecognitionService>().RecognizeAsync(id, [ImageSource.FromBytes(path, bytes)]));
        Assert.NotNull(outcome.Result?.Concept);
        await StorageJson.UploadAsync(app.Storage.Results, BlobPaths.Result(id, path), ResultDocument.From(path, outcome.Result, outcome.Analysis), StorageJson.Documents, CancellationToken.None);
    }

    private static async Task<Concept> GetAsync(FunctionsApp app, string owner, string name) =>
        (await app.Services.GetRequiredService<IConceptIndex>().GetAsync(OwnerId.Parse(owner), ConceptName.Parse(name)))!;

    /// <summary>The owner's concepts as JSON: equal text, nothing changed.</summary>
    private static async Task<string> ConceptsJsonAsync(FunctionsApp app, string owner) =>
        JsonSerializer.Serialize(await app.Services.GetRequiredService<IConceptIndex>().ListAsync(OwnerId.Parse(owner)));
}
