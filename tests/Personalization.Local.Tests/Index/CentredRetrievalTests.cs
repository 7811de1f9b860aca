using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Recognition;
using Personalization.Local.Index;

namespace Personalization.Local.Tests.Index;

/// <summary>
/// <see cref="CandidateRetriever"/> over the in-process index with <c>Recognition:CentredRanking</c> on and off: the worked
/// example of <c>OwnerCentringTests</c> (z is what the owner's rooms share, x is <c>bo</c>, the hub is mostly room).
/// </summary>
public sealed class CentredRetrievalTests
{
    private static readonly float[] Text = [1, 0, 0];

    // A small bo in a room: 0.6 x + 0.8 z. Raw: the hub 0.64, bo 0.6. Centred on the rooms' mean (0, 0, 1): bo 0.894, the hub 0.1.
    private static readonly ImageAnalysis Photo = new("q", 640, 480, [],
        [new ImageRegion(new BoundingBox(0, 0, 640, 480), "image", null, 1f, [0.6f, 0, 0.8f], Text, [], [])], []);

    [Fact]
    public async Task RetrieveAsync_CentredRanking_ChoosesTheRightConceptOverTheHub_JudgedByItsRawScore()
    {
        var bo = TestConcepts.Make(TestConcepts.Alice, "bo", Text, [[1, 0, 0]]);
        bo = bo with { References = [bo.References[0] with { Rooms = [new ReferenceRegion(new BoundingBox(0, 0, 100, 100), "room", null, new float[] { 0, 0, 1 }, Text)] }] };
        var hub = TestConcepts.Make(TestConcepts.Alice, "sloth", Text, [[0, 0.6f, 0.8f]]);
        var index = new MemoryConceptIndex([bo, hub]);

        var raw = await Retrieve(index, centred: false);
        Assert.Equal(["sloth", "bo"], raw.Select(c => c.Concept.Value));
        Assert.Null(raw[0].CentredScore);

        // The hub outscores bo raw, so it is dropped; bo keeps its raw 0.6 and its lead is measured against the floor
        // (0.65): 0.6 + 0.5 × (0.6 − 0.65) = 0.575, under the 0.75 threshold, as bo alone would be.
        var centred = await Retrieve(index, centred: true);
        var only = Assert.Single(centred);
        Assert.Equal("bo", only.Concept.Value);
        Assert.Equal(0.6f, only.GlobalScore!.Value, 4);
        Assert.Equal(0.575f, only.Score, 4);
        Assert.Equal(0.894f, only.CentredScore!.Value, 3);

        // Another owner's rooms never centre Alice's photos, and an owner whose photos kept no rooms is ranked raw.
        var bobs = bo with { Owner = TestConcepts.Bob };
        var noRooms = new MemoryConceptIndex([bo with { References = [bo.References[0] with { Rooms = null }] }, hub, bobs]);
        Assert.Equal("sloth", (await Retrieve(noRooms, centred: true))[0].Concept.Value);
    }

    private static Task<IReadOnlyList<Candidate>> Retrieve(MemoryConceptIndex index, bool centred)
    {
        // The room rule is off: in three dimensions the one room is as much like the photo as anything in it.
        var options = new RecognitionOptions { CentredRanking = centred, RoomRegions = false };
        return new CandidateRetriever(index, matcher: null, Options.Create(options)).RetrieveAsync(TestConcepts.Alice, Photo, topK: 3, hitsPerRegion: 10, textWeight: 0f);
    }
}
