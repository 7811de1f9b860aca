using System.ComponentModel.DataAnnotations;

namespace Personalization.Azure.Handlers;

/// <summary>Preference requests (configuration section <c>PreferenceRequests</c>).</summary>
public sealed class PreferenceRequestOptions
{
    public const string SectionName = "PreferenceRequests";

    /// <summary>A request message larger than this goes to the poison queue.</summary>
    [Range(256, 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>At most this many liked plus disliked references per request.</summary>
    [Range(1, 1000)]
    public int MaxReferences { get; set; } = 64;

    /// <summary>At most this many candidate pairs per request (each is one judge call, or three with a VLM).</summary>
    [Range(1, 10_000)]
    public int MaxPairs { get; set; } = 200;
}
