using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Settings;

/// <summary>A wrong setting or argument is one <c>error:</c> line naming it and exit 2, never a stack trace or a silent default.</summary>
public sealed class SettingErrorTests
{
    [SharedTheory]
    [InlineData("Recognition:TopK=abc", "setting Recognition:TopK = 'abc' is not a whole number")]
    [InlineData("Recognition:LocalWeight=high", "setting Recognition:LocalWeight = 'high' is not a number")]
    [InlineData("Recognitoin:TopK=3", "--set Recognitoin:TopK: unknown setting section 'Recognitoin' (did you mean Recognition?)")]
    [InlineData("Recognition:TopKK=3", "setting Recognition:TopKK is unknown (did you mean Recognition:TopK?)")]
    [InlineData("Recognition:TopK:Inner=3", "setting Recognition:TopK:Inner: 'Recognition:TopK' has no sub-settings")]
    public async Task Set_WrongKeyOrValue_OneLineAndExit2(string setting, string expected)
    {
        using var cli = new CliRun();
        var (exit, _, error) = await cli.RunAsync("recognize", "--owner", "alice", "--set", setting, CliRun.DreamBooth("dog", "00.jpg"));
        Assert.Equal(2, exit);
        Assert.Equal($"error: {expected}", error.Trim());
    }

    [SharedFact]
    public async Task Set_HostSectionsListsAndKnownKeys_AreAccepted()
    {
        using var cli = new CliRun();
        var (exit, stdout, error) = await cli.RunAsync(
            "concepts", "--owner", "alice", "--set", "Logging:LogLevel:Default=Warning", "--set", "Recognition:TopK=5", "--set", "recognition:localweight=0.3");
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains("no concepts", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "error: --references must be at least 1 (got 0)")]
    [InlineData("-2", "error: --references must be at least 1 (got -2)")]
    [InlineData("abc", "error: Cannot parse argument 'abc' for option '--references'")]
    public async Task Demo_BadReferences_UsageErrorExit2(string value, string expected)
    {
        var stderr = new StringWriter();
        var exit = await CliApplication.RunAsync(["demo", "--references", value], new StringWriter(), stderr);
        Assert.Equal(2, exit);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(expected, lines[0], StringComparison.Ordinal);
        Assert.Equal("usage: personalize demo --help", lines[^1].Trim());
        Assert.DoesNotContain("Exception", stderr.ToString(), StringComparison.Ordinal);
    }
}
