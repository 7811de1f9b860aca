using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Personalization.Models.Imaging;

/// <summary>
/// Decodes untrusted image bytes with SkiaSharp. Checks size and the header's dimensions before decoding,
/// decodes large JPEGs at a reduced scale, applies EXIF orientation. Thread-safe (stateless).
/// </summary>
public sealed class SkiaImageDecoder(IOptions<ImageLimits> options)
{
    private readonly ImageLimits _limits = options.Value;

    /// <exception cref="ImageRejectedException">The bytes are not a usable image.</exception>
    public DecodedImage Decode(ReadOnlyMemory<byte> bytes) => Decode(bytes, _limits.DecodeLongSide);

    /// <summary>
    /// The same, decoded at about <paramref name="longSide"/> px on the long side where the codec can scale while
    /// decoding (JPEG: by 1/2, 1/4, 1/8), never below it: a thumbnail costs a fraction of a full decode.
    /// </summary>
    /// <exception cref="ImageRejectedException">The bytes are not a usable image.</exception>
    public DecodedImage Decode(ReadOnlyMemory<byte> bytes, int longSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(longSide, 1);
        longSide = Math.Min(longSide, _limits.DecodeLongSide);
        if (bytes.IsEmpty)
        {
            throw new ImageRejectedException("empty file (0 bytes)");
        }

        if (bytes.Length > _limits.MaxBytes)
        {
            throw new ImageRejectedException($"file is {bytes.Length:N0} bytes, over the limit of {_limits.MaxBytes:N0}");
        }

        using var data = SKData.CreateCopy(bytes.Span);
        using var codec = SKCodec.Create(data)
            ?? throw new ImageRejectedException("not a supported image format (or a corrupt header)");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new ImageRejectedException("image header declares no pixels");
        }

        if ((long)info.Width * info.Height > _limits.MaxPixels)
        {
            throw new ImageRejectedException(
                $"image is {info.Width}×{info.Height} = {(long)info.Width * info.Height:N0} pixels, over the limit of {_limits.MaxPixels:N0}");
        }

        var sourceLongSide = Math.Max(info.Width, info.Height);
        var scale = sourceLongSide > longSide ? longSide / (float)sourceLongSide : 1f;
        var size = scale < 1f ? codec.GetScaledDimensions(scale) : info.Size;
        var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(target);
        try
        {
            var status = codec.GetPixels(target, bitmap.GetPixels());
            if (status != SKCodecResult.Success)
            {
                // Some codecs cannot scale while decoding; try full size once.
                if (status == SKCodecResult.InvalidScale && size != info.Size)
                {
                    bitmap.Dispose();
                    target = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
                    bitmap = new SKBitmap(target);
                    status = codec.GetPixels(target, bitmap.GetPixels());
                }

                // A truncated file decodes as far as its data goes and leaves the rest blank: a photo that is mostly black
                // would be recognised, even enrolled as a reference, so an incomplete image is rejected like a corrupt one.
                if (status != SKCodecResult.Success)
                {
                    throw new ImageRejectedException(status == SKCodecResult.IncompleteInput
                        ? $"truncated image: the file ends before its pixels do ({bytes.Length:N0} bytes)"
                        : $"corrupt image data ({Describe(status)})");
                }
            }

            var upright = Orient(bitmap, codec.EncodedOrigin);
            var swap = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
            var (ow, oh) = swap ? (info.Height, info.Width) : (info.Width, info.Height);
            if (!ReferenceEquals(upright, bitmap))
            {
                bitmap.Dispose();
            }

            return new DecodedImage(upright, ow, oh);
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    /// <summary>Reads only the header: the image's size, or a rejection.</summary>
    public static (int Width, int Height) ReadSize(ReadOnlySpan<byte> bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new ImageRejectedException("not a supported image format");
        return (codec.Info.Width, codec.Info.Height);
    }

    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return source;
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (source.Height, source.Width) : (source.Width, source.Height);
        var rotated = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(rotated);

        // Mirrored orientations are a plain rotation followed by a horizontal flip; the canvas applies the
        // flip (concatenated first) after the rotation.
        if (origin is SKEncodedOrigin.TopRight or SKEncodedOrigin.BottomLeft or SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightBottom)
        {
            canvas.Scale(-1, 1, w / 2f, 0);
        }

        switch (origin)
        {
            case SKEncodedOrigin.BottomRight or SKEncodedOrigin.BottomLeft:
                canvas.RotateDegrees(180, w / 2f, h / 2f);
                break;
            case SKEncodedOrigin.RightTop or SKEncodedOrigin.LeftTop:
                canvas.Translate(w, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.LeftBottom or SKEncodedOrigin.RightBottom:
                canvas.Translate(0, h);
                canvas.RotateDegrees(-90);
                break;
        }

        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        return rotated;
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "truncated data",
        SKCodecResult.InvalidInput => "invalid data",
        SKCodecResult.ErrorInInput => "error in data",
        SKCodecResult.Unimplemented => "unsupported variant",
        SKCodecResult.InvalidConversion => "unsupported pixel format",
        _ => result.ToString(),
    };
}
