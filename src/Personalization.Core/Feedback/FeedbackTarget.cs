using System.Diagnostics.CodeAnalysis;
using Personalization.Core.Domain;
using Personalization.Core.Recognition;

namespace Personalization.Core.Feedback;

/// <summary>What a piece of feedback is about: a region of a photo and the concept it is (or is not).</summary>
/// <param name="Image">The photo, as the result names it (a path or blob name).</param>
/// <param name="ContentHash">The content hash of the photo the result was made from; null when feedback names a photo directly.</param>
/// <param name="Located">False when the box is the result's and covers the whole photo: recognition matched the photo as a
/// whole and did not locate the object in it, so a confirmation lets enrolment choose the object (the whole photo, with its
/// background, would make a poor reference).</param>
/// <param name="Drawn">The box is the user's (given with the feedback), not the result's: it is the object's region as it
/// is. A result's box is where recognition found the object (a detection, a local match or a grid tile), so enrolment
/// cuts the object out of it first.</param>
public sealed record FeedbackTarget(string Image, ConceptName Concept, BoundingBox Box, string? ContentHash, bool Located = true, bool Drawn = true)
{
    /// <summary>The box to confirm: null lets enrolment choose the object, as for a photo enrolled without a box.</summary>
    public BoundingBox? ConfirmBox => Located ? Box : null;

    /// <summary>A box of at least 90 % of the photo stands for the whole photo.</summary>
    public static bool IsWholePhoto(BoundingBox box, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(box);
        return width > 0 && height > 0 && box.Area >= 0.9f * width * height;
    }

    /// <summary>
    /// The target a recognition result stands for, in every host the same way: the result must be the owner's; the
    /// concept is <paramref name="concept"/> when given (the answer, one of those also present with its box, or any
    /// other of the owner's concepts for the answer's region), else the result's answer; the box is
    /// <paramref name="box"/> when given, else that concept's box in the result.
    /// </summary>
    public static bool TryFromResult(
        ResultDocument result, OwnerId owner, ConceptName? concept, BoundingBox? box, [NotNullWhen(true)] out FeedbackTarget? target, out string error)
    {
        ArgumentNullException.ThrowIfNull(result);
        target = null;
        if (!string.Equals(result.Owner, owner.Value, StringComparison.Ordinal))
        {
            error = $"the result belongs to another owner ('{Printable(result.Owner)}'), not '{owner}'";
            return false;
        }

        if (string.IsNullOrWhiteSpace(result.Image) || string.IsNullOrWhiteSpace(result.ContentHash))
        {
            error = "the result names no image or content hash";
            return false;
        }

        ConceptName name;
        BoundingBox? found;
        if (concept is { } wanted)
        {
            name = wanted;
            var also = (result.AlsoPresent ?? []).FirstOrDefault(a => a.Concept.Equals(wanted));
            var isAnswer = Answer(result) is { } answered && answered.Equals(wanted);
            found = also is not null && !isAnswer ? also.Box : result.Box;
        }
        else if (Answer(result) is { } answer)
        {
            name = answer;
            found = result.Box;
        }
        else
        {
            error = result.Concept is null
                ? $"the result for '{Printable(result.Image)}' found none of the owner's concepts: name the concept (and its box)"
                : $"the result's concept '{Printable(result.Concept)}' is not a valid concept name";
            return false;
        }

        if ((box ?? found) is not { } chosen)
        {
            error = $"the result for '{Printable(result.Image)}' has no box for <{name}>: give one";
            return false;
        }

        target = new FeedbackTarget(result.Image, name, chosen, result.ContentHash, box is not null || !IsWholePhoto(chosen, result.Width, result.Height), Drawn: box is not null);
        error = string.Empty;
        return true;
    }

    private static ConceptName? Answer(ResultDocument result) =>
        ConceptName.TryParse(result.Concept, out var name, out _) ? name : null;

    private static string Printable(string? text) => new([.. (text ?? string.Empty).Take(120).Where(c => !char.IsControl(c))]);
}
