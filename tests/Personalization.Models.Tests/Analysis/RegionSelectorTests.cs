using Personalization.Core.Domain;
using Personalization.Models.Analysis;
using Personalization.Models.Detection;

namespace Personalization.Models.Tests.Analysis;

public sealed class RegionSelectorTests
{
    private static readonly DetectionOptions Options = new() { MaxRegions = 4, MinRegionSide = 24, GridLevels = 0 };

    [Fact]
    public void Select_NoDetections_IsTheWholeImageOnly()
    {
        var region = Assert.Single(RegionSelector.Select([], 640, 480, Options));

        Assert.Equal(new BoundingBox(0, 0, 640, 480), region.Box);
        Assert.Equal("image", region.Source);
        Assert.Null(region.Label);
        Assert.Equal(1f, region.Score);
    }

    [Fact]
    public void Select_GoodDetection_ComesAfterTheWholeImageWithFivePercentPadding()
    {
        var regions = RegionSelector.Select([Detection(100, 100, 100, 50, "dog", 0.9f, 0.9f)], 640, 480, Options);

        Assert.Equal(2, regions.Count);
        Assert.Equal("image", regions[0].Source);
        Assert.Equal(("detection", "dog"), (regions[1].Source, regions[1].Label));
        Assert.Equal(0.81f, regions[1].Score, 5);

        // 5 % of 100 = 5 and 5 % of 50 = 2.5 on every side.
        Assert.Equal(new BoundingBox(95, 97.5f, 110, 55), regions[1].Box);
    }

    [Fact]
    public void Select_Proposal_IsARegionWithoutALabel_RankedWithTheDetections()
    {
        var detection = Detection(100, 100, 100, 50, "dog", 0.9f, 0.9f);
        var proposal = Detection(400, 300, 60, 60, "person", 0.2f, 0.3f);
        var options = new DetectionOptions { MaxRegions = 2, MinRegionSide = 24, GridLevels = 0 };

        var regions = RegionSelector.Select([detection], 640, 480, options, [proposal]);
        var noRoom = RegionSelector.Select([detection], 640, 480, new DetectionOptions { MaxRegions = 1, MinRegionSide = 24, GridLevels = 0 }, [proposal]);

        Assert.Equal(["image", "detection", "proposal"], regions.Select(r => r.Source));
        Assert.Null(regions[2].Label);
        Assert.Equal(new BoundingBox(397, 297, 66, 66), regions[2].Box);
        Assert.Equal(["image", "detection"], noRoom.Select(r => r.Source));
    }

    [Fact]
    public void Select_BoxAtTheEdge_PaddingStaysInsideTheImage()
    {
        var regions = RegionSelector.Select([Detection(0, 400, 200, 80, "dog", 0.9f, 0.9f)], 640, 480, Options);

        var box = regions[1].Box;
        Assert.Equal(0f, box.X);
        Assert.Equal(480f, box.Y + box.Height, 3);
        Assert.Equal(210f, box.Width, 3); // 10 px padding on the right only
    }

    [Fact]
    public void Select_TinyBox_IsSkipped()
    {
        var regions = RegionSelector.Select([Detection(10, 10, 200, 23, "kite", 0.9f, 0.9f)], 640, 480, Options);

        Assert.Single(regions);
    }

    [Fact]
    public void Select_NearlyWholeImage_IsSkipped()
    {
        // 620×460 is 93 % of 640×480: the whole-image region already covers it.
        var regions = RegionSelector.Select([Detection(10, 10, 620, 460, "dog", 0.9f, 0.9f), Detection(0, 0, 600, 460, "cat", 0.8f, 0.8f)], 640, 480, Options);

        Assert.Equal(["image", "detection"], regions.Select(r => r.Source));
        Assert.Equal("cat", regions[1].Label); // 600×460 is 90 % minus a little: kept
    }

    [Fact]
    public void Select_NearDuplicateOfAChosenBox_IsSkipped()
    {
        var regions = RegionSelector.Select(
            [Detection(100, 100, 200, 200, "dog", 0.9f, 0.9f), Detection(105, 100, 200, 200, "cat", 0.8f, 0.8f), Detection(400, 100, 100, 100, "ball", 0.7f, 0.7f)],
            640,
            480,
            Options);

        Assert.Equal([null, "dog", "ball"], regions.Select(r => r.Label));
    }

    [Fact]
    public void Select_MoreThanMaxRegions_KeepsTheBestRankedOnes()
    {
        var options = new DetectionOptions { MaxRegions = 2, MinRegionSide = 24, GridLevels = 0 };
        Core.Domain.Detection[] detections =
        [
            Detection(0, 0, 50, 50, "low", 0.3f, 0.3f),
            Detection(100, 0, 50, 50, "objectness only", 0.95f, 0.2f), // rank 0.5·0.95 + 0.5·0.19 = 0.57
            Detection(200, 0, 50, 50, "high", 0.9f, 0.9f), // 0.5·0.9 + 0.5·0.81 = 0.855
            Detection(300, 0, 50, 50, "middle", 0.5f, 0.9f), // 0.5·0.5 + 0.5·0.45 = 0.475
        ];

        var regions = RegionSelector.Select(detections, 640, 480, options);

        Assert.Equal([null, "high", "objectness only"], regions.Select(r => r.Label));
    }

    [Fact]
    public void Select_MaxRegionsZero_IsTheWholeImageOnly()
    {
        var regions = RegionSelector.Select([Detection(100, 100, 100, 100, "dog", 0.9f, 0.9f)], 640, 480, new DetectionOptions { MaxRegions = 0, GridLevels = 0 });

        Assert.Single(regions);
    }

    private static Core.Domain.Detection Detection(float x, float y, float w, float h, string label, float objectness, float classScore) =>
        new(new BoundingBox(x, y, w, h), 0, label, objectness, classScore);
}
