using System.Text.Json;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

public sealed class EvalCommandTests
{
    /// <summary>
    /// Regression guard: measured 0.969 recognition F1 on DreamBooth (1 reference, 128 queries) with the default
    /// offline configuration; a change that costs more than about two images fails here.
    /// </summary>
    private const double DreamBoothF1Floor = 0.95;

    [SharedFact]
    public async Task Eval_DreamBooth_RecognitionF1DoesNotRegress()
    {
        using var cli = new CliRun();
        var outDir = Path.Combine(cli.OutDirectory, "eval");

        var (exit, output, error) = await cli.RunAsync("eval", "--dataset", SharedData.DreamBoothDirectory, "--out", outDir, "--json");

        Assert.True(exit == 0, error);
        var summary = JsonDocument.Parse(output).RootElement;
        var recognition = summary.GetProperty("recognition");
        Assert.Equal(128, summary.GetProperty("images").GetInt32());
        Assert.Equal(30, summary.GetProperty("concepts").GetInt32());
        Assert.True(recognition.GetProperty("f1").GetDouble() >= DreamBoothF1Floor, $"recognition F1 {recognition.GetProperty("f1").GetDouble()} fell below {DreamBoothF1Floor}");
        Assert.True(recognition.GetProperty("top3_accuracy").GetDouble() >= recognition.GetProperty("top1_accuracy").GetDouble());
        Assert.True(summary.GetProperty("captions").GetProperty("f1").GetDouble() >= DreamBoothF1Floor);
        Assert.Equal(128, summary.GetProperty("stages").EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.True(File.Exists(Path.Combine(outDir, "summary.json")));
    }

    [SharedFact]
    public async Task Eval_WithNegativesAndCompare_ReportsBothConfigurationsAndNeverTouchesUserData()
    {
        using var cli = new CliRun();
        var dataset = Path.Combine(cli.OutDirectory, "dataset");
        var negatives = Path.Combine(cli.OutDirectory, "negatives");
        Directory.CreateDirectory(negatives);
        foreach (var subject in new[] { "teapot", "can", "backpack" })
        {
            Directory.CreateDirectory(Path.Combine(dataset, subject));
            foreach (var file in Directory.GetFiles(Path.Combine(SharedData.DreamBoothDirectory, subject)).Order().Take(3))
            {
                File.Copy(file, Path.Combine(dataset, subject, Path.GetFileName(file)));
            }
        }

        foreach (var file in Directory.GetFiles(Path.Combine(SharedData.DreamBoothDirectory, "clock")).Order().Take(2))
        {
            File.Copy(file, Path.Combine(negatives, Path.GetFileName(file)));
        }

        var outDir = Path.Combine(cli.OutDirectory, "eval");
        var (exit, output, error) = await cli.RunAsync("eval", "--dataset", dataset, "--negatives", negatives, "--out", outDir, "--compare", "Recognition:RejectBelow=3", "--compare", "Recognition:LocalWeight=0");

        Assert.True(exit == 0, error);
        Assert.Contains("baseline", output, StringComparison.Ordinal);
        Assert.Contains("Recognition:RejectBelow=3", output, StringComparison.Ordinal);
        var baseline = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json"))).RootElement;
        var strict = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "compare", "summary.json"))).RootElement;
        Assert.Equal(8, baseline.GetProperty("images").GetInt32());
        Assert.Equal(2, baseline.GetProperty("negatives").GetInt32());
        Assert.Equal(1.0, baseline.GetProperty("recognition").GetProperty("negatives_rejected").GetDouble());
        Assert.Equal(0.0, strict.GetProperty("recognition").GetProperty("recall").GetDouble());
        Assert.Equal(8, strict.GetProperty("stages").GetProperty("rejected").GetInt32());
        Assert.Empty(Directory.EnumerateFileSystemEntries(cli.DataDirectory));
    }

    [Fact]
    public async Task Eval_MissingDataset_FailsWithOneLine()
    {
        var stderr = new StringWriter();
        var exit = await CliApplication.RunAsync(["eval", "--dataset", "/nonexistent/dataset"], new StringWriter(), stderr);
        Assert.Equal(2, exit);
        Assert.Equal("error: dataset folder '/nonexistent/dataset' does not exist", stderr.ToString().Trim());
    }
}
