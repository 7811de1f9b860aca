using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Cli.Commands;

/// <summary><c>personalize concepts</c>: list an owner's concepts.</summary>
internal static class ConceptsCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var owner = new Option<string>("--owner") { Description = "The user whose concepts to list.", Required = true };
        var command = new Command("concepts", "Lists an owner's concepts: name, category, reference photos, description and attributes.") { owner };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console, async (services, token) =>
        {
            var id = OwnerId.Parse(parse.GetValue(owner));
            var concepts = await services.GetRequiredService<IConceptIndex>().ListAsync(id, token).ConfigureAwait(false);
            if (concepts.Count == 0)
            {
                await console.Out.WriteLineAsync($"owner '{id}' has no concepts").ConfigureAwait(false);
            }

            foreach (var c in concepts)
            {
                await console.Out.WriteLineAsync(
                    $"<{c.Name}>\t{c.Category}\t{c.References.Count} photo(s)\t{c.Description}\t[{string.Join(", ", c.Fingerprint.Select(f => f.Text))}]").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
