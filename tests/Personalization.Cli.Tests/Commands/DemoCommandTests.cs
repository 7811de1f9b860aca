using System.Text.Json;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [SharedFact]
    public async Task Demo_SmallLabelledDataset_WritesResultsAndSummary()
    {
        using var cli = new CliRun();
        var dataset = Path.Combine(cli.OutDirectory, "dataset");
        foreach (var subject in new[] { "teapot", "can", "dog" })
        {
            Directory.CreateDirectory(Path.Combine(dataset, subject));
            foreach (var file in Directory.GetFiles(Path.Combine(SharedData.DreamBoothDirectory, subject)).Order().Take(3))
            {
                File.Copy(file, Path.Combine(dataset, subject, Path.GetFileName(file)));
            }
        }

        await File.WriteAllTextAsync(Path.Combine(dataset, "subjects.csv"), "subject,class\nteapot,teapot\ncan,can\ndog,dog\n");
        var outDir = Path.Combine(cli.OutDirectory, "demo");

        var (exit, output, error) = await cli.RunAsync("demo", "--dataset", dataset, "--out", outDir);

        Assert.True(exit == 0, error);
        Assert.Contains("enrolled 3 concepts", output, StringComparison.Ordinal);
        Assert.Contains("recognition: accuracy", output, StringComparison.Ordinal);
        var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json"))).RootElement;
        Assert.Equal(6, summary.GetProperty("images").GetInt32());
        // Accuracy is guarded on the whole of DreamBooth (EvalCommandTests); here 4 of 6 is enough to show the run works.
        Assert.True(summary.GetProperty("recognition").GetProperty("accuracy").GetDouble() >= 4 / 6.0);
        Assert.True(summary.GetProperty("captions").GetProperty("f1").GetDouble() >= 4 / 6.0);
        Assert.Equal(6, Directory.GetFiles(Path.Combine(outDir, "results"), "*.json", SearchOption.AllDirectories).Length);
        Assert.True(File.Exists(Path.Combine(outDir, "report.html")));
    }
}
