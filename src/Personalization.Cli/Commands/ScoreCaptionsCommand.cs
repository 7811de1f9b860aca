using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Personalization.Cli.Output;
using Personalization.Core.Metrics;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize score-captions</c>: RePIC's caption metric on result files in RePIC's format
/// (a JSON array of rows <c>[image_path, ["&lt;name&gt;", ...], caption, prompt]</c>); the concept pool is
/// every concept named in the file.
/// </summary>
internal static class ScoreCaptionsCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = "Caption files in RePIC's format.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per file instead of text." };
        var command = new Command("score-captions", "Scores personalised captions with RePIC's metric: precision, recall and F1 per file.") { files, json };
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
                    var pool = rows.SelectMany(r => r.Concepts).Select(CaptionMetric.NormalizeName).Distinct(StringComparer.Ordinal).ToList();
                    var tally = rows.Aggregate(CaptionTally.Empty, (t, r) => t + CaptionMetric.Score(r.Caption, r.Concepts, pool));
                    results.Add(new CaptionFileScore(file, rows.Count, Math.Round(tally.Precision, 4), Math.Round(tally.Recall, 4), Math.Round(tally.F1, 4)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException)
                {
                    failed++;
                    await console.Error.WriteLineAsync($"error: {file}: {e.Message}").ConfigureAwait(false);
                }
            }

            foreach (var r in results)
            {
                await console.Out.WriteLineAsync(parse.GetValue(json)
                    ? JsonSerializer.Serialize(r, JsonOutput.CompactOptions)
                    : string.Create(CultureInfo.InvariantCulture, $"{r.File}\trows {r.Rows}\tprecision {r.Precision:F4}\trecall {r.Recall:F4}\tF1 {r.F1:F4}")).ConfigureAwait(false);
            }

            return failed == 0 ? ExitCodes.Success : results.Count == 0 ? ExitCodes.Fatal : ExitCodes.SomeItemsFailed;
        });
        return command;
    }
}

internal sealed record CaptionFileScore(string File, int Rows, double Precision, double Recall, double F1);
