using System.Security.Cryptography;
using Personalization.Core.Diagnostics;
using Personalization.Core.Ports;
using Personalization.TestSupport;

namespace Personalization.Models.Tests.Analysis;

public sealed class OnnxImageAnalyzerTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    [SharedFact]
    public void EncoderSpace_NamesTheEncoders()
    {
        Assert.Equal("mobilenetv2+minilm-bridge", fixture.Analyzer.EncoderSpace);
    }

    [SharedFact]
    public async Task AnalyzeAsync_GoodCorruptAndEmpty_AnalysesTheGoodOneAndReportsTheOthers()
    {
        var dog = await File.ReadAllBytesAsync(SharedData.Image("dog.jpg"));
        var corrupt = dog.ToArray();
        Array.Fill(corrupt, (byte)0x5A, 0, 64); // a JPEG whose header is gone

        var results = await fixture.Analyzer.AnalyzeAsync(
        [
            new ImageInput("corrupt.jpg", corrupt),
            new ImageInput("dog.jpg", dog),
            new ImageInput("empty.jpg", ReadOnlyMemory<byte>.Empty),
        ]);

        Assert.Equal(["corrupt.jpg", "dog.jpg", "empty.jpg"], results.Select(r => r.Id));
        Assert.False(results[0].Succeeded);
        Assert.False(results[2].Succeeded);
        Assert.All(new[] { results[0], results[2] }, r =>
        {
            Assert.Null(r.Analysis);
            Assert.False(string.IsNullOrWhiteSpace(r.Error));
            Assert.DoesNotContain('\n', r.Error!);
        });
        Assert.Contains("empty", results[2].Error!, StringComparison.Ordinal);

        var analysis = results[1].Analysis!;
        Assert.True(results[1].Succeeded);
        Assert.Null(results[1].Error);
        Assert.Equal((768, 576), (analysis.Width, analysis.Height));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(dog)), analysis.ContentHash);
        Assert.Contains(analysis.Detections, d => d.Label == "dog");
        Assert.NotEmpty(analysis.DominantColors);

        Assert.InRange(analysis.Regions.Count, 2 + 13, 1 + 8 + 13); // the whole image, up to MaxRegions (8) crops and 13 grid tiles
        Assert.Equal(13, analysis.Regions.Count(r => r.Source == "tile"));
        Assert.Equal("image", analysis.Regions[0].Source);
        Assert.Equal(new Core.Domain.BoundingBox(0, 0, 768, 576), analysis.Regions[0].Box);
        Assert.Contains(analysis.Regions, r => r.Source == "detection" && r.Label == "dog");
        Assert.All(analysis.Regions, r =>
        {
            Assert.Equal(1280, r.ImageVector.Length);
            Assert.Equal(384, r.TextVector.Length);
            Assert.Equal(1f, Norm(r.ImageVector), 3);
            Assert.Equal(1f, Norm(r.TextVector), 3);
            Assert.Equal(10, r.TopLabels.Count);
            Assert.True(r.TopLabels.Zip(r.TopLabels.Skip(1)).All(p => p.First.Probability >= p.Second.Probability));
        });
        Assert.Equal(analysis.Regions[0].Colors, analysis.DominantColors);
    }

    [SharedFact]
    public async Task AnalyzeAsync_SameImageTwice_GivesTheSameHashAndVectors()
    {
        var bytes = await File.ReadAllBytesAsync(SharedData.Image("horses.jpg"));

        var inOneBatch = await fixture.Analyzer.AnalyzeAsync([new ImageInput("a", bytes), new ImageInput("b", bytes.ToArray())]);
        var again = await fixture.Analyzer.AnalyzeAsync([new ImageInput("c", bytes)]);

        var (a, b, c) = (inOneBatch[0].Analysis!, inOneBatch[1].Analysis!, again[0].Analysis!);
        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.Equal(a.ContentHash, c.ContentHash);
        Assert.Equal(a.Regions.Count, c.Regions.Count);
        for (var i = 0; i < a.Regions.Count; i++)
        {
            Assert.Equal(a.Regions[i].Box, c.Regions[i].Box);
            Assert.True(MaxDifference(a.Regions[i].ImageVector, b.Regions[i].ImageVector) < 1e-5f);
            Assert.True(MaxDifference(a.Regions[i].ImageVector, c.Regions[i].ImageVector) < 1e-5f);
            Assert.True(MaxDifference(a.Regions[i].TextVector, c.Regions[i].TextVector) < 1e-5f);
        }
    }

    [SharedFact]
    public async Task AnalyzeAsync_DifferentPhotos_GiveDifferentWholeImageVectors()
    {
        var results = await fixture.Analyzer.AnalyzeAsync(
        [
            new ImageInput("dog", await File.ReadAllBytesAsync(SharedData.Image("dog.jpg"))),
            new ImageInput("eagle", await File.ReadAllBytesAsync(SharedData.Image("eagle.jpg"))),
        ]);

        var dog = results[0].Analysis!.Regions[0].ImageVector;
        var eagle = results[1].Analysis!.Regions[0].ImageVector;
        Assert.True(Dot(dog, eagle) < 0.9f, $"cos {Dot(dog, eagle)}");
        Assert.NotEqual(results[0].Analysis!.ContentHash, results[1].Analysis!.ContentHash);
    }

    [SharedFact]
    public async Task AnalyzeAsync_OnePixelAndThinStrip_AreAnalysedAsWholeImages()
    {
        var results = await fixture.Analyzer.AnalyzeAsync(
        [
            new ImageInput("pixel", Imaging.TestImages.Png(1, 1, (_, _) => SkiaSharp.SKColors.Orange)),
            new ImageInput("strip", Imaging.TestImages.Png(2000, 3, (x, _) => x < 1000 ? SkiaSharp.SKColors.Red : SkiaSharp.SKColors.Blue)),
        ]);

        Assert.All(results, r =>
        {
            Assert.True(r.Succeeded, r.Error);
            var whole = r.Analysis!.Regions[0];
            Assert.Equal(1f, Norm(whole.ImageVector), 3);
            Assert.Equal(1f, Norm(whole.TextVector), 3);
        });
        Assert.Equal((2000, 3), (results[1].Analysis!.Width, results[1].Analysis!.Height));
    }

    [SharedFact]
    public async Task AnalyzeAsync_EmptyBatch_IsEmpty()
    {
        Assert.Empty(await fixture.Analyzer.AnalyzeAsync([]));
    }

    [SharedFact]
    public async Task AnalyzeAsync_Batch_RecordsStageTimings()
    {
        await fixture.Analyzer.AnalyzeAsync([new ImageInput("dog", await File.ReadAllBytesAsync(SharedData.Image("dog.jpg")))]);

        var snapshot = fixture.Timings.Snapshot();
        Assert.All(new[] { PipelineStages.Decode, PipelineStages.Detect, PipelineStages.Embed }, stage => Assert.True(snapshot[stage].Items > 0, stage));
    }

    private static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private static float Norm(float[] v) => MathF.Sqrt(Dot(v, v));

    private static float MaxDifference(float[] a, float[] b) => a.Zip(b, (x, y) => MathF.Abs(x - y)).Max();
}
