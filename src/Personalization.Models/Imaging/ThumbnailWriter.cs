using SkiaSharp;

namespace Personalization.Models.Imaging;

/// <summary>Makes small upright JPEG thumbnails for reports, with the same decoding limits as the pipeline, decoding at about the thumbnail's size. Thread-safe.</summary>
public sealed class ThumbnailWriter(SkiaImageDecoder decoder)
{
    /// <exception cref="ImageRejectedException">The bytes are not a usable image.</exception>
    public byte[] CreateJpeg(ReadOnlyMemory<byte> bytes, int maxSide = 480, int quality = 80)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 16);
        using var image = decoder.Decode(bytes, maxSide); // scaled while decoding where the codec can: no full-size pixels
        var scale = Math.Min(1f, maxSide / (float)Math.Max(image.Width, image.Height));
        var info = new SKImageInfo(Math.Max(1, (int)(image.Width * scale)), Math.Max(1, (int)(image.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var surface = SKSurface.Create(info);
        surface.Canvas.DrawImage(image.Image, SKRect.Create(0, 0, info.Width, info.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }
}
