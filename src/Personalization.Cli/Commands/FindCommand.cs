using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Output;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Cli.Commands;

/// <summary><c>personalize find</c>: every photo of the owner's in which a concept was recognised, most confident first.</summary>
internal static class FindCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var owner = new Option<string>("--owner") { Description = "Whose photos to search.", Required = true };
        var name = new Option<string>("--name") { Description = "The concept to look for.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the photos as one JSON document instead of text." };
        var command = new Command("find", "Lists every photo a concept was recognised in (by recognize, demo or serve), most confident first, with its box.")
        {
            owner, name, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console, async (services, token) =>
        {
            var id = OwnerId.Parse(parse.GetValue(owner));
            var concept = ConceptName.Parse(parse.GetValue(name));
            var found = await services.GetRequiredService<IImageIndex>().FindEnrolledAsync(services.GetRequiredService<IConceptIndex>(), id, concept, token).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await JsonOutput.PrintAsync(console.Out, found.Select(f => new
                {
                    f.Path,
                    f.ContentHash,
                    f.Confidence,
                    Box = f.Concepts.Where(c => string.Equals(c.Name, concept.Value, StringComparison.OrdinalIgnoreCase)).Select(c => c.Box).FirstOrDefault(),
                    Concepts = f.Concepts,
                })).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (found.Count == 0)
            {
                await console.Out.WriteLineAsync($"<{concept}> was not found in any photo of '{id}' (photos are indexed when recognize, demo or serve recognises them)").ConfigureAwait(false);
            }

            foreach (var f in found)
            {
                var box = f.Concepts.Where(c => string.Equals(c.Name, concept.Value, StringComparison.OrdinalIgnoreCase)).Select(c => c.Box).FirstOrDefault();
                var boxText = box is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{box.X:0},{box.Y:0},{box.Width:0},{box.Height:0}");
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{f.Confidence:0.000}\t{boxText}\t{TerminalText.Escape(f.Path)}")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
