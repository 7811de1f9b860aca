using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Core.Enrollment;

/// <summary>Add or update a concept from one or more reference photos.</summary>
/// <param name="Category">Null keeps the existing category (or "object" for a new concept).</param>
/// <param name="Description">Null keeps what the user wrote before.</param>
/// <param name="Boxes">The object's box in some of the photos, by image id (original pixels). A photo without one is
/// enrolled from the object chosen automatically.</param>
/// <param name="Origin">What the new references are marked as (<see cref="ReferenceOrigins"/>): photos the user enrolled,
/// or regions of recognised photos the user confirmed. Confirmed regions are added to an existing concept as references
/// only: its description and fingerprint stay as they are (no reasoner call).</param>
/// <param name="UpdateCategory">The caller asks to change an existing concept's category; without it a different
/// category is refused (<see cref="CategoryConflictException"/>): a second thing enrolled under a name already taken
/// must not silently turn the first into it.</param>
/// <param name="BoxesAreHints">The boxes are where recognition found the object (a confirmed result's), not drawn by the
/// user: the object is cut out of each (<see cref="ImageInput.BoxIsHint"/>).</param>
public sealed record EnrollmentRequest(
    OwnerId Owner,
    ConceptName Name,
    string? Category,
    string? Description,
    IReadOnlyList<string> Attributes,
    IReadOnlyList<ImageSource> Images,
    IReadOnlyDictionary<string, BoundingBox>? Boxes = null,
    string Origin = ReferenceOrigins.Enrolled,
    bool BoxesAreHints = false,
    bool UpdateCategory = false);

/// <summary>The stored concept (null if nothing could be enrolled) and the images that failed, with why.</summary>
public sealed record EnrollmentOutcome(Concept? Concept, IReadOnlyList<(string Id, string Error)> Failures, int AddedReferences);
