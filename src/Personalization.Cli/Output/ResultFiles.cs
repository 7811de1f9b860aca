using Personalization.Cli.Evaluation;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Output;

/// <summary>Writes one JSON result per recognised image under <c>results/</c> (in a folder per truth when the run is labelled).</summary>
internal static class ResultFiles
{
    public static async Task WriteAsync(string outDir, IEnumerable<LabelledOutcome> outcomes, CancellationToken cancellationToken)
    {
        foreach (var o in outcomes.Where(o => o.Outcome.Succeeded))
        {
            var folder = o.Labelled ? Path.Combine(outDir, "results", o.Truth ?? "negatives") : Path.Combine(outDir, "results");
            var file = Path.Combine(folder, JsonOutput.SafeFileName(o.Outcome.Id, o.Outcome.Result!.ContentHash));
            await JsonOutput.WriteAsync(file, ResultDocument.From(o.Outcome, o.Truth), cancellationToken).ConfigureAwait(false);
        }
    }
}
