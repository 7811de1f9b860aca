using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

/// <summary>
/// <c>--trace</c> prints the pipeline's OpenTelemetry spans, one line per stage, on standard error and leaves standard
/// output to the command's own answer; without it nothing is traced (issue 10).
/// </summary>
public sealed class TraceFlagTests
{
    [SharedFact]
    public async Task Trace_PrintsASpanPerStage_OnStandardErrorOnly()
    {
        using var cli = new CliRun();
        using var traced = CliProcess.Start(cli.DataDirectory, "enroll", "--owner", "alice", "--name", "dog", "--category", "dog", CliRun.DreamBooth("dog", "00.jpg"), "--trace");
        var (exit, output, error) = await CliProcess.WaitAsync(traced);

        Assert.True(exit == 0, error);
        var spans = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("trace: ", StringComparison.Ordinal)).ToList();
        Assert.Contains(spans, l => l.StartsWith("trace: decode ", StringComparison.Ordinal) && l.Contains(" ms", StringComparison.Ordinal));
        Assert.Contains(spans, l => l.StartsWith("trace: detect ", StringComparison.Ordinal));
        Assert.Contains(spans, l => l.StartsWith("trace: embed ", StringComparison.Ordinal));
        Assert.DoesNotContain("trace: ", output, StringComparison.Ordinal);

        using var plain = CliProcess.Start(cli.DataDirectory, "enroll", "--owner", "alice", "--name", "dog", "--category", "dog", CliRun.DreamBooth("dog", "01.jpg"));
        var (plainExit, plainOutput, plainError) = await CliProcess.WaitAsync(plain);

        Assert.True(plainExit == 0, plainError);
        Assert.DoesNotContain("trace: ", plainError + plainOutput, StringComparison.Ordinal);
    }
}
