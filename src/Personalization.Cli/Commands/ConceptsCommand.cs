using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Output;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Cli.Commands;

/// <summary><c>personalize concepts</c>: list an owner's concepts.</summary>
internal static class ConceptsCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var owner = new Option<string>("--owner") { Description = "The user whose concepts to list.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the concepts as one JSON document instead of text." };
        var command = new Command("concepts", "Lists an owner's concepts: name, category, reference photos, description and attributes.") { owner, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console, async (services, token) =>
        {
            var id = OwnerId.Parse(parse.GetValue(owner));
            var concepts = await services.GetRequiredService<IConceptIndex>().ListAsync(id, token).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await JsonOutput.PrintAsync(console.Out, ConceptListing.From(id, concepts)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (concepts.Count == 0)
            {
                await console.Out.WriteLineAsync($"owner '{id}' has no concepts").ConfigureAwait(false);
            }

            foreach (var c in concepts)
            {
                var regions = string.Join("; ", c.References.Select(r => $"{r.FileName}: {Region(r)}, {r.Local?.Count ?? 0} keypoints"));
                await console.Out.WriteLineAsync(
                    $"<{c.Name}>\t{c.Category}\t{c.References.Count} photo(s)\t{c.Description}\t{Attributes(c)}\tregions: {regions}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    /// <summary>The attributes, the user's words apart from what the models derived: <c>yours: golden, red collar, dog; derived: Pembroke (classifier)</c>.</summary>
    internal static string Attributes(Concept concept)
    {
        var yours = concept.Fingerprint.Where(f => f.Source == "user").Select(f => f.Text).ToList();
        var derived = concept.Fingerprint.Where(f => f.Source != "user").Select(f => $"{f.Text} ({f.Source})").ToList();
        return $"yours: {(yours.Count == 0 ? "–" : string.Join(", ", yours))}; derived: {(derived.Count == 0 ? "–" : string.Join(", ", derived))}";
    }

    /// <summary>Which region of a reference photo the concept was enrolled from, as the user reads it.</summary>
    private static string Region(ConceptReference reference) => reference.Focus switch
    {
        null => "whole photo (enrolled before regions)",
        { Source: ReferenceFocus.User } f => $"your box {Box(f.Box)}",
        { Source: ReferenceFocus.Detector } f => $"chosen automatically: {f.Label ?? "object"} at {Box(f.Box)}",
        { Source: ReferenceFocus.Found } f => $"cut from where it was recognised, {Box(f.Box)}",
        { Source: ReferenceFocus.Centre } f => $"middle of the photo {Box(f.Box)} (no object detected near the centre)",
        _ => "whole photo (no object detected)",
    };

    private static string Box(BoundingBox b) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{b.X:0},{b.Y:0},{b.Width:0},{b.Height:0}");
}
