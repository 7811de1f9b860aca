using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Output;
using Personalization.Core.Domain;
using Personalization.Core.Enrollment;

namespace Personalization.Cli.Commands;

/// <summary><c>personalize enroll</c>: add or update a concept from reference photos.</summary>
internal static class EnrollCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var owner = new Option<string>("--owner") { Description = "The user who owns the concept.", Required = true };
        var name = new Option<string>("--name") { Description = "The concept's name, as captions will call it (<name>).", Required = true };
        var category = new Option<string?>("--category") { Description = "What kind of thing it is (dog, teapot, backpack)." };
        var description = new Option<string?>("--description") { Description = "A few words that tell it apart from others of its kind." };
        var attributes = new Option<string[]>("--attribute") { Description = "A distinguishing feature (repeatable), e.g. \"pink bow tie\".", AllowMultipleArgumentsPerToken = false };
        var boxes = new Option<string[]>("--box")
        {
            Description = "The object's box x,y,width,height in pixels of a photo, one per photo in the order given (repeatable). Without it the object is chosen automatically.",
            AllowMultipleArgumentsPerToken = false,
        };
        var update = new Option<bool>("--update") { Description = "Change an existing concept's category to --category (without it, enrolling a name already taken with another category is refused)." };
        var images = new Argument<string[]>("IMAGE") { Description = "Reference photos of the concept (one is enough; three help on hard photos).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("enroll", "Adds or updates a concept from one or more reference photos. Enrolling the same photo again changes nothing.")
        {
            owner, name, category, description, attributes, boxes, update, images,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console, async (services, token) =>
        {
            var photos = ImageFiles.Expand(parse.GetValue(images) ?? []);
            var drawn = parse.GetValue(boxes) ?? [];
            if (drawn.Length > photos.Count)
            {
                await console.Error.WriteLineAsync($"error: {drawn.Length} --box values for {photos.Count} photo(s): give at most one box per photo, in order").ConfigureAwait(false);
                return ExitCodes.Fatal;
            }

            var boxByPhoto = new Dictionary<string, BoundingBox>(StringComparer.Ordinal);
            for (var i = 0; i < drawn.Length; i++)
            {
                if (!BoundingBox.TryParse(drawn[i], out var box, out var error))
                {
                    await console.Error.WriteLineAsync($"error: {error}").ConfigureAwait(false);
                    return ExitCodes.Fatal;
                }

                boxByPhoto[photos[i].Id] = box;
            }

            var request = new EnrollmentRequest(
                OwnerId.Parse(parse.GetValue(owner)),
                ConceptName.Parse(parse.GetValue(name)),
                parse.GetValue(category),
                parse.GetValue(description),
                parse.GetValue(attributes) ?? [],
                photos,
                boxByPhoto,
                UpdateCategory: parse.GetValue(update));
            EnrollmentOutcome outcome;
            try
            {
                outcome = await services.GetRequiredService<EnrollmentService>().EnrollAsync(request, token).ConfigureAwait(false);
            }
            catch (CategoryConflictException e)
            {
                await console.Error.WriteLineAsync(
                    $"error: <{e.Name}> is already enrolled as a {e.ExistingCategory}, not a {e.RequestedCategory}: pass --update to change its category, or choose another name; nothing was changed").ConfigureAwait(false);
                return ExitCodes.Fatal;
            }

            foreach (var (id, error) in outcome.Failures)
            {
                await console.Error.WriteLineAsync($"error: {TerminalText.Escape(id)}: {TerminalText.Escape(error)}").ConfigureAwait(false);
            }

            if (outcome.Concept is not { } concept)
            {
                await console.Error.WriteLineAsync($"error: <{request.Name}> was not enrolled: none of its photos could be used").ConfigureAwait(false);
                return ExitCodes.Fatal;
            }

            await console.Out.WriteLineAsync(
                $"enrolled <{concept.Name}> ({concept.Category}) for {concept.Owner}: {concept.References.Count} reference photo(s), {outcome.AddedReferences} new; " +
                $"attributes: {ConceptsCommand.Attributes(concept)}").ConfigureAwait(false);
            return outcome.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.SomeItemsFailed;
        }, ct));
        return command;
    }
}
