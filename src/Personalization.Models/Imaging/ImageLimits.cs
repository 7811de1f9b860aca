using System.ComponentModel.DataAnnotations;

namespace Personalization.Models.Imaging;

/// <summary>Limits on untrusted images (configuration section <c>Images</c>).</summary>
public sealed class ImageLimits
{
    public const string SectionName = "Images";

    /// <summary>Files larger than this are refused before decoding.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Images whose header declares more pixels than this are refused before decoding (decompression bombs).</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>Large photos are decoded at a reduced scale (JPEG DCT scaling) down to at least this long side.</summary>
    [Range(224, 16384)]
    public int DecodeLongSide { get; set; } = 1280;
}
