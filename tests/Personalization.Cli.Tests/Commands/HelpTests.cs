namespace Personalization.Cli.Tests.Commands;

public sealed class HelpTests
{
    [Theory]
    [InlineData("enroll", "Adds or updates a concept")]
    [InlineData("concepts", "Lists an owner's concepts")]
    [InlineData("forget", "Deletes a concept")]
    [InlineData("confirm", "Confirms a recognition")]
    [InlineData("reject", "Rejects a recognition")]
    [InlineData("recognize", "Finds the owner's concepts")]
    [InlineData("demo", "Enrols the first photo")]
    [InlineData("eval", "Measures recognition on a labelled folder")]
    [InlineData("score-captions", "Scores personalised captions")]
    [InlineData("bench", "Measures each stage")]
    [InlineData("prefer", "Predicts the owner's taste")]
    [InlineData("profile", "Shows the owner's stored preference profile")]
    [InlineData("eval-prefer", "Synthetic preference benchmark")]
    public async Task Help_EveryCommand_SaysWhatItDoes(string command, string expected)
    {
        var stdout = new StringWriter();
        var exit = await CliApplication.RunAsync([command, "--help"], stdout, new StringWriter());
        Assert.Equal(0, exit);
        Assert.Contains(expected, stdout.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("eval")]
    [InlineData("recognize")]
    [InlineData("bench")]
    [InlineData("make-benchmark")]
    [InlineData("eval-prefer")]
    [InlineData("prefer")]
    [InlineData("worker")]
    public async Task Help_EachDefault_IsShownOnce(string command)
    {
        var stdout = new StringWriter();
        await CliApplication.RunAsync([command, "--help"], stdout, new StringWriter());
        var twice = stdout.ToString().Split('\n')
            .Where(line => line.Contains("[default:", StringComparison.Ordinal) && line.Contains("default", StringComparison.Ordinal)
                && line.Replace("[default:", string.Empty, StringComparison.Ordinal).Contains("default", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(twice.Count == 0, "defaults shown twice: " + string.Join(" | ", twice));
    }

    [Fact]
    public async Task Run_MissingRequiredOption_FailsWithUsageError()
    {
        var stderr = new StringWriter();
        var exit = await CliApplication.RunAsync(["enroll", "x.jpg"], new StringWriter(), stderr);
        Assert.NotEqual(0, exit);
        Assert.Contains("--owner", stderr.ToString(), StringComparison.Ordinal);
    }
}
