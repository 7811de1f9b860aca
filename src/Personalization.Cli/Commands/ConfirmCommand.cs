using System.CommandLine;
using Personalization.Core.Feedback;

namespace Personalization.Cli.Commands;

/// <summary><c>personalize confirm</c>: a recognition was right; that region of the photo becomes a reference.</summary>
internal static class ConfirmCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console) => FeedbackCommand.Create(
        "confirm",
        "Confirms a recognition: that region of the photo becomes a reference of the concept, effective at once. " +
        "Confirming it again changes nothing; past Feedback:MaxReferences the confirmed reference most like the others is dropped.",
        globals,
        console,
        async (feedback, owner, target, photo, token) =>
        {
            var outcome = await feedback.ConfirmAsync(owner, target.Concept, photo, target.ConfirmBox, target.ContentHash, token, boxIsHint: !target.Drawn).ConfigureAwait(false);
            var concept = outcome.Concept;
            var focus = concept.References.FirstOrDefault(r => r.ContentHash == outcome.ContentHash)?.Focus;
            var where = $"{Path.GetFileName(target.Image)} ({(focus is null ? "object chosen automatically" : focus.Box.ToText())})";
            var counts = $"{concept.References.Count} reference photo(s), {concept.References.Count(r => r.Origin == Core.Domain.ReferenceOrigins.Confirmed)} confirmed";
            if (!outcome.Changed)
            {
                return $"<{concept.Name}> of {owner} already has {Path.GetFileName(target.Image)} as a reference; nothing changed ({counts})";
            }

            var extra = (outcome.DroppedReferences > 0 ? $"; dropped {outcome.DroppedReferences} confirmed reference(s) most like the others" : string.Empty)
                + (outcome.DroppedNegatives > 0 ? "; took back its earlier rejection" : string.Empty);
            return outcome.IsReference
                ? $"confirmed <{concept.Name}> for {owner}: {where} is now a reference ({counts}){extra}"
                : $"confirmed <{concept.Name}> for {owner}: {where} is too like its other references to keep ({counts}){extra}";
        });
}
