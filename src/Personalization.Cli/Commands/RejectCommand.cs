using System.CommandLine;

namespace Personalization.Cli.Commands;

/// <summary><c>personalize reject</c>: a recognition was wrong; that region becomes a hard negative of the concept.</summary>
internal static class RejectCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console) => FeedbackCommand.Create(
        "reject",
        "Rejects a recognition: that region of the photo is not the concept, and regions that look more like it than like " +
        "the concept's references are no longer taken for it. Rejecting it again changes nothing; past Feedback:MaxNegatives the oldest goes.",
        globals,
        console,
        async (feedback, owner, target, photo, token) =>
        {
            var outcome = await feedback.RejectAsync(owner, target.Concept, photo, target.Box, target.ContentHash, token).ConfigureAwait(false);
            var concept = outcome.Concept;
            var where = $"{Path.GetFileName(target.Image)} ({target.Box.ToText()})";
            var count = $"{concept.Negatives?.Count ?? 0} rejected region(s)";
            if (!outcome.Changed)
            {
                return $"{where} is already rejected for <{concept.Name}> of {owner}; nothing changed ({count})";
            }

            var extra = (outcome.DroppedNegatives > 0 ? $"; dropped the {outcome.DroppedNegatives} oldest" : string.Empty)
                + (outcome.DroppedReferences > 0 ? "; took back its earlier confirmation" : string.Empty);
            return $"rejected <{concept.Name}> for {owner} in {where} ({count}){extra}";
        });
}
