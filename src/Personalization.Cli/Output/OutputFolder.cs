using Personalization.Cli.Evaluation;
using Personalization.Cli.Reporting;

namespace Personalization.Cli.Output;

/// <summary>
/// What a <c>recognize</c>, <c>demo</c> or <c>eval</c> run writes to its <c>--out</c> folder, and the only files it owns
/// there: <c>results/</c> (one JSON result per image), <c>summary.json</c> (labelled runs), <c>report.html</c> with
/// <c>thumbs/</c>, and <c>compare/</c> (eval's second configuration, laid out the same). An earlier run's files are
/// removed first, and that is said in one line, so that no stale result sits beside a new summary; anything else in
/// the folder is left alone. A <c>prefer</c> run owns <c>verdict-*.json</c>, <c>report.html</c> and <c>thumbs/</c>
/// (<see cref="ClearPreferenceAsync"/>), cleared the same way before its first verdict is written.
/// </summary>
internal static class OutputFolder
{
    private const string Results = "results";
    private const string Thumbs = "thumbs";
    private const string Compare = "compare";
    private static readonly string[] Files = ["summary.json", "report.html"];

    /// <summary>Walks sub-folders but never through a link: nothing outside the output folder is touched.</summary>
    private static readonly EnumerationOptions Walk = new() { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };

    public static async Task WriteAsync(
        IServiceProvider services, CliConsole console, string outDir, string title, IReadOnlyList<LabelledOutcome> outcomes, SummaryDocument? summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var removed = Clear(outDir);
        if (removed > 0)
        {
            await console.Error.WriteLineAsync($"removed {removed} files of an earlier run from {TerminalText.Escape(outDir)} (results, summary, report, thumbnails)").ConfigureAwait(false);
        }

        await ResultFiles.WriteAsync(outDir, outcomes, cancellationToken).ConfigureAwait(false);
        if (summary is not null)
        {
            await JsonOutput.WriteAsync(Path.Combine(outDir, "summary.json"), summary, cancellationToken).ConfigureAwait(false);
        }

        await HtmlReport.WriteAsync(services, outDir, title, outcomes, summary, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Before a <c>prefer</c> run writes into <paramref name="outDir"/>: deletes an earlier prefer run's verdicts
    /// (<c>verdict-NNN.json</c>), report and thumbnails, nothing else, and says so in one line on stderr.
    /// </summary>
    public static async Task ClearPreferenceAsync(CliConsole console, string outDir)
    {
        ArgumentNullException.ThrowIfNull(console);
        var removed = ClearPreference(outDir);
        if (removed > 0)
        {
            await console.Error.WriteLineAsync($"removed {removed} files of an earlier run from {TerminalText.Escape(outDir)} (verdicts, report, thumbnails)").ConfigureAwait(false);
        }
    }

    /// <summary>Deletes what a <c>prefer</c> run writes in <paramref name="outDir"/>, nothing else; returns how many files.</summary>
    internal static int ClearPreference(string outDir)
    {
        if (!Directory.Exists(outDir))
        {
            return 0;
        }

        var removed = Delete(Path.Combine(outDir, "report.html")) + Delete(Path.Combine(outDir, "report.html.tmp"));
        removed += Directory.GetFiles(outDir, "verdict-*.json").Concat(Directory.GetFiles(outDir, "verdict-*.json.tmp"))
            .Where(f => IsVerdictFile(Path.GetFileName(f))).Sum(Delete);
        removed += ClearTree(Path.Combine(outDir, Thumbs), "*.jpg");
        RemoveEmptyFolders(Path.Combine(outDir, Thumbs));
        return removed;
    }

    /// <summary><c>verdict-</c>, digits, <c>.json</c> (or <c>.json.tmp</c>): the names prefer gives its verdicts, and no other.</summary>
    private static bool IsVerdictFile(string name)
    {
        var stem = name.EndsWith(".json.tmp", StringComparison.Ordinal) ? name[..^".json.tmp".Length] : name[..^".json".Length];
        return stem.Length > "verdict-".Length && stem["verdict-".Length..].All(char.IsAsciiDigit);
    }

    /// <summary>Deletes what a run writes in <paramref name="outDir"/> (and in its <c>compare/</c>), nothing else; returns how many files.</summary>
    internal static int Clear(string outDir)
    {
        if (!Directory.Exists(outDir))
        {
            return 0;
        }

        var removed = 0;
        foreach (var name in Files)
        {
            removed += Delete(Path.Combine(outDir, name)) + Delete(Path.Combine(outDir, name + ".tmp"));
        }

        removed += ClearTree(Path.Combine(outDir, Results), "*.json") + ClearTree(Path.Combine(outDir, Results), "*.json.tmp");
        removed += ClearTree(Path.Combine(outDir, Thumbs), "*.jpg");
        RemoveEmptyFolders(Path.Combine(outDir, Results));
        RemoveEmptyFolders(Path.Combine(outDir, Thumbs));
        var compare = Path.Combine(outDir, Compare);
        if (Directory.Exists(compare))
        {
            removed += Clear(compare);
            RemoveEmptyFolders(compare);
        }

        return removed;
    }

    private static int Delete(string file)
    {
        if (!File.Exists(file))
        {
            return 0;
        }

        File.Delete(file);
        return 1;
    }

    private static int ClearTree(string folder, string pattern) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, pattern, Walk).Sum(Delete) : 0;

    /// <summary>Removes <paramref name="folder"/> and the folders under it that are left empty; a folder holding anything stays.</summary>
    private static void RemoveEmptyFolders(string folder)
    {
        if (!Directory.Exists(folder) || File.GetAttributes(folder).HasFlag(FileAttributes.ReparsePoint))
        {
            return;
        }

        foreach (var sub in Directory.GetDirectories(folder))
        {
            RemoveEmptyFolders(sub);
        }

        if (!Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }
    }
}
