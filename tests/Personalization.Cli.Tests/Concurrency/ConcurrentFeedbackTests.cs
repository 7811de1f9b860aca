using Personalization.Cli.Tests.Commands;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Concurrency;

/// <summary>Feedback and enrolment of the same concept at the same time: neither loses what the other wrote.</summary>
public sealed class ConcurrentFeedbackTests
{
    // The rejection analyses its photo while the enrolment analyses and writes its own: whichever order their reads
    // and writes come in, the concept ends with the enrolled photos and the rejected region. Separate processes, as a
    // user running both from two terminals would.
    [SharedFact]
    public async Task RejectBesideEnroll_SameConcept_KeepsTheNewReferencesAndTheNegative()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "can", CliRun.DreamBooth("can", "00.jpg"))).Exit);
        string[] added = [CliRun.DreamBooth("can", "03.jpg"), CliRun.DreamBooth("can", "04.jpg")];
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        using var reject = CliProcess.Start(cli.DataDirectory, ["reject", "--owner", "alice", "--name", "can", "--box", "100,50,400,500", CliRun.DreamBooth("can", "02.jpg")]);
        using var enroll = CliProcess.Start(cli.DataDirectory, ["enroll", "--owner", "alice", "--name", "can", .. added]);
        var runs = await Task.WhenAll(CliProcess.WaitAsync(reject, deadline.Token), CliProcess.WaitAsync(enroll, deadline.Token));

        Assert.All(runs, run => Assert.True(run.Exit == 0, run.Error));
        var concept = await StoredConcepts.GetAsync(cli, "alice", "can");
        var expected = added.Prepend(CliRun.DreamBooth("can", "00.jpg")).Select(StoredConcepts.Hash).Order(StringComparer.Ordinal);
        Assert.Equal(expected, concept.References.Select(r => r.ContentHash).Order(StringComparer.Ordinal));
        Assert.Contains(concept.Negatives ?? [], n => n.ContentHash == StoredConcepts.Hash(CliRun.DreamBooth("can", "02.jpg")));
    }
}
