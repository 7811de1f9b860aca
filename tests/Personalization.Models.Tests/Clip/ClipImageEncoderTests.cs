using Personalization.Models.Clip;
using Personalization.TestSupport;
using SkiaSharp;

namespace Personalization.Models.Tests.Clip;

/// <summary>Plumbing tests on the random-weight tiny CLIP image tower: its embeddings mean nothing.</summary>
public sealed class ClipImageEncoderTests
{
    [SharedFact]
    public void ReadsShapesFromTheModel()
    {
        using var encoder = TinyClip.ImageEncoder();

        Assert.Equal(512, encoder.Dimension);
        Assert.Equal(224, encoder.ImageSize);
    }

    [SharedFact]
    public async Task Batch_GivesUnitVectors_EqualToOneByOne()
    {
        using var encoder = TinyClip.ImageEncoder();
        SKBitmap[] images = [TinyClip.NoiseBitmap(300, 200, 1), TinyClip.NoiseBitmap(200, 300, 2), TinyClip.SolidBitmap(640, 480, new SKColor(30, 160, 90))];
        try
        {
            var batch = await encoder.EncodeAsync(images);

            Assert.Equal(3, batch.Length);
            for (var i = 0; i < images.Length; i++)
            {
                Assert.Equal(512, batch[i].Length);
                Assert.Equal(1f, TinyClip.Norm(batch[i]), 4);
                var single = await encoder.EncodeAsync([images[i]]);
                Assert.True(TinyClip.MaxAbsDifference(batch[i], single[0]) < 1e-4f);
            }

            Assert.True(TinyClip.MaxAbsDifference(batch[0], batch[1]) > 1e-3f);
            Assert.True(TinyClip.MaxAbsDifference(batch[0], batch[2]) > 1e-3f);
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
    }

    [SharedFact]
    public async Task IsDeterministic()
    {
        using var encoder = TinyClip.ImageEncoder();
        using var image = TinyClip.NoiseBitmap(256, 256, 3);

        var first = await encoder.EncodeAsync([image]);
        var second = await encoder.EncodeAsync([image]);

        Assert.Equal(first[0], second[0]);
    }

    [SharedFact]
    public async Task BatchesLargerThanMaxBatchSize_AreRunInChunks()
    {
        using var chunked = TinyClip.ImageEncoder(maxBatchSize: 2);
        using var whole = TinyClip.ImageEncoder();
        var images = Enumerable.Range(0, 5).Select(i => TinyClip.NoiseBitmap(240, 240, 10 + i)).ToArray();
        try
        {
            var a = await chunked.EncodeAsync(images);
            var b = await whole.EncodeAsync(images);

            Assert.Equal(5, a.Length);
            for (var i = 0; i < 5; i++)
            {
                Assert.True(TinyClip.MaxAbsDifference(a[i], b[i]) < 1e-4f);
            }
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
    }

    [SharedFact]
    public async Task EmptyBatch_GivesEmptyResult()
    {
        using var encoder = TinyClip.ImageEncoder();

        Assert.Empty(await encoder.EncodeAsync([]));
    }

    [SharedFact]
    public async Task Cancellation_IsHonoured()
    {
        using var encoder = TinyClip.ImageEncoder();
        using var image = TinyClip.NoiseBitmap(100, 100, 4);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => encoder.EncodeAsync([image], cts.Token));
    }

    [SharedFact]
    public async Task Cancellation_StopsALongRun()
    {
        using var encoder = TinyClip.ImageEncoder(maxBatchSize: 4);
        using var image = TinyClip.NoiseBitmap(300, 200, 6);
        var images = Enumerable.Repeat(image, 2000).ToArray();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(30));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => encoder.EncodeAsync(images, cts.Token));
    }

    [SharedFact]
    public async Task AfterDispose_Throws()
    {
        var encoder = TinyClip.ImageEncoder();
        encoder.Dispose();
        using var image = TinyClip.NoiseBitmap(10, 10, 5);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => encoder.EncodeAsync([image]));
    }
}
