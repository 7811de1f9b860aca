using Microsoft.Extensions.Options;
using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Models.Analysis;
using Personalization.Models.Clip;
using Personalization.Models.Detection;
using Personalization.Models.Encoders;
using Personalization.Core.Recognition;
using Personalization.Models.LocalFeatures;
using Personalization.TestSupport;
using SkiaSharp;

namespace Personalization.Models.Tests.LocalFeatures;

/// <summary>SIFT extraction through the analyzer, RootSIFT matching with RANSAC, and reference regions, on real photos.</summary>
public sealed class LocalFeatureTests : IDisposable
{
    private readonly MiniLmTextEncoder _text = new(OnnxModels.Factory());
    private readonly Lazy<OnnxImageAnalyzer> _analyzer;
    private readonly SiftMatcher _matcher = new(Options.Create(new LocalFeatureOptions()));

    public LocalFeatureTests()
    {
        _analyzer = new(() => new OnnxImageAnalyzer(
            OnnxModels.Factory(), OnnxModels.Decoder(), _text, Options.Create(new DetectionOptions()), Options.Create(new EncoderOptions()),
            Options.Create(new ClipOptions()), new StageTimings(), new SiftExtractor(Options.Create(new LocalFeatureOptions()))));
    }

    [Theory]
    [InlineData(40, 9)]
    [InlineData(1, 4)]
    [InlineData(17, 3)]
    [InlineData(1500, 13)]
    public void VectorDotProducts_AgreeWithTheScalarDefinition(int queries, int references)
    {
        var random = new Random(queries + references);
        var sift = new byte[queries * 128];
        random.NextBytes(sift);

        // Duplicates make ties: the first of two equal codes wins, and the second best equals the best.
        sift.AsSpan(0, 128).CopyTo(sift.AsSpan((queries - 1) * 128, 128));
        var query = QueryCodes.Encode(sift, queries);
        var plain = RootSiftCodes.Encode(sift, queries, 255f);
        var referenceSift = new byte[references * 128];
        random.NextBytes(referenceSift);
        sift.AsSpan((queries / 2) * 128, 128).CopyTo(referenceSift.AsSpan(0, 128));
        var codes = RootSiftCodes.Encode(referenceSift, references, 127f);
        var results = new (int Best, int Second, int BestIndex)[references];
        RootSiftCodes.TopTwo(query, codes, results);

        for (var i = 0; i < references; i++)
        {
            var reference = codes.AsSpan(i * 128, 128).ToArray();
            var scalar = Enumerable.Range(0, queries).Select(j => RootSiftCodes.ScalarDot(plain.AsSpan(j * 128, 128), reference)).ToList();
            Assert.Equal(scalar.Max(), results[i].Best);
            Assert.Equal(scalar.IndexOf(scalar.Max()), results[i].BestIndex);
            Assert.Equal(queries > 1 ? scalar.OrderDescending().ElementAt(1) : int.MinValue, results[i].Second);
            var code = new byte[128];
            query.CopyCode(results[i].BestIndex, code);
            Assert.Equal(plain.AsSpan(results[i].BestIndex * 128, 128).ToArray(), code);
        }

        Assert.Equal(queries / 2 == queries - 1 ? 0 : queries / 2, results[0].BestIndex);
        Assert.True(results[0].Best / RootSiftCodes.Unit > 0.98f, "a descriptor against itself has cosine ≈ 1");
    }

    [SharedFact]
    public async Task SameObjectSmallInAnotherPhoto_MatchesWithManyInliersAndItsBox_AnotherObjectDoesNot()
    {
        var teapot = Path.Combine(SharedData.DreamBoothDirectory, "teapot");
        var reference = await AnalyseAsync(Directory.GetFiles(teapot).Order().First(), asReference: true);
        var other = await AnalyseAsync(Directory.GetFiles(Path.Combine(SharedData.DreamBoothDirectory, "backpack")).Order().First(), asReference: true);

        // The reference photo itself, shrunk to a third and pasted into a bigger everyday photo.
        var (composite, box) = Paste(Directory.GetFiles(teapot).Order().First(), SharedData.Image("horses.jpg"), 0.3f);
        var query = await AnalyseBytesAsync(composite, asReference: false);

        Assert.NotNull(query.Local);
        Assert.NotNull(reference.Local);
        Assert.Contains(reference.Focus!.Source, new[] { ReferenceFocus.Detector, ReferenceFocus.Centre });
        var matches = _matcher.Match(query.Local!, [reference.Local!, other.Local!]);
        Assert.True(matches[0].Inliers >= 15, $"teapot inliers {matches[0].Inliers}");
        Assert.True(matches[1].Inliers < 8, $"backpack inliers {matches[1].Inliers}");
        Assert.NotNull(matches[0].QueryBox);
        var iou = matches[0].QueryBox!.IntersectionOverUnion(box);
        Assert.True(iou > 0.3, $"matched box {matches[0].QueryBox} vs pasted {box}: IoU {iou:F2}");
    }

