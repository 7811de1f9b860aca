using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

/// <summary>A model that cannot be reached costs one warning line per fallback, never a stack trace on the terminal.</summary>
public sealed class UnreachableVlmTests
{
    [SharedFact]
    public async Task Recognize_VlmRefusesConnections_OneLinePerFallbackAndNoStackTrace()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "cat", CliRun.DreamBooth("cat", "00.jpg"))).Exit);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        using var process = CliProcess.Start(cli.DataDirectory,
        [
            "recognize", "--owner", "alice", "--out", cli.OutDirectory,
            "--set", "Reasoning:Provider=openai-compatible", "--set", "Reasoning:Endpoint=http://127.0.0.1:1/v1",
            "--set", "Reasoning:Model=m", "--set", "Reasoning:ApiKey=k", "--set", "Reasoning:MaxRetries=0",
            CliRun.DreamBooth("cat", "01.jpg"),
        ]);
        var (exit, output, error) = await CliProcess.WaitAsync(process, deadline.Token);

        Assert.True(exit == 0, error);
        Assert.Contains("<cat>", output, StringComparison.Ordinal);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Contains("fell back to the offline reasoner", line, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
