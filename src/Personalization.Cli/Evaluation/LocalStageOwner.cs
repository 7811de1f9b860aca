using Personalization.Core.Domain;

namespace Personalization.Cli.Evaluation;

/// <summary>
/// The synthetic owner of <c>bench --local</c>: the true subjects (one reference each), a pool of distractor concepts
/// (one reference each, in the order they were made) and the analysed queries, whose truth is a subject.
/// </summary>
/// <param name="DistractorSources">How many distinct photos the distractors were cut from.</param>
internal sealed record LocalStageOwner(
    OwnerId Owner,
    IReadOnlyList<Concept> Subjects,
    IReadOnlyList<Concept> Distractors,
    IReadOnlyList<LocalStageQuery> Queries,
    int DistractorSources)
{
    /// <summary>The subjects and the first distractors: <paramref name="references"/> references in all.</summary>
    public IReadOnlyList<Concept> WithReferences(int references)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(references, Subjects.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(references, Subjects.Count + Distractors.Count);
        return [.. Subjects, .. Distractors.Take(references - Subjects.Count)];
    }
}

/// <summary>A query photo, its analysis as recognition makes it, and the subject it shows.</summary>
internal sealed record LocalStageQuery(string Path, ConceptName Truth, ImageAnalysis Analysis);