    [SharedFact]
    public async Task ReferenceWithDrawnBox_IsThatRegionOnly_ABadBoxIsOneLine()
    {
        var photo = await File.ReadAllBytesAsync(Directory.GetFiles(Path.Combine(SharedData.DreamBoothDirectory, "dog")).Order().First());
        var results = await _analyzer.Value.AnalyzeAsync(
        [
            new ImageInput("boxed", photo, AsReference: true, Box: new BoundingBox(100, 120, 300, 280)),
            new ImageInput("outside", photo, AsReference: true, Box: new BoundingBox(500, 500, 400, 400)),
            new ImageInput("empty", photo, AsReference: true, Box: new BoundingBox(10, 10, 0, 50)),
        ]);
        var boxed = results[0].Analysis!;
        Assert.Equal(ReferenceFocus.User, boxed.Focus!.Source);
        Assert.Single(boxed.Regions);
        Assert.Equal(new BoundingBox(100, 120, 300, 280), boxed.Regions[0].Box);

        // Its room: the grid tiles the box covers less than a quarter of, embedded, kept apart from its regions.
        Assert.NotNull(boxed.Rooms);
        Assert.InRange(boxed.Rooms!.Count, 1, 12);
        Assert.All(boxed.Rooms, room =>
        {
            Assert.Equal("room", room.Source);
            Assert.Equal(1280, room.ImageVector.Length);
            var w = Math.Min(room.Box.X + room.Box.Width, 400) - Math.Max(room.Box.X, 100);
            var h = Math.Min(room.Box.Y + room.Box.Height, 400) - Math.Max(room.Box.Y, 120);
            Assert.True(Math.Max(0, w) * Math.Max(0, h) < 0.25f * room.Box.Area, $"room tile {room.Box} overlaps the box");
        });
        Assert.All(Enumerable.Range(0, boxed.Local!.Count), i =>
        {
            Assert.InRange(boxed.Local.Points[2 * i], 99, 401);
            Assert.InRange(boxed.Local.Points[(2 * i) + 1], 119, 401);
        });
        Assert.Contains("outside", results[1].Error!, StringComparison.Ordinal);
        Assert.Contains("zero or negative size", results[2].Error!, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task ReferenceWithoutBox_InTheMiddleOfARoom_IsCutFromTheRoom()
    {
        // A teapot photographed in the middle of a room (an everyday photo around it); no box drawn.
        var teapot = Directory.GetFiles(Path.Combine(SharedData.DreamBoothDirectory, "teapot")).Order().First();
        var (photo, pasted) = Paste(teapot, SharedData.Image("horses.jpg"), 0.35f, left: 0.32f, top: 0.2f);

        var reference = await AnalyseBytesAsync(photo, asReference: true);

        Assert.Contains(reference.Focus!.Source, new[] { ReferenceFocus.Detector, ReferenceFocus.Centre });
        var iou = reference.Focus.Box.IntersectionOverUnion(pasted);
        Assert.True(iou > 0.5, $"focus {reference.Focus.Box} vs pasted {pasted}: IoU {iou:F2}");
        Assert.Single(reference.Regions);
        var local = reference.Local!;
        var inside = Enumerable.Range(0, local.Count).Count(i =>
            local.Points[2 * i] >= pasted.X - 8 && local.Points[2 * i] <= pasted.X + pasted.Width + 8
            && local.Points[(2 * i) + 1] >= pasted.Y - 8 && local.Points[(2 * i) + 1] <= pasted.Y + pasted.Height + 8);
        Assert.True(local.Count >= 50, $"{local.Count} keypoints on the teapot");
        Assert.True(inside >= 0.95 * local.Count, $"{inside} of {local.Count} keypoints on the teapot, the rest on the room");
    }

    [SharedFact]
    public async Task ReferenceBoxWithRoomInIt_TheRoomSeenAroundAnotherReference_CountsForNoConcept()
    {
        // Two owned things photographed in the same room (an everyday photo); the teapot's box drawn loosely, so the room's
        // fence and horses lie inside it.
        var room = SharedData.Image("horses.jpg");
        var teapot = Directory.GetFiles(Path.Combine(SharedData.DreamBoothDirectory, "teapot")).Order().First();
        var backpack = Directory.GetFiles(Path.Combine(SharedData.DreamBoothDirectory, "backpack")).Order().First();
        var (teapotPhoto, teapotBox) = Paste(teapot, room, 0.2f, left: 0.4f, top: 0.3f);
        var loose = new BoundingBox(teapotBox.X - teapotBox.Width, teapotBox.Y - (0.5f * teapotBox.Height), 3 * teapotBox.Width, 2 * teapotBox.Height);
        var (backpackPhoto, backpackBox) = Paste(backpack, room, 0.2f, left: 0.05f, top: 0.05f);
        var analysed = await _analyzer.Value.AnalyzeAsync(
        [
            new ImageInput("teapot", teapotPhoto, AsReference: true, Box: loose),
            new ImageInput("backpack", backpackPhoto, AsReference: true, Box: backpackBox),
        ]);
        var (teapotReference, backpackReference) = (analysed[0].Analysis!, analysed[1].Analysis!);
        Assert.NotNull(teapotReference.Surroundings);
        Assert.NotNull(backpackReference.Surroundings);
        var focus = backpackReference.Focus!.Box;
        Assert.All(Enumerable.Range(0, backpackReference.Surroundings!.Count), i =>
        {
            var (x, y) = (backpackReference.Surroundings.Points[2 * i], backpackReference.Surroundings.Points[(2 * i) + 1]);
            Assert.False(x > focus.X && y > focus.Y && x < focus.X + focus.Width && y < focus.Y + focus.Height, $"({x}, {y}) is inside the object {focus}");
        });
        Concept[] concepts = [Owned("teapot", teapotReference), Owned("backpack", backpackReference)];

        // A photo of the same room with neither of them (a dog in it instead): the teapot's box matches its room.
        var dog = Directory.GetFiles(Path.Combine(SharedData.DreamBoothDirectory, "dog")).Order().First();
        var (emptyRoom, _) = Paste(dog, room, 0.2f, left: 0.75f, top: 0.6f);
        var withoutTeapot = await AnalyseBytesAsync(emptyRoom, asReference: false);
        var before = _matcher.Match(withoutTeapot.Local!, [teapotReference.Local!]);
        Assert.True(before[0].Inliers > 10, $"the room in the teapot's box: {before[0].Inliers} inliers");
        var after = RoomInliers.Remove(_matcher, withoutTeapot.Local!, before, concepts, minInliers: 3);
        Assert.True(after[0].Inliers <= 3, $"room inliers left: {after[0].Inliers} of {before[0].Inliers}");

        // The teapot itself in another room keeps its inliers.
        var (elsewhere, _) = Paste(teapot, SharedData.Image("kite.jpg"), 0.3f);
        var withTeapot = await AnalyseBytesAsync(elsewhere, asReference: false);
        var found = _matcher.Match(withTeapot.Local!, [teapotReference.Local!]);
        var kept = RoomInliers.Remove(_matcher, withTeapot.Local!, found, concepts, minInliers: 3);
        Assert.True(found[0].Inliers >= 15, $"teapot inliers {found[0].Inliers}");
        Assert.True(kept[0].Inliers >= 0.9 * found[0].Inliers, $"teapot inliers {kept[0].Inliers} of {found[0].Inliers} after the room check");
    }

    private static Concept Owned(string name, ImageAnalysis reference) => new(
        OwnerId.Parse("u"), ConceptName.Parse(name), "thing", name, null, [], [],
        [new ConceptReference(reference.ContentHash, name + ".jpg", reference.Width, reference.Height, [], reference.Focus, reference.Local, null, reference.Surroundings)],
        ReadOnlyMemory<float>.Empty, "test", DateTimeOffset.UnixEpoch);

    private async Task<ImageAnalysis> AnalyseAsync(string path, bool asReference) => await AnalyseBytesAsync(await File.ReadAllBytesAsync(path), asReference);

    private async Task<ImageAnalysis> AnalyseBytesAsync(byte[] bytes, bool asReference)
    {
        var result = (await _analyzer.Value.AnalyzeAsync([new ImageInput("x", bytes, asReference)]))[0];
        return result.Analysis ?? throw new InvalidOperationException(result.Error);
    }

    private static (byte[] Jpeg, BoundingBox Box) Paste(string subject, string background, float widthFraction, float left = 0.55f, float top = 0.35f)
    {
        using var back = SKBitmap.Decode(background);
        using var front = SKBitmap.Decode(subject);
        using var surface = SKSurface.Create(new SKImageInfo(back.Width, back.Height));
        var canvas = surface.Canvas;
        using var backImage = SKImage.FromBitmap(back);
        canvas.DrawImage(backImage, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        var w = back.Width * widthFraction;
        var h = w * front.Height / front.Width;
        var rect = SKRect.Create(back.Width * left, back.Height * top, w, h);
        using var image = SKImage.FromBitmap(front);
        canvas.DrawImage(image, rect, new SKSamplingOptions(SKFilterMode.Linear));
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 92);
        return (data.ToArray(), new BoundingBox(rect.Left, rect.Top, rect.Width, rect.Height));
    }

    public void Dispose()
    {
        if (_analyzer.IsValueCreated)
        {
            _analyzer.Value.Dispose();
        }

        _text.Dispose();
    }
}
