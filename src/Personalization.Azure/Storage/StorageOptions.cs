using System.ComponentModel.DataAnnotations;

namespace Personalization.Azure.Storage;

/// <summary>
/// Blob Storage and Storage Queues (configuration section <c>Storage</c>). In Azure set the service URIs and
/// leave <see cref="ConnectionString"/> empty: the clients then use <c>DefaultAzureCredential</c> (managed identity).
/// A connection string (<c>UseDevelopmentStorage=true</c> for Azurite) is for local development only.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>Reference photos: <c>{owner}/{concept}/{file}</c>, with an optional <c>concept.json</c> sidecar.</summary>
    [Required]
    public string ConceptsContainer { get; set; } = "concepts";

    /// <summary>Photos to recognise: <c>{owner}/{path}</c>.</summary>
    [Required]
    public string ImagesContainer { get; set; } = "images";

    /// <summary>Results: <c>{owner}/{path}.json</c>, and bulk summaries under <c>{owner}/_bulk/</c>.</summary>
    [Required]
    public string ResultsContainer { get; set; } = "results";

    /// <summary>Image analyses shared between activities: <c>{owner}/{contentHash}.json</c>.</summary>
    [Required]
    public string AnalysesContainer { get; set; } = "analyses";

    /// <summary>The Storage Queue of bulk requests; rejected messages go to <c>{queue}-poison</c> with a reason.</summary>
    [Required]
    public string BulkQueue { get; set; } = "bulk-requests";

    public string PoisonQueue => BulkQueue + "-poison";

    /// <summary>Preference profiles (PreferThinker): <c>{owner}/preference-profile.json</c>.</summary>
    [Required]
    public string ProfilesContainer { get; set; } = "profiles";

    /// <summary>The Storage Queue of preference requests; rejected messages go to <c>{queue}-poison</c> with a reason.</summary>
    [Required]
    public string PreferenceQueue { get; set; } = "preference-requests";

    public string PreferencePoisonQueue => PreferenceQueue + "-poison";

    /// <summary>An image blob larger than this is refused from its properties, before any download (the decoder has its
    /// own, stricter limits on what it decodes).</summary>
    [Range(1, long.MaxValue)]
    public long MaxImageBytes { get; set; } = StorageClients.MaxImageBlobBytes;
}
