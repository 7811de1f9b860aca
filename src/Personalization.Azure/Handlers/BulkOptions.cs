using System.ComponentModel.DataAnnotations;

namespace Personalization.Azure.Handlers;

/// <summary>Bulk jobs (configuration section <c>Bulk</c>).</summary>
public sealed class BulkOptions
{
    public const string SectionName = "Bulk";

    /// <summary>Images per batch: one detector/encoder batch, sized for the GPU's memory.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 8;

    /// <summary>A request message larger than this goes to the poison queue (a list this long belongs in a prefix).</summary>
    [Range(256, 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>At most this many images per request (listed or under the prefix).</summary>
    [Range(1, 1_000_000)]
    public int MaxItems { get; set; } = 10_000;
}
