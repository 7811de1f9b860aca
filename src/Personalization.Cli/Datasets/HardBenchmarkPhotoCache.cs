using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Personalization.Models.Imaging;
using SkiaSharp;

namespace Personalization.Cli.Datasets;

/// <summary>
/// Source photos decoded once (upright, through the product's decoder and its limits) and kept as immutable Skia
/// images. Thread-safe: photos are composed in parallel from the same sources. Owns the images: dispose it.
/// </summary>
internal sealed class HardBenchmarkPhotoCache : IDisposable
{
    private readonly SkiaImageDecoder _decoder = new(Options.Create(new ImageLimits()));
    private readonly ConcurrentDictionary<string, Lazy<SKImage>> _images = new(StringComparer.Ordinal);

    public SKImage Get(string path) =>
        _images.GetOrAdd(path, p => new Lazy<SKImage>(() => Decode(p), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    public void Dispose()
    {
        foreach (var image in _images.Values.Where(l => l.IsValueCreated))
        {
            image.Value.Dispose();
        }

        _images.Clear();
    }

    private SKImage Decode(string path)
    {
        try
        {
            using var decoded = _decoder.Decode(File.ReadAllBytes(path));
            var info = new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            return SKImage.FromPixelCopy(info, decoded.Pixels) ?? throw new InvalidDataException($"cannot copy the pixels of '{path}'");
        }
        catch (ImageRejectedException e)
        {
            throw new InvalidDataException($"source photo '{path}' is not usable: {e.Message}", e);
        }
    }
}
