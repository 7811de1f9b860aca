using Microsoft.Extensions.Options;
using Personalization.Models.Encoders;
using Personalization.Models.Onnx;

namespace Personalization.Models.Tests.Encoders;

/// <summary>The label names' vectors are embedded once per (labels, model) and read back bit for bit afterwards.</summary>
public sealed class LabelVectorCacheTests(MiniLmFixture miniLm) : IClassFixture<MiniLmFixture>, IDisposable
{
    private static readonly string[] Labels = ["tench", "teapot", "golden retriever", "mountain bike"];
    private readonly string _directory = Directory.CreateTempSubdirectory("label-cache-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task GetOrEmbed_SecondRun_ReadsTheFileWithoutEmbedding()
    {
        var first = new CountingTextEncoder(miniLm.Encoder);
        var embedded = await Cache().GetOrEmbedAsync(Labels, first);

        var second = new CountingTextEncoder(miniLm.Encoder);
        var read = await Cache().GetOrEmbedAsync(Labels, second);

        Assert.Equal(1, first.Calls);
        Assert.Equal(0, second.Calls);
        Assert.Single(Directory.GetFiles(_directory));
        Assert.Equal(embedded.Length, read.Length);
        for (var i = 0; i < embedded.Length; i++)
        {
            Assert.Equal(embedded[i], read[i]);
        }
    }

    [Fact]
    public async Task GetOrEmbed_OtherModelOrLabels_EmbedsAgainUnderAnotherKey()
    {
        await Cache().GetOrEmbedAsync(Labels, new CountingTextEncoder(miniLm.Encoder));
        var otherModel = new CountingTextEncoder(miniLm.Encoder, identity: "another model");
        var otherLabels = new CountingTextEncoder(miniLm.Encoder);

        await Cache().GetOrEmbedAsync(Labels, otherModel);
        await Cache().GetOrEmbedAsync([.. Labels, "zebra"], otherLabels);

        Assert.Equal(1, otherModel.Calls);
        Assert.Equal(1, otherLabels.Calls);
        Assert.Equal(3, Directory.GetFiles(_directory).Length);
    }

    [Fact]
    public async Task GetOrEmbed_TruncatedOrForeignFile_IsRecomputedAndRewritten()
    {
        var expected = await Cache().GetOrEmbedAsync(Labels, new CountingTextEncoder(miniLm.Encoder));
        var file = Directory.GetFiles(_directory).Single();
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, bytes[..(bytes.Length / 2)]);

        var encoder = new CountingTextEncoder(miniLm.Encoder);
        var vectors = await Cache().GetOrEmbedAsync(Labels, encoder);

        Assert.Equal(1, encoder.Calls);
        Assert.Equal(expected[3], vectors[3]);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task GetOrEmbed_UnwritableFolder_StillReturnsTheVectors()
    {
        var blocker = Path.Combine(_directory, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var cache = new LabelVectorCache(Options.Create(new ModelOptions { CacheDirectory = Path.Combine(blocker, "cache") }));

        var vectors = await cache.GetOrEmbedAsync(Labels, new CountingTextEncoder(miniLm.Encoder));

        Assert.Equal(Labels.Length, vectors.Length);
        Assert.All(vectors, v => Assert.Equal(384, v.Length));
    }

    private LabelVectorCache Cache() => new(Options.Create(new ModelOptions { CacheDirectory = _directory }));
}
