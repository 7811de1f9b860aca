using Personalization.Azure.Http;
using Personalization.Core.Domain;
using Personalization.Core.Enrollment;
using Personalization.Core.Ports;

namespace Personalization.Cli.Serve;

/// <summary>
/// <c>serve</c>'s <see cref="IReferencePhotos"/>: enrols at once through the same <see cref="EnrollmentService"/> as
/// <c>personalize enroll</c>, and forgets as <c>personalize forget</c> does. Thread-safe.
/// </summary>
internal sealed class DirectReferencePhotos(EnrollmentService enrollment) : IReferencePhotos
{
    public async Task<ReferenceIntake> AddAsync(
        OwnerId owner, ConceptName name, IReadOnlyList<ReferenceUpload> uploads, string? category, string? description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        // Ids must be unique per request (the boxes are keyed by them): the name as sent, numbered when it repeats.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = uploads.Select((u, i) =>
        {
            var name = Path.GetFileName(u.FileName);
            name = name.Length == 0 ? "photo.jpg" : name;
            return seen.Add(name) ? name : $"{name}#{i + 1}";
        }).ToList();
        var boxes = new Dictionary<string, BoundingBox>(StringComparer.Ordinal);
        for (var i = 0; i < uploads.Count; i++)
        {
            if (uploads[i].Box is { } box)
            {
                boxes[ids[i]] = box;
            }
        }

        var request = new EnrollmentRequest(
            owner, name, string.IsNullOrWhiteSpace(category) ? null : category, string.IsNullOrWhiteSpace(description) ? null : description, [],
            [.. uploads.Select((u, i) => ImageSource.FromBytes(ids[i], u.Content))], boxes);
        var outcome = await enrollment.EnrollAsync(request, cancellationToken).ConfigureAwait(false);
        var failed = outcome.Failures.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        return new ReferenceIntake(
            Pending: false,
            [.. ids.Where(id => !failed.Contains(id))],
            [.. outcome.Failures.Select(f => $"{f.Id}: {f.Error}")],
            outcome.Concept?.References.Count ?? 0);
    }

    public Task<bool> DeleteAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default) =>
        enrollment.ForgetAsync(owner, name, cancellationToken);
}
