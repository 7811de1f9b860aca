using Personalization.Models.Encoders;

namespace Personalization.Models.Tests.Encoders;

public sealed class LabelBridgeTests(MiniLmFixture miniLm) : IClassFixture<MiniLmFixture>, IDisposable
{
    private readonly string _labels = Path.Combine(Path.GetTempPath(), $"labels-{Guid.NewGuid():N}.txt");

    public void Dispose() => File.Delete(_labels);

    [Theory]
    [InlineData("tench, Tinca tinca", "tench")]
    [InlineData("great white shark, white shark, man-eater, man-eating shark, ", "great white shark")]
    [InlineData("  goldfish  ", "goldfish")]
    [InlineData("teapot", "teapot")]
    [InlineData(", leading comma", "")]
    public void ShortName_ImageNetLine_IsTheFirstSynonymTrimmed(string line, string expected)
    {
        Assert.Equal(expected, LabelBridge.ShortName(line));
    }

    [Fact]
    public async Task CreateAsync_LabelsFile_ReadsShortNamesAndSkipsEmptyLines()
    {
        await File.WriteAllLinesAsync(_labels, ["tench, Tinca tinca", "", "teapot", "golden retriever"]);

        var bridge = await LabelBridge.CreateAsync(_labels, miniLm.Encoder, top: 2);

        Assert.Equal(["tench", "teapot", "golden retriever"], bridge.Labels);
    }

    [Fact]
    public async Task Map_OneConfidentLabel_GivesThatLabelsTextVector()
    {
        await File.WriteAllLinesAsync(_labels, ["tench, Tinca tinca", "teapot", "golden retriever"]);
        var bridge = await LabelBridge.CreateAsync(_labels, miniLm.Encoder, top: 2);
        var teapot = (await miniLm.Encoder.EncodeAsync(["teapot"]))[0];

        var (vector, top) = bridge.Map([0f, 12f, 1f]);

        Assert.Equal(1f, MiniLmTextEncoderTests.Norm(vector), 4);
        Assert.True(MiniLmTextEncoderTests.Dot(vector, teapot) > 0.999f);
        Assert.Equal(["teapot", "golden retriever"], top.Select(t => t.Label));
        Assert.True(top[0].Probability > 0.99f);
        Assert.True(top[0].Probability > top[1].Probability);
    }

    [Fact]
    public async Task Map_TwoEqualLabels_LiesBetweenThem()
    {
        await File.WriteAllLinesAsync(_labels, ["tench", "teapot", "golden retriever"]);
        var bridge = await LabelBridge.CreateAsync(_labels, miniLm.Encoder, top: 3);
        var v = await miniLm.Encoder.EncodeAsync(["tench", "teapot", "golden retriever"]);

        var (vector, top) = bridge.Map([5f, 5f, -5f]);

        // Equal weight on tench and teapot: the normalised mean is equally close to both, and closer than either is to the other.
        Assert.Equal(MiniLmTextEncoderTests.Dot(vector, v[0]), MiniLmTextEncoderTests.Dot(vector, v[1]), 3);
        Assert.True(MiniLmTextEncoderTests.Dot(vector, v[0]) > MiniLmTextEncoderTests.Dot(v[0], v[1]));
        Assert.Equal(0.5f, top[0].Probability, 2);
        Assert.Equal(1f, top.Sum(t => t.Probability), 3);
    }
}
