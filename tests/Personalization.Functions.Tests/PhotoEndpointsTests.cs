using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.TestSupport;
using static Personalization.Functions.Tests.ActionResults;

namespace Personalization.Functions.Tests;

/// <summary>The photo routes the Functions app shares with <c>personalize serve</c>: a concept's photos, the gallery, a photo's bytes.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PhotoEndpointsTests(SharedAzurite azurite)
{
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, 9, 8, 7, 6];

    [AzuriteFact]
    public async Task FindConceptPhotosAndGallery_AreTheOwnersIndexedPhotos_MostConfidentFirst_UntilTheConceptIsDeleted()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var (alice, bob) = (Owners.Unique("alice"), Owners.Unique("bob"));
        var box = new BoundingBox(1, 2, 3, 4);
        await app.Services.GetRequiredService<IConceptIndex>().UpsertAsync([Concept(alice, "rex")]);
        await app.Services.GetRequiredService<IImageIndex>().UpsertAsync(
        [
            new IndexedImage(OwnerId.Parse(alice), new string('a', 64), "trip/a.jpg", [], [], [], [new IndexedConcept("rex", 0.5f, box)]),
            new IndexedImage(OwnerId.Parse(alice), new string('b', 64), "trip/b.jpg", [], [], [], [new IndexedConcept("rex", 0.9f, box)]),
            new IndexedImage(OwnerId.Parse(alice), new string('c', 64), "trip/c.jpg", [], [], [], []),
        ]);

        var found = BodyOf(await app.Api.FindConceptPhotos(HttpRequests.Get(), alice, "rex", CancellationToken.None));
        var gallery = BodyOf(await app.Api.GetGallery(HttpRequests.Get(), alice, CancellationToken.None));

        Assert.Equal(["trip/b.jpg", "trip/a.jpg"], found.EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        Assert.Equal(3, found[0].GetProperty("concepts")[0].GetProperty("box").GetProperty("width").GetSingle());
        Assert.Equal(3, gallery.GetArrayLength());
        Assert.Equal(0, BodyOf(await app.Api.FindConceptPhotos(HttpRequests.Get(), bob, "rex", CancellationToken.None)).GetArrayLength());
        Assert.Equal(0, BodyOf(await app.Api.GetGallery(HttpRequests.Get(), bob, CancellationToken.None)).GetArrayLength());
        BadRequestError(await app.Api.FindConceptPhotos(HttpRequests.Get(), alice, "../rex", CancellationToken.None));

        Assert.Equal(204, StatusOf(await app.Api.DeleteConcept(HttpRequests.Delete(), alice, "rex", CancellationToken.None)));
        Assert.Equal(0, BodyOf(await app.Api.FindConceptPhotos(HttpRequests.Get(), alice, "rex", CancellationToken.None)).GetArrayLength());
        Assert.All(BodyOf(await app.Api.GetGallery(HttpRequests.Get(), alice, CancellationToken.None)).EnumerateArray(), p => Assert.Equal(0, p.GetProperty("concepts").GetArrayLength()));
    }

    private static Concept Concept(string owner, string name) => new(
        OwnerId.Parse(owner), ConceptName.Parse(name), "dog", $"a {name}", null, [], [],
        [new ConceptReference(new string('f', 64), name + ".jpg", 10, 10, [new ReferenceRegion(new BoundingBox(0, 0, 10, 10), "image", null, new[] { 1f, 0f, 0f }, new[] { 0f, 1f, 0f })])],
        new[] { 0f, 1f, 0f }, "test", DateTimeOffset.UnixEpoch);

    [AzuriteFact]
    public async Task GetPhoto_IsTheSubmittedBytes_OnlyToTheirOwner()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var (alice, bob) = (Owners.Unique("alice"), Owners.Unique("bob"));
        Assert.Equal(202, StatusOf(await app.Api.SubmitImage(HttpRequests.Bytes(Photo), alice, "trip/dog.jpg", CancellationToken.None)));

        var photo = Assert.IsType<FileContentResult>(await app.Api.GetPhoto(HttpRequests.Get(), alice, "trip/dog.jpg", CancellationToken.None));

        Assert.Equal(Photo, photo.FileContents);
        Assert.Equal("image/jpeg", photo.ContentType);
        Assert.Equal(404, StatusOf(await app.Api.GetPhoto(HttpRequests.Get(), bob, "trip/dog.jpg", CancellationToken.None)));
        BadRequestError(await app.Api.GetPhoto(HttpRequests.Get(), bob, $"..%2F{alice}%2Ftrip%2Fdog.jpg", CancellationToken.None));
    }
}
