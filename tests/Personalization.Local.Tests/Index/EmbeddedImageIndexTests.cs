using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Local.Index;
using Personalization.Local.Storage;

namespace Personalization.Local.Tests.Index;

/// <summary>The embedded image index: each photo's recognised concepts are stored with it and queried per owner.</summary>
public sealed class EmbeddedImageIndexTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private EmbeddedImageIndex Index() => new(Options.Create(new LocalDataOptions { Directory = _data.Path }));

    private static IndexedImage Image(string owner, char hash, string path, IReadOnlyList<IndexedConcept>? concepts) =>
        new(OwnerId.Parse(owner), new string(hash, 64), path, ["dog"], [1, 0], [0, 1], concepts);

    [Fact]
    public async Task FindAsync_ByConcept_IsTheOwnersPhotosOfItMostConfidentFirst_InAnyCase()
    {
        var box = new BoundingBox(5, 6, 70, 80);
        await Index().UpsertAsync(
        [
            Image("alice", 'a', "a.jpg", [new IndexedConcept("bo", 0.6f, box)]),
            Image("alice", 'b', "b.jpg", [new IndexedConcept("mochi", 0.9f, null), new IndexedConcept("bo", 0.9f, box)]),
            Image("alice", 'c', "c.jpg", [new IndexedConcept("mochi", 0.8f, null)]),
            Image("alice", 'd', "d.jpg", []),
            Image("bob", 'e', "bobs.jpg", [new IndexedConcept("bo", 1f, box)]),
        ]);

        var found = await Index().FindAsync(OwnerId.Parse("alice"), ConceptName.Parse("Bo"));

        Assert.Equal(["b.jpg", "a.jpg"], found.Select(f => f.Path));
        Assert.Equal([0.9f, 0.6f], found.Select(f => f.Confidence));
        Assert.Equal(box, found[1].Concepts.Single().Box);
        Assert.Empty(await Index().FindAsync(OwnerId.Parse("carol"), ConceptName.Parse("bo")));
        Assert.Equal(["a.jpg", "b.jpg", "c.jpg", "d.jpg"], (await Index().FindAsync(OwnerId.Parse("alice"), null)).Select(f => f.Path));
    }

    [Fact]
    public async Task UpsertAsync_WithoutConcepts_KeepsThoseStored_AndANotYetRecognisedPhotoIsNotListed()
    {
        await Index().UpsertAsync([Image("alice", 'a', "a.jpg", [new IndexedConcept("bo", 0.8f, null)])]);

        await Index().UpsertAsync([Image("alice", 'a', "a.jpg", null), Image("alice", 'b', "new.jpg", null)]);

        Assert.Equal("a.jpg", Assert.Single(await Index().FindAsync(OwnerId.Parse("alice"), ConceptName.Parse("bo"))).Path);
        Assert.Equal(["a.jpg"], (await Index().FindAsync(OwnerId.Parse("alice"), null)).Select(f => f.Path));
    }

    [Fact]
    public async Task UpsertAsync_AHashThatIsNotAHash_IsRefusedBeforeItNamesAFile()
    {
        var image = Image("alice", 'a', "a.jpg", null) with { ContentHash = "../../escape" };

        await Assert.ThrowsAsync<ArgumentException>(() => Index().UpsertAsync([image]));

        Assert.False(Directory.Exists(Path.Combine(_data.Path, "escape")));
    }
}
