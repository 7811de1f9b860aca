using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

/// <summary>
/// Renders an image, or a crop of it, as an upright JPEG no larger than a given side: what a VLM is sent.
/// Thread-safe and stateless; the caller owns the returned array.
/// </summary>
public interface IImageResizer
{
    /// <param name="crop">A box in original-image pixels (as detections are), or null for the whole image.</param>
    /// <exception cref="InvalidDataException">The bytes are not a usable image.</exception>
    Task<byte[]> ToJpegAsync(ReadOnlyMemory<byte> image, int maxSide, BoundingBox? crop = null, CancellationToken cancellationToken = default);
}
