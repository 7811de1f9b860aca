using OpenCvSharp;
using Personalization.Core.Domain;
using Personalization.Models.Analysis;
using Personalization.TestSupport;

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
}
