using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

/// <summary>An owner's index file that is not a valid index is reported, never read as empty and replaced.</summary>
public sealed class DamagedIndexTests
{
    [SharedTheory]
    [InlineData("null")]
    [InlineData("[null]")]
    [InlineData("{}")]
    public async Task Enroll_IndexFileThatIsNotAnIndex_FailsWithOneLineAndLeavesTheFile(string content)
    {
        using var cli = new CliRun();
        var file = StoredConcepts.FileOf(cli, "alice");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, content);
        var before = await File.ReadAllBytesAsync(file);

        var (exit, _, error) = await cli.RunAsync("enroll", "--owner", "alice", "--name", "teapot", CliRun.DreamBooth("teapot", "00.jpg"));
        var (listExit, _, listError) = await cli.RunAsync("concepts", "--owner", "alice");

        Assert.Equal(2, exit);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("damaged", line, StringComparison.Ordinal);
        Assert.Contains(file, line, StringComparison.Ordinal);
        Assert.Equal(2, listExit);
        Assert.Contains("damaged", listError, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
    }
}
