using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Core.Domain;
using Personalization.Core.Enrollment;

namespace Personalization.Cli.Commands;

/// <summary><c>personalize forget</c>: delete a concept, effective at once.</summary>
internal static class ForgetCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var owner = new Option<string>("--owner") { Description = "The user who owns the concept.", Required = true };
        var name = new Option<string>("--name") { Description = "The concept to delete.", Required = true };
        var command = new Command("forget", "Deletes a concept, its vectors and its stored reference photos; the next recognition no longer sees it.") { owner, name };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console, async (services, token) =>
        {
            var id = OwnerId.Parse(parse.GetValue(owner));
            var given = parse.GetValue(name);
            // A concept enrolled before today's naming rules can still be removed by the name it was stored under.
            var concept = ConceptName.TryParse(given, out var parsed, out _) ? parsed : ConceptName.FromStored(given);
            var removed = await services.GetRequiredService<EnrollmentService>().ForgetAsync(id, concept, token).ConfigureAwait(false);
            if (!removed)
            {
                await console.Error.WriteLineAsync($"error: owner '{id}' has no concept <{concept}>").ConfigureAwait(false);
                return ExitCodes.Fatal;
            }

            await console.Out.WriteLineAsync($"forgot <{concept}> of {id}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
