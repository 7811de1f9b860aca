using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

/// <summary>A run into an <c>--out</c> that holds an earlier run's results replaces them, says so, and leaves the user's own files alone.</summary>
public sealed class OutputFolderRerunTests
{
    [SharedFact]
    public async Task Recognize_IntoAnEarlierRunsFolder_RemovesItsResultsAndKeepsTheUsersFiles()
    {
        using var cli = new CliRun();
        var (enrolled, _, enrolError) = await cli.RunAsync("enroll", "--owner", "alice", "--name", "teapot", "--category", "teapot", CliRun.DreamBooth("teapot", "00.jpg"));
        Assert.True(enrolled == 0, enrolError);
        var outDir = Path.Combine(cli.OutDirectory, "out");
        var (first, _, firstError) = await cli.RunAsync("recognize", "--owner", "alice", "--out", outDir, CliRun.DreamBooth("teapot", "01.jpg"), CliRun.DreamBooth("dog", "01.jpg"));
        Assert.True(first == 0, firstError);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(outDir, "results"), "*.json").Length);
        await File.WriteAllTextAsync(Path.Combine(outDir, "notes.json"), "{}");
        await File.WriteAllTextAsync(Path.Combine(outDir, "thumbs", "mine.png"), "kept");

        var (exit, _, error) = await cli.RunAsync("recognize", "--owner", "alice", "--out", outDir, CliRun.DreamBooth("can", "01.jpg"));

        Assert.True(exit == 0, error);
        Assert.Equal($"removed 5 files of an earlier run from {outDir} (results, summary, report, thumbnails)", error.Trim());
        var result = Assert.Single(Directory.GetFiles(Path.Combine(outDir, "results"), "*.json"));
        Assert.Contains("can/01.jpg", await File.ReadAllTextAsync(result), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(outDir, "thumbs"), "*.jpg"));
        Assert.True(File.Exists(Path.Combine(outDir, "notes.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "thumbs", "mine.png")));
    }

    [SharedFact]
    public async Task Demo_IntoAnEarlierRunsFolder_LeavesNoResultOfTheEarlierDataset()
    {
        using var cli = new CliRun();
        var outDir = Path.Combine(cli.OutDirectory, "demo");
        foreach (var subjects in new[] { new[] { "teapot", "can" }, ["dog", "clock"] })
        {
            var dataset = Path.Combine(cli.OutDirectory, string.Join('-', subjects));
            foreach (var subject in subjects)
            {
                Directory.CreateDirectory(Path.Combine(dataset, subject));
                foreach (var file in new[] { "00.jpg", "01.jpg" })
                {
                    File.CreateSymbolicLink(Path.Combine(dataset, subject, file), CliRun.DreamBooth(subject, file));
                }
            }

            var (exit, _, error) = await cli.RunAsync("demo", "--dataset", dataset, "--out", outDir);
            Assert.True(exit == 0, error);
        }

        Assert.Equal(["clock", "dog"], Directory.GetDirectories(Path.Combine(outDir, "results")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(outDir, "thumbs")).Length);
    }

    [SharedFact]
    public async Task Prefer_IntoAnEarlierRunsFolder_RemovesItsVerdictsAndKeepsTheUsersFiles()
    {
        using var cli = new CliRun();
        var outDir = Path.Combine(cli.OutDirectory, "prefer");
        var pairs = Path.Combine(cli.OutDirectory, "pairs.tsv");
        await File.WriteAllLinesAsync(pairs, [
            CliRun.DreamBooth("dog", "00.jpg") + "\t" + CliRun.DreamBooth("cat", "00.jpg"),
            CliRun.DreamBooth("can", "00.jpg") + "\t" + CliRun.DreamBooth("clock", "00.jpg"),
        ]);
        var (first, _, firstError) = await cli.RunAsync("prefer", "--owner", "alice", "--liked", CliRun.DreamBooth("teapot", "00.jpg"), "--pairs", pairs, "--out", outDir);
        Assert.True(first == 0, firstError);
        Assert.Equal(["verdict-001.json", "verdict-002.json"], Directory.GetFiles(outDir, "verdict-*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(outDir, "notes.json"), "{}");
        await File.WriteAllTextAsync(Path.Combine(outDir, "thumbs", "mine.png"), "kept");
        var earlier = 2 + 1 + Directory.GetFiles(Path.Combine(outDir, "thumbs"), "*.jpg").Length;

        var (exit, _, error) = await cli.RunAsync("prefer", "--owner", "alice", "--candidates", CliRun.DreamBooth("dog", "01.jpg"), CliRun.DreamBooth("cat", "01.jpg"), "--out", outDir);

        Assert.True(exit == 0, error);
        Assert.Equal($"removed {earlier} files of an earlier run from {outDir} (verdicts, report, thumbnails)", error.Trim());
        var verdict = Assert.Single(Directory.GetFiles(outDir, "verdict-*.json"));
        Assert.Equal("verdict-001.json", Path.GetFileName(verdict));
        Assert.Contains("dog/01.jpg", await File.ReadAllTextAsync(verdict), StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(outDir, "thumbs"), "*.jpg").Length);
        Assert.True(File.Exists(Path.Combine(outDir, "notes.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "thumbs", "mine.png")));
    }
}
