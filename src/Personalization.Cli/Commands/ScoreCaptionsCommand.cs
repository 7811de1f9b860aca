using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Personalization.Cli.Output;
using Personalization.Core.Metrics;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize score-captions</c>: RePIC's caption metric on result files in RePIC's format
/// (a JSON array of rows <c>[image_path, ["&lt;name&gt;", ...], caption, prompt]</c>), giving the figures of RePIC's
/// <c>eval_single_concept.py</c> and <c>eval_multi_4_concept.py</c>; the concept pool is every concept named in the file.
/// </summary>
internal static class ScoreCaptionsCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = "Caption files in RePIC's format.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per file instead of text." };
        var perRow = new Option<bool>("--rows") { Description = "Also print each row: its index, image and every ground-truth concept as correct, miss or none." };
        var command = new Command("score-captions", "Scores personalised captions with RePIC's metric: precision, recall and F1 per file.") { files, json, perRow };
        command.SetAction(async (parse, ct) =>
        {
            var results = new List<CaptionFileScore>();
            var failed = 0;
            foreach (var file in parse.GetValue(files) ?? [])
            {
                try
                {
                    await using var stream = File.OpenRead(file);
                    var rows = CaptionFile.Parse(await JsonDocument.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false));
                    results.Add(Score(file, rows, parse.GetValue(perRow)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException)
                {
                    failed++;
                    await console.Error.WriteLineAsync($"error: {TerminalText.Escape(file)}: {TerminalText.Escape(e.Message)}").ConfigureAwait(false);
                }
            }

            foreach (var r in results)
            {
                if (parse.GetValue(json))
                {
                    JsonOutput.PrintLine(console.Out, r);
                    continue;
                }

                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{TerminalText.Escape(r.File)}\trows {r.Rows}\tprecision {r.Precision:F4}\trecall {r.Recall:F4}\tF1 {r.F1:F4}")).ConfigureAwait(false);
                foreach (var row in r.RowOutcomes ?? [])
                {
                    var outcomes = string.Join('\t', row.Concepts.Select(c => $"<{c.Concept}> {c.Outcome}"));
                    await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  row {row.Index}\t{TerminalText.Escape(row.Image)}\t{outcomes}")).ConfigureAwait(false);
                }
            }

            return failed == 0 ? ExitCodes.Success : results.Count == 0 ? ExitCodes.Fatal : ExitCodes.SomeItemsFailed;
        });
        return command;
    }

    private static CaptionFileScore Score(string file, IReadOnlyList<(string Image, IReadOnlyList<string> Concepts, string Caption)> rows, bool perRow)
    {
        // RePIC's pool is every ground-truth concept of the file; only those outside a row's own truth can make a miss.
        var pool = rows.SelectMany(r => r.Concepts).Select(CaptionMetric.NormalizeName).Distinct(StringComparer.Ordinal).ToList();
        var classified = rows.Select(r => CaptionMetric.Classify(r.Caption, r.Concepts, pool)).ToList();
        var tally = CaptionTally.Of(classified.SelectMany(c => c));
        var rowOutcomes = perRow
            ? rows.Select((r, i) => new CaptionRowScore(i, r.Image, [.. classified[i].Select(c => new CaptionConceptScore(c.Concept, Name(c.Outcome)))])).ToList()
            : null;
        return new CaptionFileScore(
            file, rows.Count, Math.Round(tally.Precision, 4), Math.Round(tally.Recall, 4), Math.Round(tally.F1, 4),
            tally.Correct, tally.Miss, tally.None, rowOutcomes);
    }

    private static string Name(CaptionOutcome outcome) => outcome switch
    {
        CaptionOutcome.Correct => "correct",
        CaptionOutcome.Miss => "miss",
        _ => "none",
    };
}

internal sealed record CaptionFileScore(
    string File, int Rows, double Precision, double Recall, double F1, int Correct, int Miss, int None,
    IReadOnlyList<CaptionRowScore>? RowOutcomes = null);

/// <summary>One row of a caption file: its 0-based index (as in parse errors), its image and each ground-truth concept's outcome.</summary>
internal sealed record CaptionRowScore(int Index, string Image, IReadOnlyList<CaptionConceptScore> Concepts);

internal sealed record CaptionConceptScore(string Concept, string Outcome);
