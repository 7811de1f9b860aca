using Azure.Storage.Blobs.Models;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.TestSupport;
using static Personalization.Functions.Tests.ActionResults;

namespace Personalization.Functions.Tests;

/// <summary>Submitting a photo to recognise and reading its result, through <see cref="HttpApi"/> on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ImageEndpointsTests(SharedAzurite azurite)
{
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4];

    [AzuriteFact]
    public async Task SubmitImage_Bytes_Is202AndStoresThemUnderTheOwnerWithTheRecognitionInstanceId()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var alice = Owners.Unique("alice");

        var result = await app.Api.SubmitImage(HttpRequests.Bytes(Photo), alice, "trip/day 1/dog.jpg", CancellationToken.None);

        Assert.Equal(202, StatusOf(result));
        var body = BodyOf(result);
        var instanceId = Personalization.Azure.Workflows.InstanceIds.Recognition(OwnerId.Parse(alice), "trip/day 1/dog.jpg", Personalization.Core.Domain.ContentHash.Of(Photo));
        Assert.Equal(instanceId, body.GetProperty("instance_id").GetString());
        Assert.Equal($"owners/{alice}/results/trip/day 1/dog.jpg", body.GetProperty("result").GetString());
        Assert.Equal($"owners/{alice}/jobs/{instanceId}", Assert.IsType<Personalization.Azure.Http.ProductJsonResult>(result).Location);
        Assert.Equal([$"{app.Storage.Images.Name}/{alice}/trip/day 1/dog.jpg"], await app.UploadedBlobsAsync());
        Assert.Equal(Photo, (await app.Storage.Images.GetBlobClient($"{alice}/trip/day 1/dog.jpg").DownloadContentAsync()).Value.Content.ToArray());
    }

    // Percent-escaped forms are stored literally by the SDK but may be decoded once more on the way (a proxy, a
    // reader); a backslash is stored as '/' by Blob Storage (and Azurite), turning "..\bob" into a ".." segment.
    [AzuriteTheory]
    [InlineData("alice", "../bob/x.jpg")]
    [InlineData("alice", "trip/../../bob/x.jpg")]
    [InlineData("alice", "trip//x.jpg")]
    [InlineData("alice", "./x.jpg")]
    [InlineData("alice", "..%2Fbob%2Fx.jpg")]
    [InlineData("alice", "%2E%2E/bob/x.jpg")]
    [InlineData("alice", "..%2fbob%2fx.jpg")]
    [InlineData("alice", "..\\bob\\x.jpg")]
    [InlineData("alice", "")]
    [InlineData("../bob", "x.jpg")]
    [InlineData("a'b", "x.jpg")]
    public async Task SubmitImage_PathOrOwnerOutsideTheOwnersImages_Is400AndWritesNothing(string owner, string path)
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        BadRequestError(await app.Api.SubmitImage(HttpRequests.Bytes(Photo), owner, path, CancellationToken.None));

        Assert.Empty(await app.UploadedBlobsAsync());
    }

    [AzuriteFact]
    public async Task GetResult_IsTheOwnersResultJsonOnlyOnceWritten_AndNotAnotherOwners()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var (alice, bob) = (Owners.Unique("alice"), Owners.Unique("bob"));
        Assert.Equal(404, StatusOf(await app.Api.GetResult(HttpRequests.Get(), alice, "trip/dog.jpg", CancellationToken.None)));
        const string json = """{"concept":"rex","caption":"<rex> on the beach"}""";
        await app.Storage.Results.GetBlobClient(BlobPaths.Result(OwnerId.Parse(alice), "trip/dog.jpg")).UploadAsync(
            BinaryData.FromString(json), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } });

        var result = await app.Api.GetResult(HttpRequests.Get(), alice, "trip/dog.jpg", CancellationToken.None);

        var content = Assert.IsType<Microsoft.AspNetCore.Mvc.ContentResult>(result);
        Assert.Equal(200, content.StatusCode);
        Assert.Equal("application/json", content.ContentType);
        Assert.Equal(json, content.Content);
        Assert.Equal(404, StatusOf(await app.Api.GetResult(HttpRequests.Get(), bob, "trip/dog.jpg", CancellationToken.None)));
        BadRequestError(await app.Api.GetResult(HttpRequests.Get(), bob, $"../{alice}/trip/dog.jpg", CancellationToken.None));
        BadRequestError(await app.Api.GetResult(HttpRequests.Get(), bob, $"..%2F{alice}%2Ftrip%2Fdog.jpg", CancellationToken.None));
    }
}
