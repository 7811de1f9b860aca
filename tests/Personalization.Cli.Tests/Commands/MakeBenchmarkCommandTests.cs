using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Personalization.Cli.Datasets;
using Personalization.Models.Imaging;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

/// <summary>The synthetic hard benchmark, in its small CI size: 6 concepts, 2 queries each, 6 negatives.</summary>
public sealed class MakeBenchmarkCommandTests
{
    private static readonly string[] Small = ["--subjects", "6", "--queries-per-subject", "2", "--negatives", "6"];

    [SharedFact]
    public async Task MakeBenchmark_SmallVersion_WritesLayoutEvalReadsAndTrueBoxes()
    {
        using var cli = new CliRun();
        var root = Path.Combine(cli.OutDirectory, "hard");

        var (exit, output, error) = await MakeAsync(cli, root, 1);

        Assert.True(exit == 0, error);
        Assert.Contains("6 concepts, 6 references, 12 queries, 6 negatives", output, StringComparison.Ordinal);
        Assert.Contains($"personalize eval --dataset {Path.Combine(root, "concepts")} --references 1 --negatives {Path.Combine(root, "negatives")}", output, StringComparison.Ordinal);
        Assert.StartsWith(HardBenchmarkGenerator.Marker, await File.ReadAllTextAsync(Path.Combine(root, "README.txt")), StringComparison.Ordinal);

        var data = LabelledDataset.Load(Path.Combine(root, "concepts"), 1);
        Assert.Equal(6, data.Concepts.Count);
        Assert.Empty(data.Skipped);
        Assert.All(data.Concepts, c => Assert.Equal(["r1.jpg"], c.References.Select(Path.GetFileName)));
        Assert.All(data.Concepts, c => Assert.Equal(["t01.jpg", "t02.jpg"], c.Queries.Select(Path.GetFileName)));
        var classes = ReadCsv(Path.Combine(root, "concepts", "subjects.csv"), "subject,class").ToDictionary(r => r[0], r => r[1]);
        Assert.Equal(data.Concepts.Select(c => c.Name.Value).Order(StringComparer.Ordinal), classes.Keys.Order(StringComparer.Ordinal));
        // Look-alikes of the held-out dogs and cat stay enrolled in the small version.
        Assert.Contains("dog", classes.Values);
        Assert.Contains("cat", classes.Values);
        Assert.Equal(6, Directory.GetFiles(Path.Combine(root, "negatives"), "*.jpg").Length);

        var references = Boxes(root, "reference-boxes.csv");
        var queries = Boxes(root, "query-boxes.csv");
        Assert.Equal(data.Concepts.SelectMany(c => c.References).Select(f => Relative(root, f)).Order(StringComparer.Ordinal), references.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(data.Queries.Select(q => Relative(root, q.Path)).Order(StringComparer.Ordinal), queries.Keys.Order(StringComparer.Ordinal));
        AssertBoxes(root, references, 0.30, 0.50);
        AssertBoxes(root, queries, 0.10, 0.30);
    }

    [SharedFact]
    public async Task MakeBenchmark_Manifest_KeepsSourcesApartAndEnrolledSubjectsOutOfOthersPhotos()
    {
        using var cli = new CliRun();
        var root = Path.Combine(cli.OutDirectory, "hard");
        Assert.Equal(0, (await MakeAsync(cli, root, 3)).Exit);

        var enrolled = ReadCsv(Path.Combine(root, "concepts", "subjects.csv"), "subject,class").Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        var rows = ReadCsv(Path.Combine(root, "manifest.csv"), "image,role,subject,source,room,distractors").ToList();
        Assert.Equal((6 * 3) + (6 * 2) + 6, rows.Count);
        foreach (var row in rows)
        {
            var (image, role, subject, source, distractors) = (row[0], row[1], row[2], row[3], row[5].Split(';', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain(distractors, d => enrolled.Contains(d.Split('/')[0]));
            switch (role)
            {
                case "reference" or "query":
                    Assert.StartsWith($"concepts/{subject}/", image, StringComparison.Ordinal);
                    var photos = Directory.GetFiles(Path.Combine(SharedData.DreamBoothDirectory, subject)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
                    var number = photos.IndexOf(source.Split('/')[1]);
                    Assert.True(role == "reference" ? number is >= 0 and < 3 : number >= 3, $"{image} made from {source} (photo #{number + 1})");
                    break;
                case "negative":
                    Assert.DoesNotContain(subject, enrolled);
                    break;
                default:
                    Assert.Equal("clutter", role);
                    Assert.Equal("", subject);
                    Assert.All(distractors, d => Assert.StartsWith("images/", d, StringComparison.Ordinal));
                    break;
            }
        }

        Assert.Contains(rows, r => r[1] == "negative");
        Assert.Contains(rows, r => r[1] == "clutter");
    }

    [SharedFact]
    public async Task MakeBenchmark_RunTwiceAndWithThreeReferences_SameBytesAndSameQueries()
    {
        using var cli = new CliRun();
        var one = Path.Combine(cli.OutDirectory, "one");
        var three = Path.Combine(cli.OutDirectory, "three");

        Assert.Equal(0, (await MakeAsync(cli, one, 1)).Exit);
        var first = Hashes(one);
        // The second run replaces the first (its README marks it as a benchmark).
        Assert.Equal(0, (await MakeAsync(cli, one, 1)).Exit);
        var second = Hashes(one);
        Assert.Equal(0, (await MakeAsync(cli, three, 3)).Exit);
        var withThree = Hashes(three);

        Assert.Equal(first, second);
        static Dictionary<string, string> QueriesOf(Dictionary<string, string> h) =>
            h.Where(kv => kv.Key.Contains("/t", StringComparison.Ordinal) || kv.Key == "query-boxes.csv" || kv.Key.StartsWith("negatives/", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(12, QueriesOf(first).Count(kv => kv.Key.StartsWith("concepts/", StringComparison.Ordinal)));
        Assert.Equal(QueriesOf(first), QueriesOf(withThree));
        Assert.Equal(first.Where(kv => kv.Key.EndsWith("/r1.jpg", StringComparison.Ordinal)), withThree.Where(kv => kv.Key.EndsWith("/r1.jpg", StringComparison.Ordinal)));
        Assert.Equal(6, withThree.Keys.Count(k => k.EndsWith("/r3.jpg", StringComparison.Ordinal)));
    }

    [SharedFact]
    public async Task MakeBenchmark_ThenEval_CompletesWithSummary()
    {
        using var cli = new CliRun();
        var root = Path.Combine(cli.OutDirectory, "hard");
        Assert.Equal(0, (await MakeAsync(cli, root, 1)).Exit);
        var outDir = Path.Combine(cli.OutDirectory, "eval");

        var (exit, output, error) = await cli.RunAsync(
            "eval", "--dataset", Path.Combine(root, "concepts"), "--negatives", Path.Combine(root, "negatives"), "--out", outDir,
            "--reference-boxes", Path.Combine(root, "reference-boxes.csv"), "--query-boxes", Path.Combine(root, "query-boxes.csv"));

        // Recognition quality on this benchmark is not asserted: it is what the benchmark is for.
        Assert.True(exit == 0, error);
        Assert.Contains("recognition: accuracy", output, StringComparison.Ordinal);
        var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json"))).RootElement;
        Assert.Equal(6, summary.GetProperty("concepts").GetInt32());
        Assert.Equal(12 + 6, summary.GetProperty("images").GetInt32());
        Assert.Equal(6, summary.GetProperty("negatives").GetInt32());

        // Every query has a true box: localisation is scored over exactly the right answers.
        var right = summary.GetProperty("per_concept").EnumerateArray().Sum(c => c.GetProperty("correct").GetInt32());
        if (right == 0)
        {
            Assert.False(summary.TryGetProperty("localization", out var none) && none.ValueKind != JsonValueKind.Null);
        }
        else
        {
            var localization = summary.GetProperty("localization");
            Assert.Equal(right, localization.GetProperty("answers").GetInt32());
            Assert.InRange(localization.GetProperty("reward").GetDouble(), 0, 1);
            Assert.InRange(localization.GetProperty("mean_iou").GetDouble(), 0, 1);
            Assert.Contains($"localisation: {right} right answers with a true box", output, StringComparison.Ordinal);
        }

        // A query boxes file that is not there: one line, exit 2, nothing run.
        var missing = Path.Combine(root, "no-such-boxes.csv");
        (exit, _, error) = await cli.RunAsync("eval", "--dataset", Path.Combine(root, "concepts"), "--out", Path.Combine(cli.OutDirectory, "eval2"), "--query-boxes", missing);
        Assert.Equal(ExitCodes.Fatal, exit);
        Assert.Equal($"error: query boxes file '{missing}' does not exist", error.Trim());
    }

    [SharedFact]
    public async Task MakeBenchmark_OutHoldsSomethingElse_RefusesAndKeepsIt()
    {
        using var cli = new CliRun();
        var root = Path.Combine(cli.OutDirectory, "mine");
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "notes.txt"), "keep me");

        var (exit, _, error) = await MakeAsync(cli, root, 1);

        Assert.Equal(ExitCodes.Fatal, exit);
        Assert.StartsWith("error: --out", error.Trim(), StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.True(File.Exists(Path.Combine(root, "notes.txt")));
    }

    [Theory]
    [InlineData("--references", "4", "error: --references must be 1, 2 or 3, not 4")]
    [InlineData("--queries-per-subject", "0", "error: --queries-per-subject must be 1 to 99, not 0")]
    [InlineData("--negatives", "-1", "error: --negatives must be 0 to 9999, not -1")]
    public async Task MakeBenchmark_BadArgument_OneErrorLineAndExitTwo(string option, string value, string expected)
    {
        var stderr = new StringWriter();
        var exit = await CliApplication.RunAsync(["make-benchmark", "--out", Path.Combine(Path.GetTempPath(), "never-written"), option, value], new StringWriter(), stderr);
        Assert.Equal(ExitCodes.Fatal, exit);
        Assert.Equal(expected, stderr.ToString().Trim());
    }

    [Fact]
    public async Task MakeBenchmark_MissingDreamBooth_OneErrorLineAndExitTwo()
    {
        var stderr = new StringWriter();
        var exit = await CliApplication.RunAsync(["make-benchmark", "--out", Path.Combine(Path.GetTempPath(), "never-written"), "--dreambooth", "/nonexistent/dreambooth"], new StringWriter(), stderr);
        Assert.Equal(ExitCodes.Fatal, exit);
        Assert.Equal("error: DreamBooth folder '/nonexistent/dreambooth' does not exist (use --dreambooth DIR)", stderr.ToString().Trim());
    }

    private static Task<(int Exit, string Out, string Error)> MakeAsync(CliRun cli, string root, int references) =>
        cli.RunAsync(["make-benchmark", "--out", root, "--references", references.ToString(CultureInfo.InvariantCulture), "--seed", "7",
            "--dreambooth", SharedData.DreamBoothDirectory, "--images", SharedData.ImagesDirectory, .. Small]);

    private static string Relative(string root, string file) => Path.GetRelativePath(Path.Combine(root, "concepts"), file).Replace('\\', '/');

    private static IEnumerable<string[]> ReadCsv(string path, string header)
    {
        var lines = File.ReadAllLines(path);
        Assert.Equal(header, lines[0]);
        return lines.Skip(1).Select(l => l.Split(','));
    }

    private static Dictionary<string, (int X, int Y, int Width, int Height)> Boxes(string root, string file) =>
        ReadCsv(Path.Combine(root, file), "image,x,y,width,height").ToDictionary(
            r => r[0],
            r => (int.Parse(r[1], CultureInfo.InvariantCulture), int.Parse(r[2], CultureInfo.InvariantCulture), int.Parse(r[3], CultureInfo.InvariantCulture), int.Parse(r[4], CultureInfo.InvariantCulture)));

    private static void AssertBoxes(string root, Dictionary<string, (int X, int Y, int Width, int Height)> boxes, double low, double high)
    {
        foreach (var (image, box) in boxes)
        {
            var (width, height) = SkiaImageDecoder.ReadSize(File.ReadAllBytes(Path.Combine(root, "concepts", image)));
            Assert.True(box.X >= 0 && box.Y >= 0 && box.Width > 0 && box.Height > 0 && box.X + box.Width <= width && box.Y + box.Height <= height, $"{image}: {box} outside {width}x{height}");
            var share = box.Width / (double)width;
            Assert.True(share >= low - 0.002 && share <= high + 0.002, $"{image}: subject {share:P1} of the width, expected {low:P0}-{high:P0}");
        }
    }

    private static Dictionary<string, string> Hashes(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(root, f).Replace('\\', '/'),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))),
            StringComparer.Ordinal);
}
