using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Enrollment;
using Personalization.Core.Ports;

namespace Personalization.Core.Feedback;

/// <summary>
/// The feedback loop: a user confirms a recognition (that region of the photo becomes a reference of the concept, as
/// if enrolled with that box) or rejects one (the region, and the views of the photo that show it, become hard negatives
/// of the concept). Either is effective at once, through the index upsert; both are idempotent and bounded
/// (<see cref="FeedbackOptions"/>). Refused feedback throws <see cref="FeedbackException"/> and changes nothing.
/// Thread-safe; every write is a read-modify-write of the concept as it is then, under the owner's lock
/// (<see cref="IConceptIndex.UpdateAsync"/>), so feedback beside an enrolment of the same concept loses neither.
/// </summary>
/// <param name="images">Keeps confirmed photos' bytes, as enrolment does, and loses those no concept uses any more; optional.</param>
public sealed class FeedbackService(
    EnrollmentService enrollment,
    IImageAnalyzer analyzer,
    IConceptIndex index,
    IOptions<FeedbackOptions> options,
    TimeProvider clock,
    IImageStore? images = null)
{
    private readonly FeedbackOptions _options = options.Value;

    /// <summary>Adds that region of the photo as a confirmed reference of the concept.</summary>
    /// <param name="box">The object's box; null lets enrolment choose the object, as for a photo enrolled without one.</param>
    /// <param name="expectedContentHash">The content hash of the photo the recognition saw; a photo that differs is refused.</param>
    /// <exception cref="FeedbackException">Unknown concept, changed or bad photo, a box that does not fit, or no room.</exception>
    public async Task<FeedbackOutcome> ConfirmAsync(
        OwnerId owner, ConceptName name, ImageSource photo, BoundingBox? box, string? expectedContentHash = null, CancellationToken cancellationToken = default, bool boxIsHint = false)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var existing = await GetConceptAsync(owner, name, cancellationToken).ConfigureAwait(false);
        var (bytes, hash) = await ReadAsync(photo, expectedContentHash, cancellationToken).ConfigureAwait(false);

        // References are keyed by photo: one already part of the concept stays as it is. Newer feedback on one object
        // wins, so confirming a region rejected before takes the rejection back.
        if (existing.References.Any(r => r.ContentHash == hash))
        {
            return await RetractRejectionAsync(owner, name, hash, box, cancellationToken).ConfigureAwait(false);
        }

        var enrolled = existing.References.Count(r => !FeedbackBounds.IsConfirmed(r));
        if (enrolled >= _options.MaxReferences)
        {
            throw new FeedbackException(
                FeedbackFailure.Conflict,
                $"<{existing.Name}> already has {enrolled} enrolled reference photo(s), the most {FeedbackOptions.SectionName}:{nameof(FeedbackOptions.MaxReferences)} ({_options.MaxReferences}) allows; nothing was confirmed");
        }

        // The same intake as enrolment (analysis of the box as a reference, the photo kept, the fingerprint merged).
        var outcome = await enrollment.EnrollAsync(
            new EnrollmentRequest(owner, name, null, null, [], [ImageSource.FromBytes(photo.Id, bytes)], box is null ? null : new Dictionary<string, BoundingBox> { [photo.Id] = box }, ReferenceOrigins.Confirmed, boxIsHint),
            cancellationToken).ConfigureAwait(false);
        if (outcome.Failures.Count > 0)
        {
            throw new FeedbackException(FeedbackFailure.BadPhoto, $"{photo.Id}: {outcome.Failures[0].Error}");
        }

        // Bound the references and take back an earlier rejection of this region on the concept as it is now, under the
        // owner's lock: another writer (an enrolment, a rejection) may have changed it since enrolment wrote.
        var concept = outcome.Concept ?? existing;
        IReadOnlyList<ConceptReference> dropped = [];
        var retractedNow = 0;
        await index.UpdateAsync(owner, name, (current, _) =>
        {
            if (current is null)
            {
                return Task.FromResult<Concept?>(null); // forgotten meanwhile: nothing left to bound
            }

            var references = FeedbackBounds.KeepMostDiverse(current.References, _options.MaxReferences, out var droppedNow);
            var negatives = current.Negatives ?? [];
            var stillRejected = Unrejected(negatives, hash, box ?? current.References.Where(r => r.ContentHash == hash).Select(FeedbackBounds.RegionOf).FirstOrDefault());
            dropped = droppedNow;
            retractedNow = negatives.Count - stillRejected.Count;
            concept = current;
            if (droppedNow.Count == 0 && retractedNow == 0)
            {
                return Task.FromResult<Concept?>(null);
            }

            concept = current with { References = references, Negatives = stillRejected, UpdatedAt = clock.GetUtcNow() };
            return Task.FromResult<Concept?>(concept);
        }, cancellationToken).ConfigureAwait(false);
        await DeleteUnusedPhotosAsync(owner, dropped, cancellationToken).ConfigureAwait(false);
        return new FeedbackOutcome(concept, hash, Changed: outcome.AddedReferences > 0 || dropped.Count > 0 || retractedNow > 0, dropped.Count, retractedNow);
    }

    /// <summary>A confirmed photo that is already a reference: newer feedback wins, so an earlier rejection of that region is taken back.</summary>
    private async Task<FeedbackOutcome> RetractRejectionAsync(OwnerId owner, ConceptName name, string hash, BoundingBox? box, CancellationToken cancellationToken)
    {
        FeedbackOutcome? result = null;
        await index.UpdateAsync(owner, name, (current, _) =>
        {
            if (current is null)
            {
                throw new FeedbackException(FeedbackFailure.UnknownConcept, $"owner '{owner}' has no concept <{name}>");
            }

            var negatives = current.Negatives ?? [];
            var known = current.References.FirstOrDefault(r => r.ContentHash == hash);
            var kept = Unrejected(negatives, hash, box ?? (known is null ? null : FeedbackBounds.RegionOf(known)));
            var retracted = negatives.Count - kept.Count;
            if (retracted == 0)
            {
                result = new FeedbackOutcome(current, hash, Changed: false);
                return Task.FromResult<Concept?>(null);
            }

            var updated = current with { Negatives = kept, UpdatedAt = clock.GetUtcNow() };
            result = new FeedbackOutcome(updated, hash, Changed: true, DroppedNegatives: retracted);
            return Task.FromResult<Concept?>(updated);
        }, cancellationToken).ConfigureAwait(false);
        return result!;
    }

    /// <summary>Stores that region of the photo as a hard negative of the concept: "this is not it".</summary>
    /// <exception cref="FeedbackException">Unknown concept, changed or bad photo, a box that does not fit, or a region the user enrolled.</exception>
    public async Task<FeedbackOutcome> RejectAsync(
        OwnerId owner, ConceptName name, ImageSource photo, BoundingBox box, string? expectedContentHash = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(box);
        var existing = await GetConceptAsync(owner, name, cancellationToken).ConfigureAwait(false);
        var (bytes, hash) = await ReadAsync(photo, expectedContentHash, cancellationToken).ConfigureAwait(false);
        var negatives = existing.Negatives ?? [];
        if (negatives.Any(n => n.ContentHash == hash && n.Box.IntersectionOverUnion(box) >= FeedbackBounds.SameRegion))
        {
            return new FeedbackOutcome(existing, hash, Changed: false);
        }

        // Checked here first too, so a refused or repeated rejection costs no analysis.
        if (SameObject(existing, hash, box).Find(r => !FeedbackBounds.IsConfirmed(r)) is { } mine)
        {
            throw EnrolledRegion(photo, existing, mine);
        }

        // The region as enrolment would see it (its vector and local features), and the photo as recognition sees it:
        // every view of the photo that shows most of the region (the whole photo, a detector crop around it) is
        // rejected too, or the same photo would still be taken for the concept through its whole-photo view.
        var analysed = await analyzer.AnalyzeAsync([new ImageInput(photo.Id, bytes, AsReference: true, box), new ImageInput(photo.Id, bytes)], cancellationToken).ConfigureAwait(false);
        if (analysed[0].Analysis is not { Regions.Count: > 0 } analysis || analysed[1].Analysis is not { } seen)
        {
            throw new FeedbackException(FeedbackFailure.BadPhoto, $"{photo.Id}: {analysed[0].Error ?? analysed[1].Error ?? "no region could be analysed"}");
        }

        var now = clock.GetUtcNow();
        var rejected = analysis.Focus?.Box ?? box;
        List<HardNegative> added = [new HardNegative(hash, rejected, analysis.Regions[0].ImageVector, analysis.Local, now)];
        added.AddRange(seen.Regions
            .Where(r => FeedbackBounds.Shows(r.Box, rejected) && r.Box.IntersectionOverUnion(rejected) < FeedbackBounds.SameRegion)
            .Select(r => new HardNegative(hash, r.Box, r.ImageVector, null, now)));

        // The write applies to the concept as it is now, under the owner's lock (an enrolment or another feedback may
        // have changed it during the analysis), with the same checks again.
        FeedbackOutcome? result = null;
        List<ConceptReference> removed = [];
        await index.UpdateAsync(owner, name, (current, _) =>
        {
            if (current is null)
            {
                throw new FeedbackException(FeedbackFailure.UnknownConcept, $"owner '{owner}' has no concept <{name}>");
            }

            var negatives = current.Negatives ?? [];
            if (negatives.Any(n => n.ContentHash == hash && n.Box.IntersectionOverUnion(box) >= FeedbackBounds.SameRegion))
            {
                result = new FeedbackOutcome(current, hash, Changed: false);
                return Task.FromResult<Concept?>(null);
            }

            var sameObject = SameObject(current, hash, box);
            if (sameObject.Find(r => !FeedbackBounds.IsConfirmed(r)) is { } mine)
            {
                throw EnrolledRegion(photo, current, mine);
            }

            var kept = FeedbackBounds.KeepNewest([.. negatives, .. added], _options.MaxNegatives, out var droppedNegatives);
            // Newer feedback on one object wins: rejecting a region confirmed before takes the confirmation back.
            var updated = current with
            {
                References = [.. current.References.Where(r => !sameObject.Contains(r))],
                Negatives = kept,
                UpdatedAt = now,
            };
            removed = sameObject;
            result = new FeedbackOutcome(updated, hash, Changed: true, sameObject.Count, droppedNegatives);
            return Task.FromResult<Concept?>(updated);
        }, cancellationToken).ConfigureAwait(false);
        await DeleteUnusedPhotosAsync(owner, removed, cancellationToken).ConfigureAwait(false);
        return result!;
    }

    private static List<ConceptReference> SameObject(Concept concept, string hash, BoundingBox box) =>
        [.. concept.References.Where(r => r.ContentHash == hash && FeedbackBounds.RegionOf(r) is { } region && region.IntersectionOverUnion(box) >= FeedbackBounds.SameObject)];

    private static FeedbackException EnrolledRegion(ImageSource photo, Concept concept, ConceptReference reference) => new(
        FeedbackFailure.Conflict,
        $"{photo.Id}: that region is a reference photo enrolled for <{concept.Name}> ({reference.FileName}); forget the concept and enrol it again without it instead");

    /// <summary>The negatives left when the rejection of that region of the photo is taken back (with the views it rejected).</summary>
    private static List<HardNegative> Unrejected(IReadOnlyList<HardNegative> negatives, string hash, BoundingBox? region)
    {
        var rejections = negatives
            .Where(n => region is not null && n.ContentHash == hash && n.Box.IntersectionOverUnion(region) >= FeedbackBounds.SameObject)
            .Select(n => n.RejectedAt)
            .ToHashSet();
        return [.. negatives.Where(n => !(n.ContentHash == hash && rejections.Contains(n.RejectedAt)))];
    }

    private async Task<Concept> GetConceptAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken)
    {
        var concept = await index.GetAsync(owner, name, cancellationToken).ConfigureAwait(false)
            ?? throw new FeedbackException(FeedbackFailure.UnknownConcept, $"owner '{owner}' has no concept <{name}>");
        if (concept.EncoderSpace != analyzer.EncoderSpace)
        {
            throw new FeedbackException(
                FeedbackFailure.Conflict,
                $"<{concept.Name}> was enrolled with other encoders ({concept.EncoderSpace}, now {analyzer.EncoderSpace}); enrol it again before giving feedback");
        }

        return concept;
    }

    private static async Task<(ReadOnlyMemory<byte> Bytes, string Hash)> ReadAsync(ImageSource photo, string? expectedContentHash, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> bytes;
        try
        {
            bytes = await photo.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FeedbackException(FeedbackFailure.BadPhoto, $"{photo.Id}: cannot read: {e.Message}");
        }

        var hash = ContentHash.Of(bytes.Span);
        if (expectedContentHash is not null && !string.Equals(hash, expectedContentHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedbackException(
                FeedbackFailure.PhotoChanged,
                $"{photo.Id}: the photo has changed since it was recognised (content hash {hash[..12]}…, the result's {expectedContentHash[..Math.Min(12, expectedContentHash.Length)]}…); recognise it again");
        }

        return (bytes, hash);
    }

    /// <summary>Stored photos are shared by content hash: one is deleted only when no reference of the owner's uses it.</summary>
    private async Task DeleteUnusedPhotosAsync(OwnerId owner, IReadOnlyList<ConceptReference> dropped, CancellationToken cancellationToken)
    {
        if (images is null || dropped.Count == 0)
        {
            return;
        }

        var concepts = await index.ListAsync(owner, cancellationToken).ConfigureAwait(false);
        var used = concepts.SelectMany(c => c.References).Select(r => r.ContentHash).ToHashSet(StringComparer.Ordinal);
        foreach (var hash in dropped.Select(r => r.ContentHash).Distinct(StringComparer.Ordinal).Where(h => !used.Contains(h)))
        {
            await images.DeleteAsync(owner, hash, cancellationToken).ConfigureAwait(false);
        }
    }
}
