using Personalization.Core.Domain;
using Personalization.Models.Detection;
using Personalization.Models.Imaging;
using Personalization.TestSupport;
using SkiaSharp;
using Xunit.Abstractions;

namespace Personalization.Models.Tests.Detection;

/// <summary>
/// YOLOX-Nano on darknet's sample photos. The expected boxes are generous ranges around what the model finds
/// (in original-image pixels): dog.jpg is 768×576 with the dog lower left, the bicycle across the middle and a car
/// (or truck) upper right.
/// </summary>
public sealed class YoloxDetectorTests(YoloxFixture yolox, ITestOutputHelper output) : IClassFixture<YoloxFixture>
{
    [SharedFact]
    public void Labels_AreTheEightyCocoClassesInModelOrder()
    {
        var labels = yolox.Detector.Labels;

        Assert.Equal(80, labels.Count);
        Assert.Equal(("person", "bicycle", "car", "dog"), (labels[0], labels[1], labels[2], labels[16]));
    }

    [SharedFact]
    public void Detect_DogJpeg_FindsDogBicycleAndCarWhereTheyAre()
    {
        using var image = Decode("dog.jpg");

        var detections = yolox.Detector.Detect(image);
        Print(detections);

        var dog = Best(detections, "dog");
        AssertCentre(dog.Box, x: (130, 330), y: (300, 470));
        Assert.InRange(dog.Box.Width, 120, 280);
        Assert.InRange(dog.Box.Height, 250, 420);
        Assert.True(dog.Score > 0.6f);

        var bicycle = Best(detections, "bicycle");
        AssertCentre(bicycle.Box, x: (220, 400), y: (200, 360));
        Assert.InRange(bicycle.Box.Width, 400, 620);

        var car = detections.Where(d => d.Label is "car" or "truck").MaxBy(d => d.Score)!;
        AssertCentre(car.Box, x: (500, 680), y: (70, 180));

        Assert.All(detections, d =>
        {
            Assert.InRange(d.Box.X, 0, 768);
            Assert.InRange(d.Box.Y, 0, 576);
            Assert.InRange(d.Box.X + d.Box.Width, 0, 768.01f);
            Assert.InRange(d.Box.Y + d.Box.Height, 0, 576.01f);
            Assert.True(d.Score >= 0.25f || d.Objectness >= 0.35f);
        });
        Assert.True(detections.Zip(detections.Skip(1)).All(p => p.First.Score >= p.Second.Score), "best first");
    }

    [SharedFact]
    public void Detect_ReducedDecode_ReportsBoxesInOriginalPixels()
    {
        using var full = Decode("dog.jpg");
        using var half = OnnxModels.Decoder(new ImageLimits { DecodeLongSide = 384 }).Decode(File.ReadAllBytes(SharedData.Image("dog.jpg")));
        Assert.Equal(2f, half.Scale);

        var fromFull = Best(yolox.Detector.Detect(full), "dog");
        var fromHalf = Best(yolox.Detector.Detect(half), "dog");

        Assert.True(fromFull.Box.IntersectionOverUnion(fromHalf.Box) > 0.8f, $"{fromFull.Box} vs {fromHalf.Box}");
    }

    [SharedFact]
    public void Detect_HorsesJpeg_FindsSeveralHorsesOnTheGround()
    {
        using var image = Decode("horses.jpg");

        var detections = yolox.Detector.Detect(image);
        Print(detections);

        var horses = detections.Where(d => d.Label == "horse" && d.Score > 0.4f).ToList();
        Assert.True(horses.Count >= 2, $"{horses.Count} horses");
        Assert.All(horses, h => Assert.InRange(h.Box.Y + (h.Box.Height / 2), 200, 512)); // below the horizon of a 773×512 photo
        Assert.DoesNotContain(detections, d => d.Label is "car" or "airplane" or "person");
    }

    [SharedFact]
    public void DetectWithProposals_DetectionsAreUnchanged_ProposalsAreWeakerBoxesApartFromThem()
    {
        using var image = Decode("kite.jpg");
        var options = new DetectionOptions();

        var plain = yolox.Detector.Detect(image);
        var output = yolox.Detector.DetectWithProposals(image);
        Print(output.Proposals);

        Assert.Equal(plain, output.Detections);
        Assert.NotEmpty(output.Proposals);
        Assert.InRange(output.Proposals.Count, 1, options.MaxProposals);
        Assert.All(output.Proposals, p =>
        {
            Assert.True(p.Score < options.ScoreThreshold && p.Objectness < options.ObjectnessThreshold, $"{p.Label} {p.Score} {p.Objectness} should have been a detection");
            Assert.True(p.Objectness >= options.ProposalObjectness, $"objectness {p.Objectness}");
            Assert.All(output.Detections, d => Assert.True(d.Box.IntersectionOverUnion(p.Box) <= options.NmsIou, $"{p.Box} repeats {d.Label} {d.Box}"));
        });
        Assert.True(output.Proposals.Zip(output.Proposals.Skip(1)).All(p => p.First.Objectness >= p.Second.Objectness), "best first");
    }

    [SharedFact]
    public void DetectWithProposals_ProposalThresholdAtTheObjectnessThreshold_NoProposals()
    {
        using var image = Decode("kite.jpg");
        using var detector = new YoloxDetector(OnnxModels.Factory(), Microsoft.Extensions.Options.Options.Create(new DetectionOptions { ProposalObjectness = 0.35 }));

        var output = detector.DetectWithProposals(image);

        Assert.Empty(output.Proposals);
        Assert.Equal(yolox.Detector.Detect(image), output.Detections);
    }

    [SharedFact]
    public void Detect_FlatGreyImage_FindsNothing()
    {
        using var image = OnnxModels.Decoder().Decode(Imaging.TestImages.Png(320, 240, (_, _) => new SKColor(114, 114, 114)));

        Assert.Empty(yolox.Detector.Detect(image));
    }

    [SharedFact]
    public void Detect_Cancelled_Throws()
    {
        using var image = Decode("dog.jpg");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => yolox.Detector.Detect(image, cts.Token));
    }

    private static DecodedImage Decode(string file) => OnnxModels.Decoder().Decode(File.ReadAllBytes(SharedData.Image(file)));

    private static Core.Domain.Detection Best(IEnumerable<Core.Domain.Detection> detections, string label) =>
        detections.Where(d => d.Label == label).MaxBy(d => d.Score) ?? throw new Xunit.Sdk.XunitException($"no {label} found");

    private static void AssertCentre(BoundingBox box, (float Low, float High) x, (float Low, float High) y)
    {
        Assert.InRange(box.X + (box.Width / 2), x.Low, x.High);
        Assert.InRange(box.Y + (box.Height / 2), y.Low, y.High);
    }

    private void Print(IEnumerable<Core.Domain.Detection> detections)
    {
        foreach (var d in detections)
        {
            output.WriteLine($"{d.Label} {d.Score:F2} ({d.Box.X:F0}, {d.Box.Y:F0}, {d.Box.Width:F0}×{d.Box.Height:F0})");
        }
    }
}
