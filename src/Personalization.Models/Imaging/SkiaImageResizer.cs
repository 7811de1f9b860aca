using Personalization.Core.Domain;
using Personalization.Core.Ports;
using SkiaSharp;

namespace Personalization.Models.Imaging;

/// <summary>
/// Renders an image or a crop as an upright JPEG no larger than a given side (what a VLM is sent), with the
/// pipeline's decoding limits. A crop is widened by a tenth on each side so the object keeps a little context.
/// Thread-safe (stateless).
/// </summary>
public sealed class SkiaImageResizer(SkiaImageDecoder decoder) : IImageResizer
{
    private const int Quality = 85;

    public Task<byte[]> ToJpegAsync(ReadOnlyMemory<byte> image, int maxSide, BoundingBox? crop = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 16);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(Render(image, maxSide, crop));
        }
        catch (ImageRejectedException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    private byte[] Render(ReadOnlyMemory<byte> bytes, int maxSide, BoundingBox? crop)
    {
        using var image = decoder.Decode(bytes);
        var source = SKRect.Create(0, 0, image.Width, image.Height);
        if (crop is { Width: > 0, Height: > 0 })
        {
            var s = image.Scale;
            var padX = crop.Width * 0.1f;
            var padY = crop.Height * 0.1f;
            var box = SKRect.Create((crop.X - padX) / s, (crop.Y - padY) / s, (crop.Width + (2 * padX)) / s, (crop.Height + (2 * padY)) / s);
            box.Intersect(source);
            if (box.Width >= 1 && box.Height >= 1)
            {
                source = box;
            }
        }

        var scale = Math.Min(1f, maxSide / Math.Max(source.Width, source.Height));
        var info = new SKImageInfo(Math.Max(1, (int)(source.Width * scale)), Math.Max(1, (int)(source.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException("cannot allocate the output image");
        surface.Canvas.DrawImage(image.Image, source, SKRect.Create(0, 0, info.Width, info.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, Quality);
        return data.ToArray();
    }
}
