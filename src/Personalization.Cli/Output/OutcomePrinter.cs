using System.Globalization;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Output;

/// <summary>One line per image (or, for <c>--json</c>, one JSON document per line): the concept found (or none; others also present after a +), its score and the stage that decided; errors to stderr.</summary>
internal static class OutcomePrinter
{
    public static void Print(CliConsole console, RecognitionOutcome outcome, string? truth = null)
    {
        if (outcome.Result is not { } r)
        {
            console.Error.WriteLine($"error: {TerminalText.Escape(outcome.Id)}: {TerminalText.Escape(outcome.Error)}");
            return;
        }

        var found = r.Recognized.Count == 0 ? "none" : string.Join(" +", r.Recognized.Select(x => $"<{x.Concept}>"));
        var line = string.Create(CultureInfo.InvariantCulture, $"{TerminalText.Escape(outcome.Id)}\t{found}\t{r.Score:F3}\t{r.Stage}");
        if (truth is not null)
        {
            var ok = string.Equals(truth, r.Concept?.Value, StringComparison.OrdinalIgnoreCase);
            line += ok ? "\tok" : $"\tWRONG (is <{truth}>)";
        }

        console.Out.WriteLine(line);
    }

    /// <summary>The same for <c>--json</c>: the image's result document on one line of stdout (JSON Lines); errors as in <see cref="Print"/>.</summary>
    public static void PrintJson(CliConsole console, RecognitionOutcome outcome)
    {
        if (outcome.Result is null)
        {
            Print(console, outcome);
            return;
        }

        JsonOutput.PrintLine(console.Out, ResultDocument.From(outcome));
    }
}
