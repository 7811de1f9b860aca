using Personalization.Models.Encoders;

namespace Personalization.Models.Tests.Encoders;

public sealed class MiniLmTextEncoderTests(MiniLmFixture miniLm) : IClassFixture<MiniLmFixture>
{
    private readonly MiniLmTextEncoder _encoder = miniLm.Encoder;

    [Fact]
    public async Task EncodeAsync_Texts_GivesOneUnitVectorEachOf384()
    {
        var vectors = await _encoder.EncodeAsync(["a small brown dog", "red collar", "x"]);

        Assert.Equal(384, _encoder.Dimension);
        Assert.Equal(3, vectors.Length);
        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1f, Norm(v), 4);
        });
    }

    [Fact]
    public async Task EncodeAsync_SimilarTexts_AreCloserThanUnrelatedOnes()
    {
        var v = await _encoder.EncodeAsync(["a small brown dog", "a little brown puppy", "a stainless steel teapot", "a red collar", "a crimson dog collar"]);

        Assert.True(Dot(v[0], v[1]) > Dot(v[0], v[2]) + 0.2f, $"dog~puppy {Dot(v[0], v[1])}, dog~teapot {Dot(v[0], v[2])}");
        Assert.True(Dot(v[3], v[4]) > Dot(v[3], v[2]), $"collar~collar {Dot(v[3], v[4])}, collar~teapot {Dot(v[3], v[2])}");
    }

    [Fact]
    public async Task EncodeAsync_SameTextInAnyBatch_GivesTheSameVector()
    {
        var alone = await _encoder.EncodeAsync(["red collar"]);
        var inBatch = await _encoder.EncodeAsync(["a very long sentence about a dog that runs across a field of grass", "red collar"]);

        Assert.True(Dot(alone[0], inBatch[1]) > 0.9999f);
    }

    [Fact]
    public async Task EncodeAsync_Nothing_IsEmpty()
    {
        Assert.Empty(await _encoder.EncodeAsync([]));
    }

    [Fact]
    public async Task EncodeAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _encoder.EncodeAsync(["x"], cts.Token));
    }

    internal static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();

    internal static float Norm(float[] v) => MathF.Sqrt(Dot(v, v));
}
