using Personalization.Core.Domain;
using Personalization.Core.Recognition;

namespace Personalization.Core.Tests.Recognition;

/// <summary>The fused retrieval score s = (1−w)·max image-image + w·image-text, on 2-d vectors worked out by hand.</summary>
public sealed class CandidateRetrieverTests
{
    // Query region 0: image (1, 0), text (1, 0). Query region 1: image (0, 1), text (0, 1).
    private static readonly ImageAnalysis Query = new("q", 640, 480, [],
    [
        Region([1, 0], [1, 0]),
        Region([0, 1], [0, 1]),
    ], []);

    // Reference regions: r0 image (0.6, 0.8), r1 image (0, 1); description vector (1, 0).
    private static readonly Concept Bo = Concept([[0.6f, 0.8f], [0, 1]], description: [1, 0]);

    [Fact]
    public void Score_TextWeightPointThree_PicksTheRegionWithTheBestFusedScore()
    {
        // q0: image max(0.6, 0) = 0.6 via r0; text 1 → 0.7·0.6 + 0.3·1 = 0.72.
        // q1: image max(0.8, 1) = 1 via r1; text 0 → 0.7·1 + 0.3·0 = 0.70. Best: q0.
        var candidate = CandidateRetriever.Score(Bo, Query, textWeight: 0.3f);

        Assert.Equal(0.72f, candidate.Score, 5);
        Assert.Equal(0.6f, candidate.ImageSimilarity, 5);
        Assert.Equal(1f, candidate.TextSimilarity, 5);
        Assert.Equal((0, 0), (candidate.QueryRegion, candidate.ReferenceRegion));
        Assert.Equal(Bo.Name, candidate.Concept);
    }

    [Fact]
    public void Score_ImageOnly_PicksTheBestImageMatch()
    {
        // w = 0: q0 scores 0.6, q1 scores 1 (its match is r1).
        var candidate = CandidateRetriever.Score(Bo, Query, textWeight: 0f);

        Assert.Equal(1f, candidate.Score, 5);
        Assert.Equal((1, 1), (candidate.QueryRegion, candidate.ReferenceRegion));
    }

    [Fact]
    public void Score_DescriptionOfAnotherDimension_CountsTextAsZero()
    {
        // q0: 0.7·0.6 = 0.42; q1: 0.7·1 = 0.7.
        var candidate = CandidateRetriever.Score(Concept([[0.6f, 0.8f], [0, 1]], description: [1, 0, 0]), Query, textWeight: 0.3f);

        Assert.Equal(0.7f, candidate.Score, 5);
        Assert.Equal(0f, candidate.TextSimilarity);
    }

    [Fact]
    public void Score_QueryWithoutRegions_IsTheLowestScore()
    {
        var candidate = CandidateRetriever.Score(Bo, Query with { Regions = [] }, textWeight: 0.3f);

        Assert.Equal(-1f, candidate.Score);
        Assert.Equal(-1, candidate.ReferenceRegion);
    }

    [Fact]
    public void Score_ConceptWithTwoConfirmedReferences_LosesBetaLnThree_EnrolledReferencesLoseNothing()
    {
        // The same two regions split over three references: the best match is still r1 (1.0).
        var reference = Bo.References[0];
        IReadOnlyList<ConceptReference> three =
        [
            reference with { Regions = [reference.Regions[0]], Origin = ReferenceOrigins.Enrolled },
            reference with { Regions = [reference.Regions[1]], Origin = ReferenceOrigins.Confirmed },
            reference with { Regions = [reference.Regions[0]], Origin = ReferenceOrigins.Confirmed },
        ];
        var confirmed = Bo with { References = three };
        var enrolled = Bo with { References = [.. three.Select(r => r with { Origin = ReferenceOrigins.Enrolled })] };

        Assert.Equal(1f - (0.04f * MathF.Log(3)), CandidateRetriever.Score(confirmed, Query, textWeight: 0f, confirmedPenalty: 0.04f).Score, 5);
        Assert.Equal(1f, CandidateRetriever.Score(enrolled, Query, textWeight: 0f, confirmedPenalty: 0.04f).Score, 5);
        Assert.Equal(1f, CandidateRetriever.Score(confirmed, Query, textWeight: 0f).Score, 5);
    }

