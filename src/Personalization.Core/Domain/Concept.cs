using System.Text.Json.Serialization;

namespace Personalization.Core.Domain;

/// <summary>
/// A thing a user owns and named, with everything retrieval and reasoning need about it. Its vectors (here and in its
/// fingerprint, regions and negatives) are read-only memory: a concept read from an index may hold views into one
/// block of that index's vectors rather than arrays of its own, so a vector is never written through, and a span taken
/// from one is used while the concept (or the memory) is still held, as with any <see cref="ReadOnlyMemory{T}"/>.
/// </summary>
/// <param name="Description">The discriminative description d (what the user wrote, else one made from the fingerprint).</param>
/// <param name="UserDescription">What the user wrote, kept apart so the models never overwrite it.</param>
/// <param name="UserAttributes">Attributes the user wrote; never overwritten by the models.</param>
/// <param name="Fingerprint">All fingerprint attributes A with their text vectors, user-written first.</param>
/// <param name="DescriptionVector">fᵗ: the text encoder's vector of the description.</param>
/// <param name="EncoderSpace">Which encoders made the vectors; vectors of another space are not comparable.</param>
/// <param name="Negatives">Regions the user rejected as not this concept (hard negatives): a query region that looks
/// more like one of them than like the concept's references is not taken for it.</param>
public sealed record Concept(
    OwnerId Owner,
    ConceptName Name,
    string Category,
    string Description,
    string? UserDescription,
    IReadOnlyList<string> UserAttributes,
    IReadOnlyList<FingerprintAttribute> Fingerprint,
    IReadOnlyList<ConceptReference> References,
    [property: JsonConverter(typeof(Base64FloatMemoryConverter))] ReadOnlyMemory<float> DescriptionVector,
    string EncoderSpace,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<HardNegative>? Negatives = null)
{
    /// <summary>All reference regions of all reference photos, in order.</summary>
    [JsonIgnore]
    public IEnumerable<ReferenceRegion> AllRegions => References.SelectMany(r => r.Regions);
}

/// <summary>A region the user said is not the concept (a rejected recognition), kept to lower its score on look-alikes.</summary>
/// <param name="ContentHash">The photo it came from.</param>
/// <param name="Box">The rejected region in that photo.</param>
/// <param name="ImageVector">The region's image-encoder feature.</param>
/// <param name="Local">The region's local features, when extracted.</param>
public sealed record HardNegative(
    string ContentHash,
    BoundingBox Box,
    [property: JsonConverter(typeof(Base64FloatMemoryConverter))] ReadOnlyMemory<float> ImageVector,
    LocalFeatures? Local,
    DateTimeOffset RejectedAt);

/// <param name="Source"><c>user</c>, <c>detector</c>, <c>classifier</c>, <c>color</c> or <c>vlm</c>.</param>
public sealed record FingerprintAttribute(
    string Text,
    string Source,
    [property: JsonConverter(typeof(Base64FloatMemoryConverter))] ReadOnlyMemory<float> Vector);

/// <summary>One reference photo of a concept, keyed by its content hash so re-enrolment is idempotent.</summary>
/// <param name="Focus">The object region it was enrolled from and how that was chosen (null: enrolled before regions).</param>
/// <param name="Local">Local features of that region, computed once at enrolment (null: none, or disabled).</param>
/// <param name="Origin"><c>enrolled</c>, or <c>confirmed</c> when it came from a recognition the user confirmed.</param>
/// <param name="Surroundings">Local features of the photo around that region (the room it was taken in), a capped sample
/// computed at enrolment: a query keypoint that matches the room of any of the owner's reference photos is evidence of
/// the room, not of an object (null: enrolled before they were kept, from the whole photo, or disabled).</param>
/// <param name="Rooms">Embedded tiles of the photo outside that region (the room): a query region that looks at least as
/// much like a room of the owner's reference photos as like a concept is no evidence for it (null: none kept).</param>
public sealed record ConceptReference(
    string ContentHash,
    string FileName,
    int Width,
    int Height,
    IReadOnlyList<ReferenceRegion> Regions,
    ReferenceFocus? Focus = null,
    LocalFeatures? Local = null,
    string? Origin = null,
    LocalFeatures? Surroundings = null,
    IReadOnlyList<ReferenceRegion>? Rooms = null);

public sealed record ReferenceRegion(
    BoundingBox Box,
    string Source,
    string? Label,
    [property: JsonConverter(typeof(Base64FloatMemoryConverter))] ReadOnlyMemory<float> ImageVector,
    [property: JsonConverter(typeof(Base64FloatMemoryConverter))] ReadOnlyMemory<float> TextVector);
