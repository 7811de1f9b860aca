using Personalization.Core.Domain;
using Personalization.Core.Intake;
using Personalization.Core.Ports;

namespace Personalization.Core.Enrollment;

/// <summary>
/// Enrols a concept: analyse the reference photos, fingerprint them with the reasoner, embed the
/// description and attributes, upsert. Idempotent: references are keyed by content hash, so enrolling the
/// same photo again changes nothing but the timestamp. What the user wrote is kept and merged, never
/// overwritten by the models. Thread-safe: the read of the existing concept, the merge and the write are one
/// <see cref="IConceptIndex.UpdateAsync"/>, so concurrent enrolments of one concept (with the embedded index, also
/// from other processes) each keep their photos.
/// </summary>
/// <param name="images">Keeps each reference photo's bytes (by content hash) for the stages that look at pixels
/// later (a VLM's pairwise comparison); optional.</param>
public sealed class EnrollmentService(
    IImageAnalyzer analyzer,
    ITextEncoder textEncoder,
    IReasoner reasoner,
    IConceptIndex index,
    TimeProvider clock,
    IImageStore? images = null,
    LabelKinds? labelKinds = null)
{
    public async Task<EnrollmentOutcome> EnrollAsync(EnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var failures = new List<(string, string)>();
        var inputs = new List<ImageInput>();
        foreach (var read in await ImageIntake.ReadAllAsync(request.Images, cancellationToken).ConfigureAwait(false))
        {
            if (read.Error is { } error)
            {
                failures.Add((read.Id, error));
                continue;
            }

            var box = request.Boxes is { } boxes && boxes.TryGetValue(read.Id, out var b) ? b : null;
            inputs.Add(new ImageInput(read.Id, read.Bytes, AsReference: true, box, box is not null && request.BoxesAreHints));
        }

        var analysed = await analyzer.AnalyzeAsync(inputs, cancellationToken).ConfigureAwait(false);
        var good = new List<(string Id, ImageAnalysis Analysis, ReadOnlyMemory<byte> Bytes)>();
        for (var i = 0; i < analysed.Count; i++)
        {
            var item = analysed[i];
            if (item.Analysis is { } a)
            {
                good.Add((item.Id, a, inputs[i].Bytes));
            }
            else
            {
                failures.Add((item.Id, item.Error ?? "unknown error"));
            }
        }

        if (good.Count == 0 && await index.GetAsync(request.Owner, request.Name, cancellationToken).ConfigureAwait(false) is null)
        {
            return new EnrollmentOutcome(null, failures, 0); // Nothing to enrol and nothing to update: no lock, no folder.
        }

        // Read, merge and write under the owner's lock: another enrolment of the same concept (in this process or
        // another) waits, then merges into what this one wrote, so no photo is lost. The photos are stored inside it
        // too, so a sweep of unreferenced photos (which runs under that lock) never takes one about to be referenced.
        EnrollmentOutcome? outcome = null;
        await index.UpdateAsync(request.Owner, request.Name, async (existing, token) =>
        {
            var (merged, write) = await MergeAsync(request, good, failures, existing, token).ConfigureAwait(false);
            outcome = merged;
            return write ? merged.Concept : null;
        }, cancellationToken).ConfigureAwait(false);
        return outcome!;
    }

    /// <returns>The outcome, and whether its concept is to be written.</returns>
    private async Task<(EnrollmentOutcome Outcome, bool Write)> MergeAsync(
        EnrollmentRequest request,
        List<(string Id, ImageAnalysis Analysis, ReadOnlyMemory<byte> Bytes)> good,
        List<(string, string)> failures,
        Concept? existing,
        CancellationToken cancellationToken)
    {
        if (existing is not null && !request.UpdateCategory && Clean(request.Category) is { } asked && !asked.Equals(existing.Category, StringComparison.OrdinalIgnoreCase))
        {
            throw new CategoryConflictException(existing.Name, existing.Category, asked);
        }

        if (existing is not null && existing.EncoderSpace != analyzer.EncoderSpace)
        {
            existing = null; // Vectors from other encoders are not comparable; re-enrol from these photos.
        }

        if (good.Count == 0 && existing is null)
        {
            return (new EnrollmentOutcome(null, failures, 0), false);
        }

        var category = Clean(request.Category) ?? existing?.Category ?? "object";
        var userDescription = Clean(request.Description) ?? existing?.UserDescription;
        var userAttributes = (existing?.UserAttributes ?? [])
            .Concat(request.Attributes.Select(Clean).OfType<string>())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        var references = (existing?.References ?? []).ToList();
        var added = 0;
        foreach (var (id, analysis, bytes) in good)
        {
            if (images is not null)
            {
                await images.PutAsync(request.Owner, analysis.ContentHash, bytes, cancellationToken).ConfigureAwait(false);
            }

            if (references.Exists(r => r.ContentHash == analysis.ContentHash))
            {
                continue;
            }

            references.Add(new ConceptReference(
                analysis.ContentHash,
                Path.GetFileName(id),
                analysis.Width,
                analysis.Height,
                [.. analysis.Regions.Select(r => new ReferenceRegion(r.Box, r.Source, r.Label, r.ImageVector, r.TextVector))],
                analysis.Focus,
                analysis.Local,
                request.Origin,
                analysis.Surroundings,
                analysis.Rooms is { Count: > 0 } rooms ? [.. rooms.Select(r => new ReferenceRegion(r.Box, r.Source, null, r.ImageVector, ReadOnlyMemory<float>.Empty))] : null));
            added++;
        }

        if (added == 0 && existing is not null && category == existing.Category && userDescription == existing.UserDescription
            && userAttributes.Count == existing.UserAttributes.Count)
        {
            return (new EnrollmentOutcome(existing, failures, 0), false);
        }

        if (request.Origin == ReferenceOrigins.Confirmed && existing is not null)
        {
            // A confirmed region is one more view of the concept, not a new description of it.
            var viewed = existing with { References = references, UpdatedAt = clock.GetUtcNow() };
            return (new EnrollmentOutcome(viewed, failures, added), true);
        }

        var proposal = await reasoner.FingerprintAsync(
            new FingerprintRequest(
                request.Name, category, userDescription, userAttributes, [.. good.Select(g => g.Analysis)], [.. good.Select(g => ImageSource.FromBytes(g.Id, g.Bytes))]),
            cancellationToken).ConfigureAwait(false);

        // The user's words first, as written (their attributes, the parts of their description, their category); then the
        // models' proposals and what an earlier enrolment found, less any that contradict the user's words.
        var userCategory = Clean(request.Category) ?? existing?.Category;
        var userTerms = AttributeAgreement.UserTerms(userCategory, userDescription, userAttributes);
        var (attributes, _) = AttributeAgreement.Merge(
            userCategory,
            userTerms,
            proposal.Attributes.Concat((existing?.Fingerprint ?? []).Where(f => f.Source != "user").Select(f => new ProposedAttribute(f.Text, f.Source))),
            labelKinds);
        var description = userDescription ?? proposal.Description;
        var texts = attributes.Select(a => a.Text).Append(description).ToList();
        var vectors = await textEncoder.EncodeAsync(texts, cancellationToken).ConfigureAwait(false);

        var concept = new Concept(
            request.Owner,
            request.Name,
            category,
            description,
            userDescription,
            userAttributes,
            [.. attributes.Select((a, i) => new FingerprintAttribute(a.Text, a.Source, vectors[i]))],
            references,
            vectors[^1],
            analyzer.EncoderSpace,
            clock.GetUtcNow(),
            existing?.Negatives);
        return (new EnrollmentOutcome(concept, failures, added), true);
    }

    /// <summary>
    /// Deletes a concept from the index, effective at once, and the stored reference photos that no other concept
    /// of the owner still uses.
    /// </summary>
    /// <returns>False when the owner has no such concept.</returns>
    public Task<bool> ForgetAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default) =>
        // The photos still in use are decided from the concepts as they are once the concept is gone, under the owner's
        // lock where the index has one: an enrolment storing the same photo for another concept cannot come between.
        index.DeleteAsync(owner, name, async (concept, remaining, token) =>
        {
            if (images is null)
            {
                return;
            }

            var stillUsed = remaining
                .SelectMany(c => c.References.Select(r => r.ContentHash).Concat((c.Negatives ?? []).Select(n => n.ContentHash)))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var hash in concept.References.Select(r => r.ContentHash).Distinct(StringComparer.Ordinal).Where(h => !stillUsed.Contains(h)))
            {
                await images.DeleteAsync(owner, hash, token).ConfigureAwait(false);
            }
        }, cancellationToken);

    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = new string([.. text.Where(c => !char.IsControl(c))]).Trim();
        return cleaned.Length == 0 ? null : cleaned[..Math.Min(cleaned.Length, 500)];
    }
}
