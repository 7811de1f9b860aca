using Personalization.Core.Domain;

namespace Personalization.Azure.Http;

/// <summary>
/// Where the HTTP API puts a concept's reference photos, and how it deletes a concept: in the cloud the photos become
/// blobs that the blob trigger enrols later; in <c>personalize serve</c> they are enrolled at once. Thread-safe; the
/// caller owns the upload streams.
/// </summary>
public interface IReferencePhotos
{
    /// <exception cref="Core.Enrollment.CategoryConflictException">The name is taken by a concept of another category.</exception>
    Task<ReferenceIntake> AddAsync(OwnerId owner, ConceptName name, IReadOnlyList<ReferenceUpload> uploads, string? category, string? description, CancellationToken cancellationToken = default);

    /// <returns>False when there was nothing to delete.</returns>
    Task<bool> DeleteAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default);
}

/// <summary>One uploaded reference photo: its file name as sent, its bytes, and the object's box when one was drawn.</summary>
public sealed record ReferenceUpload(string FileName, ReadOnlyMemory<byte> Content, BoundingBox? Box);

/// <param name="Pending">True when the photos were stored for enrolment later (202); false when enrolled now.</param>
/// <param name="Stored">Blob names (pending) or the photos enrolled.</param>
/// <param name="Failures">Photos that could not be enrolled, with why (enrolment now only).</param>
/// <param name="References">The concept's reference photos after enrolment now; 0 when pending.</param>
public sealed record ReferenceIntake(bool Pending, IReadOnlyList<string> Stored, IReadOnlyList<string> Failures, int References);
