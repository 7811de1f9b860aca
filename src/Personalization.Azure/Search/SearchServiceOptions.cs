using System.ComponentModel.DataAnnotations;

namespace Personalization.Azure.Search;

/// <summary>
/// Azure AI Search (configuration section <c>Search</c>). Off when <see cref="Endpoint"/> is empty (the embedded
/// index serves instead). With no <see cref="ApiKey"/> the client uses <c>DefaultAzureCredential</c>; a key is for
/// local development only. Dimensions must match the configured encoders (MobileNetV2 1280 / MiniLM 384; CLIP 512 / 512).
/// </summary>
public sealed class SearchServiceOptions
{
    public const string SectionName = "Search";

    public Uri? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    [Required]
    public string ConceptIndex { get; set; } = "concepts";

    [Required]
    public string ImageIndex { get; set; } = "images";

    [Range(2, 4096)]
    public int ImageDimensions { get; set; } = 1280;

    [Range(2, 4096)]
    public int TextDimensions { get; set; } = 384;

    /// <summary>Documents per upload request (the service takes at most 1000).</summary>
    [Range(1, 1000)]
    public int UploadBatchSize { get; set; } = 500;

    /// <summary>Retries on throttling (429, 503) and transient failures, with exponential back-off.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 6;
}
