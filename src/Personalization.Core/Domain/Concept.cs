using System.Text.Json.Serialization;

namespace Personalization.Core.Domain;

/// <summary>A thing a user owns and named, with everything retrieval and reasoning need about it.</summary>
/// <param name="Description">The discriminative description d (what the user wrote, else one made from the fingerprint).</param>
/// <param name="UserDescription">What the user wrote, kept apart so the models never overwrite it.</param>
/// <param name="UserAttributes">Attributes the user wrote; never overwritten by the models.</param>
/// <param name="Fingerprint">All fingerprint attributes A with their text vectors, user-written first.</param>
/// <param name="DescriptionVector">fᵗ: the text encoder's vector of the description.</param>
/// <param name="EncoderSpace">Which encoders made the vectors; vectors of another space are not comparable.</param>
public sealed record Concept(
    OwnerId Owner,
    ConceptName Name,
    string Category,
    string Description,
    string? UserDescription,
    IReadOnlyList<string> UserAttributes,
    IReadOnlyList<FingerprintAttribute> Fingerprint,
    IReadOnlyList<ConceptReference> References,
    [property: JsonConverter(typeof(Base64FloatArrayConverter))] float[] DescriptionVector,
    string EncoderSpace,
    DateTimeOffset UpdatedAt)
{
    /// <summary>All reference regions of all reference photos, in order.</summary>
    [JsonIgnore]
    public IEnumerable<ReferenceRegion> AllRegions => References.SelectMany(r => r.Regions);
}

/// <param name="Source"><c>user</c>, <c>detector</c>, <c>classifier</c>, <c>color</c> or <c>vlm</c>.</param>
public sealed record FingerprintAttribute(
    string Text,
    string Source,
    [property: JsonConverter(typeof(Base64FloatArrayConverter))] float[] Vector);

/// <summary>One reference photo of a concept, keyed by its content hash so re-enrolment is idempotent.</summary>
public sealed record ConceptReference(string ContentHash, string FileName, int Width, int Height, IReadOnlyList<ReferenceRegion> Regions);

public sealed record ReferenceRegion(
    BoundingBox Box,
    string Source,
    string? Label,
    [property: JsonConverter(typeof(Base64FloatArrayConverter))] float[] ImageVector,
    [property: JsonConverter(typeof(Base64FloatArrayConverter))] float[] TextVector);
