using Personalization.Core.Domain;
using Personalization.Core.Recognition;

namespace Personalization.Core.Tests.Recognition;

/// <summary>
/// Choosing the concept in the owner-centred space (<see cref="OwnerCentring"/>, <see cref="CandidateRetriever.CentredFirst"/>),
/// on 3-d vectors worked out by hand: z is what the owner's rooms share, x is <c>bo</c>, y is the hub's own look.
/// </summary>
public sealed class OwnerCentringTests
{
    // The rooms of the owner's reference photos average to m = (0, 0, 1).
    private static readonly float[] Room = [0, 0, 1];

    // bo's reference is pure x; the hub (a grey plush) is mostly room, a little y.
    private static readonly Concept Bo = Concept("bo", [1, 0, 0], rooms: [Room]);
    private static readonly Concept Hub = Concept("sloth", [0, 0.6f, 0.8f]);

    // A small bo in a room: 0.6 x + 0.8 z.
    private static readonly ImageAnalysis Photo = new("q", 640, 480, [], [Region([0.6f, 0, 0.8f])], []);

    [Fact]
    public void Of_MeanOfEveryRoom_CentresAndRenormalises_OtherSizesUntouched_NullWithoutRooms()
    {
        var twoRooms = Concept("teapot", [1, 0, 0], rooms: [[0, 1, 0]]);
        var centring = OwnerCentring.Of([Bo, twoRooms], dimensions: 3)!;

        // m = (0, ½, ½); (1, 0, 0) − m = (1, −½, −½), of length √1.5.
        var centred = centring.Centre(new float[] { 1, 0, 0 }).ToArray();
        var n = MathF.Sqrt(1.5f);
        Assert.Equal([1 / n, -0.5f / n, -0.5f / n], centred, new Close(1e-5f));
        Assert.Equal([1f, 2f], centring.Centre(new float[] { 1, 2 }).ToArray());
        Assert.Null(OwnerCentring.Of([Hub], dimensions: 3));
        Assert.Null(OwnerCentring.Of([Bo], dimensions: 5));
    }

    [Fact]
    public void Library_IsCentredOncePerListTheIndexHandsOut_AgainForANewList_NullWithoutRooms()
    {
        IReadOnlyList<Concept> snapshot = [Bo, Hub];
        var library = OwnerCentring.Library(snapshot, dimensions: 3)!;
        Assert.Same(library, OwnerCentring.Library(snapshot, dimensions: 3));
        Assert.Equal(["bo", "sloth"], library.Concepts.Select(c => c.Name.Value));

        // The hub's reference (0, 0.6, 0.8) less m = (0, 0, 1), re-normalised: (0, 0.949, −0.316).
        var hub = library.Concepts[1].References[0].Regions[0].ImageVector.ToArray();
        Assert.Equal([0f, 0.949f, -0.316f], hub, new Close(1e-3f));

        // After a change the index hands out a new list: centred again, from what it holds now.
        IReadOnlyList<Concept> changed = [Bo, Hub, Concept("can", [0, 1, 0])];
        var again = OwnerCentring.Library(changed, dimensions: 3)!;
        Assert.NotSame(library, again);
        Assert.Equal(3, again.Concepts.Count);
        Assert.Null(OwnerCentring.Library([Hub], dimensions: 3));
    }

    [Fact]
    public void AHubThatOutscoresTheRightConceptRaw_IsRankedBelowItCentred_AndDropped()
    {
        // Raw: bo 0.6, the hub 0.64 (it shares the room with the photo). Centred on m = (0, 0, 1): the photo is
        // (0.6, 0, −0.2)/0.632, bo (1, 0, −1)/1.414, the hub (0, 0.6, −0.2)/0.632: bo 0.894, the hub 0.1.
        var raw = new[] { CandidateRetriever.Score(Hub, Photo, 0f), CandidateRetriever.Score(Bo, Photo, 0f) };
        Assert.Equal(0.64f, raw[0].Score, 5);
        Assert.Equal(0.6f, raw[1].Score, 5);

        var centring = OwnerCentring.Of([Bo, Hub], dimensions: 3)!;
        var photo = centring.Centre(Photo);
        var centred = centring.Centre([Bo, Hub]).Select(c => CandidateRetriever.Score(c, photo, 0f)).ToList();
        Assert.Equal(0.894f, centred[0].Score, 3);
        Assert.Equal(0.1f, centred[1].Score, 3);

        var first = CandidateRetriever.CentredFirst(raw, centred);
        Assert.Equal(["bo", "sloth"], first.Select(c => c.Concept.Value));
        Assert.Equal(0.6f, first[0].Score, 5);
        Assert.Equal(0.894f, first[0].CentredScore!.Value, 3);

        // The hub outscores bo raw, so it is not offered above it; a concept that does not outscore bo stays.
        var low = new Candidate(ConceptName.Parse("can"), 0.3f, 0.3f, 0f, 0, 0);
        Assert.Equal(["bo", "can"], CandidateRetriever.WithoutOutscorers([.. first, low]).Select(c => c.Concept.Value));
    }

    [Fact]
    public void CentredFirst_CountsTheLocalEvidenceInEachRawScore_AndKeepsTheRawOrderWhenNothingScoredCentred()
    {
        // bo: global 0.6, no inliers; can: global 0.3 plus 0.3 of local evidence. Centred bo 0.9 and can 0.7: can leads with 1.0.
        var raw = new[]
        {
            new Candidate(ConceptName.Parse("can"), 0.6f, 0.3f, 0f, 0, 0, Inliers: 20, GlobalScore: 0.3f),
            new Candidate(ConceptName.Parse("bo"), 0.6f, 0.6f, 0f, 0, 0),
        };
        var centred = new[]
        {
            new Candidate(ConceptName.Parse("bo"), 0.9f, 0.9f, 0f, 0, 0),
            new Candidate(ConceptName.Parse("can"), 0.7f, 0.7f, 0f, 0, 0),
        };

        var first = CandidateRetriever.CentredFirst(raw.Reverse().ToArray(), centred);
        Assert.Equal("can", first[0].Concept.Value);
        Assert.Equal(1.0f, first[0].CentredScore!.Value, 5);

        // The room rule excluded every region of every concept in the centred space (−1): nothing to choose by.
        var excluded = centred.Select(c => c with { Score = -1 }).ToArray();
        Assert.Same(raw, CandidateRetriever.CentredFirst(raw, excluded));
    }

    private static ImageRegion Region(float[] image) => new(new BoundingBox(0, 0, 640, 480), "image", null, 1f, image, [], [], []);

    private static Concept Concept(string name, float[] reference, float[][]? rooms = null) => new(
        OwnerId.Parse("alice"),
        ConceptName.Parse(name),
        "thing",
        "a thing",
        null,
        [],
        [],
        [new ConceptReference(name, name + ".jpg", 640, 480, [new ReferenceRegion(new BoundingBox(0, 0, 640, 480), "image", null, reference, ReadOnlyMemory<float>.Empty)])
        {
            Rooms = rooms?.Select(r => new ReferenceRegion(new BoundingBox(0, 0, 100, 100), "room", null, r, ReadOnlyMemory<float>.Empty)).ToList(),
        }],
        ReadOnlyMemory<float>.Empty,
        "test",
        DateTimeOffset.UnixEpoch);

    private sealed class Close(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
