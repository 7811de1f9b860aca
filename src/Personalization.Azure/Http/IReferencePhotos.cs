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
