using System.Text.Json;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

/// <summary>
/// <c>--json</c> on recognize (JSON Lines, one result per image), concepts, prefer and profile (one document each):
/// stdout is only JSON, in the CLI's dialect (snake_case, enums as strings); errors and notes go to stderr.
/// </summary>
public sealed class JsonFlagTests
{
    [SharedFact]
    public async Task Recognize_Json_PrintsOneResultDocumentPerLineAndErrorsOnStderr()
    {
        using var cli = new CliRun();
        await EnrolAsync(cli, "teapot");
        var broken = Path.Combine(cli.OutDirectory, "broken.jpg");
        await File.WriteAllBytesAsync(broken, [1, 2, 3]);

        var (exit, output, error) = await cli.RunAsync(
            "recognize", "--owner", "alice", "--json", "--out", Path.Combine(cli.OutDirectory, "out"), CliRun.DreamBooth("teapot", "01.jpg"), broken, CliRun.DreamBooth("clock", "01.jpg"));

        Assert.Equal(1, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        var teapot = lines.Single(l => l.GetProperty("image").GetString()!.EndsWith("teapot/01.jpg", StringComparison.Ordinal));
        Assert.Equal("teapot", teapot.GetProperty("concept").GetString());
        Assert.True(teapot.GetProperty("content_hash").GetString()!.Length > 0);
        Assert.True(teapot.GetProperty("trace").GetProperty("candidates").GetArrayLength() >= 1);
        var clock = lines.Single(l => l.GetProperty("image").GetString()!.EndsWith("clock/01.jpg", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, clock.GetProperty("concept").ValueKind);
        Assert.Contains(error.Split('\n'), l => l.StartsWith("error: " + broken, StringComparison.Ordinal));
        Assert.Contains("2 recognised, 1 failed", error, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task Concepts_Json_PrintsOneDocumentWithEachConceptAndItsReferences()
    {
        using var cli = new CliRun();
        var (enrolled, _, enrolError) = await cli.RunAsync(
            "enroll", "--owner", "alice", "--name", "teapot", "--category", "teapot", "--description", "white with blue flowers", "--box", "100,100,300,300", CliRun.DreamBooth("teapot", "00.jpg"));
        Assert.True(enrolled == 0, enrolError);

        var (exit, output, error) = await cli.RunAsync("concepts", "--owner", "alice", "--json");

        Assert.True(exit == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("alice", root.GetProperty("owner").GetString());
        var concept = Assert.Single(root.GetProperty("concepts").EnumerateArray());
        Assert.Equal("teapot", concept.GetProperty("name").GetString());
        Assert.Equal("teapot", concept.GetProperty("category").GetString());
        Assert.Contains("white with blue flowers", concept.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(concept.GetProperty("attributes").GetArrayLength() >= 1);
        var reference = Assert.Single(concept.GetProperty("references").EnumerateArray());
        Assert.Equal("00.jpg", reference.GetProperty("file_name").GetString());
        Assert.Equal("user", reference.GetProperty("region").GetString());
        Assert.Equal(300, reference.GetProperty("box").GetProperty("width").GetDouble());

        var (none, noneOutput, _) = await cli.RunAsync("concepts", "--owner", "bob", "--json");
        Assert.Equal(0, none);
        Assert.Equal(0, JsonDocument.Parse(noneOutput).RootElement.GetProperty("concepts").GetArrayLength());
    }

    [SharedFact]
    public async Task PreferAndProfile_Json_PrintTheProfileAndVerdictsAsOneDocument()
    {
        using var cli = new CliRun();
        var outDir = Path.Combine(cli.OutDirectory, "prefer");

        var (exit, output, error) = await cli.RunAsync(
            "prefer", "--owner", "alice", "--json", "--out", outDir,
            "--liked", CliRun.DreamBooth("teapot", "00.jpg"), CliRun.DreamBooth("can", "00.jpg"), "--disliked", CliRun.DreamBooth("dog", "00.jpg"),
            "--candidates", CliRun.DreamBooth("vase", "00.jpg"), CliRun.DreamBooth("cat", "00.jpg"));

        Assert.True(exit == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        var profile = root.GetProperty("profile");
        Assert.Equal("alice", profile.GetProperty("owner").GetString());
        Assert.Equal(2, profile.GetProperty("liked_count").GetInt32());
        Assert.Equal(5, profile.GetProperty("dimensions").GetArrayLength());
        Assert.All(profile.GetProperty("dimensions").EnumerateArray(), d => Assert.Equal(JsonValueKind.String, d.GetProperty("dimension").ValueKind));
        var verdict = Assert.Single(root.GetProperty("verdicts").EnumerateArray());
        Assert.Contains(verdict.GetProperty("preferred").GetString(), new[] { "A", "B" });
        Assert.Equal(5, verdict.GetProperty("dimensions").GetArrayLength());

        var (shown, shownOutput, shownError) = await cli.RunAsync("profile", "--owner", "alice", "--json");

        Assert.True(shown == 0, shownError);
        var stored = JsonDocument.Parse(shownOutput).RootElement;
        Assert.True(JsonElement.DeepEquals(profile.GetProperty("dimensions"), stored.GetProperty("dimensions")), shownOutput);
        Assert.Equal(1, stored.GetProperty("disliked_count").GetInt32());
    }

    [SharedFact]
    public async Task Eval_JsonWithFeedback_KeepsTheFeedbackTableOffStdout()
    {
        using var cli = new CliRun();
        var dataset = Path.Combine(cli.OutDirectory, "dataset");
        foreach (var subject in new[] { "teapot", "can" })
        {
            Directory.CreateDirectory(Path.Combine(dataset, subject));
            foreach (var file in new[] { "00.jpg", "01.jpg", "02.jpg" })
            {
                File.CreateSymbolicLink(Path.Combine(dataset, subject, file), CliRun.DreamBooth(subject, file));
            }
        }

        var (exit, output, error) = await cli.RunAsync("eval", "--dataset", dataset, "--out", Path.Combine(cli.OutDirectory, "eval"), "--feedback", "1", "--json");

        Assert.True(exit == 0, error);
        Assert.Equal(4, JsonDocument.Parse(output).RootElement.GetProperty("images").GetInt32());
        Assert.Contains("feedback: confirmed", error, StringComparison.Ordinal);
    }

    private static async Task EnrolAsync(CliRun cli, string subject)
    {
        var (exit, _, error) = await cli.RunAsync("enroll", "--owner", "alice", "--name", subject, "--category", subject, CliRun.DreamBooth(subject, "00.jpg"));
        Assert.True(exit == 0, error);
    }
}
