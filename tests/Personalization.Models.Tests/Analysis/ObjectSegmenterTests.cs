using OpenCvSharp;
using Personalization.Core.Domain;
using Personalization.Models.Analysis;
using Personalization.Models.Tests.Imaging;
using Personalization.TestSupport;
using SkiaSharp;

namespace Personalization.Models.Tests.Analysis;

/// <summary>GrabCut's cut of a reference object, on a real photo.</summary>
public sealed class ObjectSegmenterTests
{
    [SharedFact]
    public async Task SamePhoto_GivesTheSameCut_WhateverOpenCvsRandomStateOnThisThread()
    {
        // GrabCut initialises its colour models with k-means, seeded from OpenCV's per-thread generator: the same photo
        // enrolled twice (on whichever thread analyses it) must give the same object, or benchmarks and users see noise.
        var photo = await File.ReadAllBytesAsync(Directory.GetFiles(Path.Combine(SharedData.DreamBoothDirectory, "teapot")).Order().First());
        using var image = OnnxModels.Decoder().Decode(photo);
        var middle = new BoundingBox(image.OriginalWidth * 0.2f, image.OriginalHeight * 0.2f, image.OriginalWidth * 0.6f, image.OriginalHeight * 0.6f);

        var first = ObjectSegmenter.Segment(image, middle);
        var cuts = new List<SegmentedObject?>();
        foreach (var state in new ulong[] { 1, 987654321, ulong.MaxValue / 3 })
        {
            Cv2.SetTheRNG(state);
            cuts.Add(ObjectSegmenter.Segment(image, middle));
        }

        Assert.NotNull(first);
        Assert.All(cuts, c =>
        {
            Assert.NotNull(c);
            Assert.Equal(first.Box, c.Box);
            Assert.Equal(first.Mask, c.Mask);
        });
    }

    [Fact]
    public void SomethingElseBesideTheSubject_IsLeftOutOfTheCut()
    {
        // A red subject in the middle of a grey, noisy room and a blue thing beside it, both inside the middle of the photo
        // where the cut starts: the cut is the subject's, not one box around both (a corgi beside a plush bear).
        var random = new Random(5);
        var png = TestImages.Png(400, 300, (x, y) =>
            x is >= 160 and < 240 && y is >= 110 and < 190 ? new SKColor(210, 40, 40)
            : x is >= 262 and < 302 && y is >= 125 and < 175 ? new SKColor(40, 60, 220)
            : new SKColor((byte)random.Next(100, 140), (byte)random.Next(100, 140), (byte)random.Next(100, 140)));
        using var image = OnnxModels.Decoder().Decode(png);

        var cut = ObjectSegmenter.Segment(image, new BoundingBox(80, 60, 240, 180));

        Assert.NotNull(cut);
        Assert.InRange(cut.Box.X, 150, 166);
        Assert.InRange(cut.Box.X + cut.Box.Width, 234, 255);
        Assert.True(cut.Contains(200, 150));
        Assert.False(cut.Contains(282, 150, tolerance: 0));
    }
}
