using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Output;
using Personalization.Core.Answering;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize ask --owner ID [IMAGE] "question"</c>: answers a question about a photo or the owner's concepts,
/// with the concepts named in the question and those found in the photo as context (RAP's generation step).
/// </summary>
internal static class AskCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var owner = new Option<string>("--owner") { Description = "Whose concepts to use as context.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the answer and its context as JSON." };
        var words = new Argument<string[]>("[IMAGE] QUESTION")
        {
            Description = "An optional photo, then the question (quote it).",
            Arity = new ArgumentArity(1, 2),
        };
        var command = new Command("ask", "Answers a question about a photo or your concepts, using your concepts as context (needs a VLM for real answers).")
        {
            owner, json, words,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console, async (services, token) =>
        {
            var id = OwnerId.Parse(parse.GetValue(owner));
            var args = parse.GetValue(words) ?? [];
            var image = args.Length == 2 ? ImageSource.FromFile(Path.GetFullPath(args[0])) : null;
            if (image is not null && !File.Exists(image.Id))
            {
                throw new InvalidDataException($"{args[0]}: no such file");
            }

            var outcome = await services.GetRequiredService<QuestionService>().AskAsync(id, args[^1], image, token).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                var document = new
                {
                    answer = outcome.Answer.Answer,
                    concepts = outcome.Answer.Concepts.Select(c => c.Value),
                    source = outcome.Answer.Source,
                    context = outcome.Context.Select(c => new { name = c.Concept.Name.Value, why = c.Why }),
                };
                await JsonOutput.PrintAsync(console.Out, document).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await console.Out.WriteLineAsync(outcome.Answer.Answer).ConfigureAwait(false);
            var context = outcome.Context.Count == 0 ? "none" : string.Join(", ", outcome.Context.Select(c => $"<{c.Concept.Name}> ({c.Why})"));
            await console.Error.WriteLineAsync($"context: {context}; answered by {outcome.Answer.Source}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