    [Fact]
    public void Score_RegionLikeARoomOfAnotherConceptsPhoto_CountsForNothing()
    {
        // Another concept's reference photo was taken in a room that looks like q1 (0, 1) exactly: q1 matches bo's r1 (1.0)
        // only as well as that room, so bo keeps q0's 0.6. A room like neither region changes nothing.
        var room = new ReferenceRegion(new BoundingBox(0, 0, 100, 100), "room", null, new float[] { 0, 1 }, ReadOnlyMemory<float>.Empty);
        var other = Bo with { Name = ConceptName.Parse("teapot"), References = [Bo.References[0] with { ContentHash = "t", Rooms = [room] }] };
        var rooms = RoomSimilarities.Measure(Query, [Bo, other], ownRoomOverlap: 0.25f)!.Against(Bo);

        Assert.Equal(new[] { 0f, 1f }, rooms);
        var candidate = CandidateRetriever.Score(Bo, Query, textWeight: 0f, roomSimilarity: rooms);
        Assert.Equal(0.6f, candidate.Score, 5);
        Assert.Equal(0, candidate.QueryRegion);
        var elsewhere = RoomSimilarities.Measure(Query, [Bo, other with { References = [other.References[0] with { Rooms = [room with { ImageVector = new float[] { -1, 0 } }] }] }], ownRoomOverlap: 0.25f)!;
        Assert.Equal(1f, CandidateRetriever.Score(Bo, Query, textWeight: 0f, roomSimilarity: elsewhere.Against(Bo)).Score, 5);
        Assert.Null(RoomSimilarities.Measure(Query, [Bo], ownRoomOverlap: 0.25f));
    }

    [Fact]
    public void RoomsAgainstAConcept_AreTheOtherConcepts_ItsOwnTilesClearOfIt_NeverItsConfirmedPhotos()
    {
        // bo was enrolled from a photo whose object box is (0, 0, 100, 100); one room tile lies clear of it and looks like q1,
        // another is a fifth object and looks like q0.
        var clear = new ReferenceRegion(new BoundingBox(200, 0, 100, 100), "room", null, new float[] { 0, 1 }, ReadOnlyMemory<float>.Empty);
        var touching = new ReferenceRegion(new BoundingBox(80, 0, 100, 100), "room", null, new float[] { 1, 0 }, ReadOnlyMemory<float>.Empty);
        var focus = new ReferenceFocus(new BoundingBox(0, 0, 100, 100), ReferenceFocus.User, null);
        var enrolled = Bo with { References = [Bo.References[0] with { Focus = focus, Rooms = [clear, touching] }] };
        var other = Bo with { Name = ConceptName.Parse("teapot"), References = [Bo.References[0] with { ContentHash = "t" }] };

        // Against bo only the tile that holds less of it than the setting allows; against the teapot both.
        Assert.Equal(new[] { 0f, 1f }, RoomSimilarities.Measure(Query, [enrolled, other], ownRoomOverlap: 0.05f)!.Against(enrolled));
        Assert.Equal(new[] { 1f, 1f }, RoomSimilarities.Measure(Query, [enrolled, other], ownRoomOverlap: 0.25f)!.Against(enrolled));
        Assert.Equal(new[] { float.NegativeInfinity, float.NegativeInfinity }, RoomSimilarities.Measure(Query, [enrolled, other], ownRoomOverlap: 0f)!.Against(enrolled));
        Assert.Equal(new[] { 1f, 1f }, RoomSimilarities.Measure(Query, [enrolled, other], ownRoomOverlap: 0f)!.Against(other));

        // A room of a photo in which the user confirmed bo never counts against bo; it still does against the others.
        var confirmed = Bo with { References = [.. Bo.References, Bo.References[0] with { ContentHash = "c", Origin = ReferenceOrigins.Confirmed, Rooms = [clear] }] };
        var measured = RoomSimilarities.Measure(Query, [confirmed, other], ownRoomOverlap: 0.25f)!;
        Assert.Equal(new[] { float.NegativeInfinity, float.NegativeInfinity }, measured.Against(confirmed));
        Assert.Equal(new[] { 0f, 1f }, measured.Against(other));
    }

