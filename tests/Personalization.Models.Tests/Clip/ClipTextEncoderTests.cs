using Microsoft.ML.OnnxRuntime;
using Personalization.Core.Ports;
using Personalization.Models.Clip;
using Personalization.TestSupport;

namespace Personalization.Models.Tests.Clip;

/// <summary>
/// Plumbing tests on the random-weight tiny CLIP text tower. Its pooling is a mean over every position, padding
/// included (real CLIP pools at the end token), so only texts of equal token length agree between a batch and
/// one-by-one runs; the exact input layout is checked against a direct run of the model instead.
/// </summary>
public sealed class ClipTextEncoderTests
{
    [SharedFact]
    public void IsAnITextEncoder_OfTheModelsWidth()
    {
        using var encoder = TinyClip.TextEncoder();

        ITextEncoder port = encoder;
        Assert.Equal(512, port.Dimension);
    }

    [SharedFact]
    public async Task Batch_GivesUnitVectors_EqualToOneByOne_ForTextsOfEqualLength()
    {
        using var encoder = TinyClip.TextEncoder();
        string[] texts = ["a photo of a cat", "a photo of a dog"]; // 7 tokens each

        var batch = await encoder.EncodeAsync(texts);

        Assert.Equal(2, batch.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(512, batch[i].Length);
            Assert.Equal(1f, TinyClip.Norm(batch[i]), 4);
            var single = await encoder.EncodeAsync([texts[i]]);
            Assert.True(TinyClip.MaxAbsDifference(batch[i], single[0]) < 1e-4f);
        }

        Assert.True(TinyClip.MaxAbsDifference(batch[0], batch[1]) > 1e-3f);
    }

    [SharedFact]
    public async Task SingleText_IsFedUnpadded()
    {
        using var encoder = TinyClip.TextEncoder();
        var ids = TinyClip.Tokenizer.Encode("a red ceramic teapot");

        var actual = await encoder.EncodeAsync(["a red ceramic teapot"]);

        var expected = RunDirectly([ids.Select(i => (long)i).ToArray()]);
        Assert.True(TinyClip.MaxAbsDifference(expected[0], actual[0]) < 1e-5f);
    }

    [SharedFact]
    public async Task MixedLengths_ArePaddedWithZerosToTheLongest()
    {
        using var encoder = TinyClip.TextEncoder();
        string[] texts = ["cat", "a red ceramic teapot with a gold handle"];
        var longest = TinyClip.Tokenizer.Encode(texts[1]).Length;

        var actual = await encoder.EncodeAsync(texts);

        var rows = texts.Select(t =>
        {
            var row = new long[longest];
            ClipTokenizer.WriteRow(TinyClip.Tokenizer.Encode(t), row);
            return row;
        }).ToArray();
        var expected = RunDirectly(rows);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(TinyClip.MaxAbsDifference(expected[i], actual[i]) < 1e-5f);
        }
    }

    [SharedFact]
    public async Task LongText_IsTruncatedToTheContext()
    {
        using var encoder = TinyClip.TextEncoder();
        var longText = string.Join(' ', Enumerable.Repeat("teapot", 120));

        var actual = await encoder.EncodeAsync([longText]);

        var expected = RunDirectly([TinyClip.Tokenizer.EncodeBatch([longText])]);
        Assert.True(TinyClip.MaxAbsDifference(expected[0], actual[0]) < 1e-5f);
    }

    [SharedFact]
    public async Task IsDeterministic_AndChunksAgree()
    {
        using var chunked = TinyClip.TextEncoder(maxBatchSize: 2);
        using var whole = TinyClip.TextEncoder();
        var texts = Enumerable.Range(0, 5).Select(i => $"photo number {i}").ToArray(); // equal token lengths

        var a = await chunked.EncodeAsync(texts);
        var b = await whole.EncodeAsync(texts);
        var c = await whole.EncodeAsync(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(TinyClip.MaxAbsDifference(a[i], b[i]) < 1e-4f);
            Assert.Equal(b[i], c[i]);
        }
    }

    [SharedFact]
    public async Task EmptyBatch_GivesEmptyResult()
    {
        using var encoder = TinyClip.TextEncoder();

        Assert.Empty(await encoder.EncodeAsync([]));
    }

    [SharedFact]
    public async Task Cancellation_IsHonoured()
    {
        using var encoder = TinyClip.TextEncoder();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => encoder.EncodeAsync(["a cat"], cts.Token));
    }

    /// <summary>Runs the tiny text model on exactly these rows and L2-normalises its output.</summary>
    private static float[][] RunDirectly(long[][] rows)
    {
        using var session = new InferenceSession(SharedData.Model("tiny-clip/text_model.onnx"));
        var width = rows[0].Length;
        var flat = rows.SelectMany(r => r).ToArray();
        using var input = OrtValue.CreateTensorValueFromMemory(flat, [rows.Length, width]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input_ids"], [input], ["text_embeds"]);
        var data = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var dim = data.Length / rows.Length;
        return Enumerable.Range(0, rows.Length).Select(i =>
        {
            var v = data.AsSpan(i * dim, dim).ToArray();
            var norm = TinyClip.Norm(v);
            return v.Select(x => x / norm).ToArray();
        }).ToArray();
    }
}
