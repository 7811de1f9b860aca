using Personalization.Core.Domain;
using Personalization.Models.Analysis;

namespace Personalization.Models.Tests.Analysis;

/// <summary>A reference photo's object without a drawn box: a detection near the middle, else the middle, never the room.</summary>
public sealed class ReferenceFocusChooserTests
{
    [Fact]
    public void Choose_LargeDetectionNearTheCentre_IsThatDetectionPadded()
    {
        var teapot = new Core.Domain.Detection(new BoundingBox(300, 200, 200, 200), 75, "vase", 0.8f, 0.6f);
        var corner = new Core.Domain.Detection(new BoundingBox(0, 0, 300, 250), 2, "car", 0.9f, 0.9f);

        var focus = ReferenceFocusChooser.Choose(null, [corner, teapot], 800, 600);

        Assert.Equal(ReferenceFocus.Detector, focus.Source);
        Assert.Equal("vase", focus.Label);
        Assert.Equal(new BoundingBox(280, 180, 240, 240), focus.Box);
    }

    [Fact]
    public void Choose_OnlyADetectionAtTheEdge_IsTheMiddleOfThePhoto()
    {
        // A car in a corner is something else in the room, not what was photographed.
        var corner = new Core.Domain.Detection(new BoundingBox(578, 0, 222, 172), 2, "car", 0.9f, 0.9f);

        var focus = ReferenceFocusChooser.Choose(null, [corner], 800, 600);

        Assert.Equal(ReferenceFocus.Centre, focus.Source);
        Assert.Equal(new BoundingBox(160, 120, 480, 360), focus.Box);
    }

    [Fact]
    public void Choose_NothingDetected_IsTheMiddle_ATinyPhotoIsWhole()
    {
        Assert.Equal(ReferenceFocus.Centre, ReferenceFocusChooser.Choose(null, [], 640, 480).Source);
        var tiny = ReferenceFocusChooser.Choose(null, [], 40, 40);
        Assert.Equal((ReferenceFocus.Whole, new BoundingBox(0, 0, 40, 40)), (tiny.Source, tiny.Box));
    }

    [Fact]
    public void Choose_DrawnBox_WinsOverEverything()
    {
        var teapot = new Core.Domain.Detection(new BoundingBox(300, 200, 200, 200), 75, "vase", 0.8f, 0.6f);

        var focus = ReferenceFocusChooser.Choose(new BoundingBox(10, 20, 100, 80), [teapot], 800, 600);

        Assert.Equal((ReferenceFocus.User, new BoundingBox(10, 20, 100, 80)), (focus.Source, focus.Box));
    }

    [Fact]
    public void Choose_BoxWhereRecognitionFoundIt_IsAHintToCutFrom()
    {
        var focus = ReferenceFocusChooser.Choose(new BoundingBox(10, 20, 100, 80), [], 800, 600, hint: true);

        Assert.Equal((ReferenceFocus.Found, new BoundingBox(10, 20, 100, 80)), (focus.Source, focus.Box));
    }

    [Fact]
    public void Choose_ADetectionOffTheMiddle_IsNotTheSubject()
    {
        // A car parked behind the subject, its centre a quarter of the photo's width from the middle: the subject itself is
        // not a COCO class, so the middle of the photo (and its cut) is a better guess than the car.
        var car = new Core.Domain.Detection(new BoundingBox(452, 83, 307, 131), 2, "car", 0.9f, 0.9f);

        var focus = ReferenceFocusChooser.Choose(null, [car], 800, 600);

        Assert.Equal(ReferenceFocus.Centre, focus.Source);
    }
}
