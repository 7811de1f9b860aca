using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

public sealed class ForgetCommandTests
{
    [SharedFact]
    public async Task Forget_Concept_IsGoneForTheNextRecognition()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "teapot", "--category", "teapot", CliRun.DreamBooth("teapot", "00.jpg"))).Exit);
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "can", "--category", "can", CliRun.DreamBooth("can", "00.jpg"))).Exit);
        var (_, before, _) = await cli.RunAsync("recognize", "--owner", "alice", "--out", cli.OutDirectory, CliRun.DreamBooth("teapot", "01.jpg"));
        Assert.Contains("<teapot>", before, StringComparison.Ordinal);

        var (exit, output, _) = await cli.RunAsync("forget", "--owner", "alice", "--name", "TEAPOT");
        Assert.Equal(0, exit);
        Assert.Contains("forgot <TEAPOT>", output, StringComparison.Ordinal);

        var (_, after, _) = await cli.RunAsync("recognize", "--owner", "alice", "--out", cli.OutDirectory, CliRun.DreamBooth("teapot", "01.jpg"));
        Assert.DoesNotContain("<teapot>", after, StringComparison.Ordinal);
        var (_, list, _) = await cli.RunAsync("concepts", "--owner", "alice");
        Assert.DoesNotContain("teapot", list, StringComparison.Ordinal);

        // Its stored reference photo is gone too; the other concept's stays.
        var stored = Directory.GetFiles(Path.Combine(cli.DataDirectory, "images", "alice"));
        Assert.Single(stored);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(CliRun.DreamBooth("can", "00.jpg")))), Path.GetFileName(stored[0]));
    }

    [Fact]
    public async Task Forget_UnknownConcept_FailsWithExitCode2()
    {
        using var cli = new CliRun();
        var (exit, _, error) = await cli.RunAsync("forget", "--owner", "alice", "--name", "ghost");
        Assert.Equal(2, exit);
        Assert.Equal("error: owner 'alice' has no concept <ghost>", error.Trim());
    }
}
