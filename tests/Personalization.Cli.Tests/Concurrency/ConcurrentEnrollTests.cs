using Personalization.Cli.Tests.Commands;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Concurrency;

/// <summary>Separate <c>personalize</c> processes changing the same owner's data at the same time.</summary>
public sealed class ConcurrentEnrollTests
{
    // Both processes analyse their photos at the same time and then add them to the one concept: whichever order
    // their reads and writes come in, the concept ends with all four photos.
    [SharedFact]
    public async Task Enroll_SameConceptFromTwoProcessesAtOnce_KeepsEveryPhoto()
    {
        using var cli = new CliRun();
        string[] first = [CliRun.DreamBooth("cat", "00.jpg"), CliRun.DreamBooth("cat", "01.jpg")];
        string[] second = [CliRun.DreamBooth("cat", "02.jpg"), CliRun.DreamBooth("cat", "03.jpg")];
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        using var one = CliProcess.Start(cli.DataDirectory, ["enroll", "--owner", "alice", "--name", "cat", .. first]);
        using var two = CliProcess.Start(cli.DataDirectory, ["enroll", "--owner", "alice", "--name", "cat", .. second]);
        var runs = await Task.WhenAll(CliProcess.WaitAsync(one, deadline.Token), CliProcess.WaitAsync(two, deadline.Token));

        Assert.All(runs, run => Assert.True(run.Exit == 0, run.Error));
        var concept = await StoredConcepts.GetAsync(cli, "alice", "cat");
        var expected = first.Concat(second).Select(StoredConcepts.Hash).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, concept.References.Select(r => r.ContentHash).Order(StringComparer.Ordinal));
        Assert.All(expected, hash => Assert.True(File.Exists(Path.Combine(cli.DataDirectory, "images", "alice", hash)), hash));
    }
}