    [Fact]
    public void Score_BestRegionATile_ShowsTheBoxOfAnObjectRegionScoringNearlyAsWell_ScoreUnchanged()
    {
        // The concept's reference region is (1, 0): the tile scores 1.0, the proposal 0.96, the whole photo 0.
        var concept = Concept([[1, 0]], description: [1, 0]);
        ImageAnalysis Photo(float[] proposal, string source = ImageRegion.ProposalSource) => Query with
        {
            Regions =
            [
                Region([0, 1], [0, 1]),
                Region([1, 0], [0, 1]) with { Source = "tile" },
                Region(proposal, [0, 1]) with { Source = source },
            ],
        };

        var near = CandidateRetriever.Score(concept, Photo([0.96f, 0.28f]), textWeight: 0f, objectBoxTolerance: 0.05f);
        Assert.Equal(1f, near.Score, 5);
        Assert.Equal(1, near.QueryRegion);
        Assert.Equal(2, near.ShownRegion);
        Assert.Equal(2, CandidateRetriever.Score(concept, Photo([0.96f, 0.28f], ImageRegion.DetectionSource), textWeight: 0f, objectBoxTolerance: 0.05f).BoxRegion);

        // Too far below the tile, not asked for, or the tile is the only place it was seen: the tile's box.
        Assert.Null(CandidateRetriever.Score(concept, Photo([0.8f, 0.6f]), textWeight: 0f, objectBoxTolerance: 0.05f).BoxRegion);
        Assert.Null(CandidateRetriever.Score(concept, Photo([0.96f, 0.28f]), textWeight: 0f, objectBoxTolerance: 0.03f).BoxRegion);
        Assert.Null(CandidateRetriever.Score(concept, Photo([0.96f, 0.28f]), textWeight: 0f).BoxRegion);
        Assert.Null(CandidateRetriever.Score(concept, Photo([0.96f, 0.28f], "tile"), textWeight: 0f, objectBoxTolerance: 0.05f).BoxRegion);

        // The best region is itself an object: nothing to replace.
        var best = CandidateRetriever.Score(concept, Photo([1f, 0f]) with { Regions = [Region([0, 1], [0, 1]), Region([1, 0], [0, 1]) with { Source = ImageRegion.ProposalSource }] }, textWeight: 0f, objectBoxTolerance: 0.05f);
        Assert.Equal(1, best.ShownRegion);
        Assert.Null(best.BoxRegion);
    }

    [Theory]
    [InlineData(300, 200, 1.0, 0.16349873f)] // short side 200: log2(224/200) halvings
    [InlineData(640, 480, 1.0, 0f)]
    [InlineData(224, 400, 1.0, 0f)]
    [InlineData(112, 300, 1.0, 1f)]
    [InlineData(56, 56, 1.0, 2f)]
    [InlineData(10, 10, 1.0, 2f)] // at most two halvings
    [InlineData(448, 448, 0.25, 1f)] // decoded at a quarter of the file's size: 112 px seen
    public void SmallRegionBonus_PerHalvingOfTheShortSideBelowTheEncodersInput_AtMostTwo(float width, float height, double pixelScale, float halvings)
    {
        Assert.Equal(0.02f * halvings, CandidateRetriever.SmallRegionBonus(new BoundingBox(5, 5, width, height), pixelScale, 0.02f), 5);
        Assert.Equal(0f, CandidateRetriever.SmallRegionBonus(new BoundingBox(5, 5, width, height), pixelScale, 0f));
    }

    [Fact]
    public void Score_SmallRegionBonus_LiftsASmallRegionOverALargeOneThatLooksALittleMoreAlike()
    {
        // A large region (the whole 640×480 photo) at cosine 0.8 and a 56×56 proposal at 0.78; the reference is (1, 0).
        var concept = Concept([[1, 0]], description: [1, 0]);
        var photo = Query with
        {
            Regions =
            [
                Region([0.8f, 0.6f], [0, 1]),
                Region([0.78f, MathF.Sqrt(1 - (0.78f * 0.78f))], [0, 1]) with { Box = new BoundingBox(100, 100, 56, 56), Source = ImageRegion.ProposalSource },
            ],
        };

        var without = CandidateRetriever.Score(concept, photo, textWeight: 0f);
        Assert.Equal((0.8f, 0, 0f), (without.Score, without.QueryRegion, without.RegionBonus));

        // Two halvings below 224 px: 0.78 + 2·0.025 = 0.83 beats 0.8; the similarity itself is reported as measured.
        var with = CandidateRetriever.Score(concept, photo, textWeight: 0f, smallRegionBonus: 0.025f);
        Assert.Equal(1, with.QueryRegion);
        Assert.Equal(0.83f, with.Score, 5);
        Assert.Equal(0.78f, with.ImageSimilarity, 5);
        Assert.Equal(0.05f, with.RegionBonus, 5);

        // Decoded at full size the photo is the same; decoded at half size the proposal is 28 px, still capped at two halvings.
        Assert.Equal(0.83f, CandidateRetriever.Score(concept, photo with { PixelScale = 0.5 }, textWeight: 0f, smallRegionBonus: 0.025f).Score, 5);
    }

    private static ImageRegion Region(float[] image, float[] text) => new(new BoundingBox(0, 0, 640, 480), "image", null, 1f, image, text, [], []);

    private static Concept Concept(float[][] regions, float[] description) => new(
        OwnerId.Parse("alice"),
        ConceptName.Parse("bo"),
        "dog",
        "a dog",
        null,
        [],
        [],
        [new ConceptReference("h", "bo.jpg", 640, 480, [.. regions.Select(v => new ReferenceRegion(new BoundingBox(0, 0, 640, 480), "image", null, v, description))])],
        description,
        "test",
        DateTimeOffset.UnixEpoch);
}
