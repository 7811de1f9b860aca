using Personalization.Cli.Datasets;
using SkiaSharp;

namespace Personalization.Cli.Evaluation;

/// <summary>
/// Distractor reference photos made from a few source photos: distractor <c>k</c> is a random crop of source
/// <c>k mod sources</c> (a quarter to most of each side), mirrored half of the time and rescaled to a long side of 240–480
/// pixels, encoded as JPEG. Deterministic: its randomness depends only on (seed, source, k). Each source is decoded
/// once. Thread-safe; owns the decoded sources: dispose it.
/// </summary>
internal sealed class DistractorCrops(IReadOnlyList<string> sources, int seed) : IDisposable
{
    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);
    private readonly HardBenchmarkPhotoCache _photos = new();

    public IReadOnlyList<string> Sources { get; } = sources.Count > 0 ? sources : throw new ArgumentException("no source photos for distractors", nameof(sources));

    /// <returns>An id naming the source and the crop, and the JPEG bytes.</returns>
    public (string Id, byte[] Bytes) Make(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var source = Sources[k % Sources.Count];
        var photo = _photos.Get(source);
        var random = HardBenchmarkRandom.For(seed, "local-distractor", Path.GetFileName(Path.GetDirectoryName(source)) + "/" + Path.GetFileName(source), k);
        var w = photo.Width * random.Between(0.25, 0.9);
        var h = Math.Min(photo.Height, w * photo.Height / photo.Width * random.Between(0.75, 1.33));
        var x = random.Between(0, photo.Width - w);
        var y = random.Between(0, photo.Height - h);
        var flip = random.NextDouble() < 0.5;
        var scale = random.Between(240, 480) / Math.Max(w, h);
        var crop = SKRect.Create((float)x, (float)y, (float)w, (float)h);
        var info = new SKImageInfo(Math.Max(16, (int)Math.Round(w * scale)), Math.Max(16, (int)Math.Round(h * scale)), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            if (flip)
            {
                canvas.Scale(-1, 1, info.Width / 2f, 0);
            }

            canvas.DrawImage(photo, crop, SKRect.Create(info.Width, info.Height), Sampling);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return ($"{source}#crop{k}{(flip ? "-flipped" : string.Empty)}", data.ToArray());
    }

    public void Dispose() => _photos.Dispose();
}
