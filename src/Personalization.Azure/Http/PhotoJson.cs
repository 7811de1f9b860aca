using Personalization.Core.Ports;

namespace Personalization.Azure.Http;

/// <summary>A found photo as the API returns it: path, content hash, confidence, and every concept in it with its box.</summary>
internal static class PhotoJson
{
    public static object Of(FoundImage image) => new
    {
        path = image.Path,
        contentHash = image.ContentHash,
        confidence = image.Confidence,
        concepts = image.Concepts.Select(c => new { name = c.Name, confidence = c.Confidence, box = c.Box }),
    };
}
