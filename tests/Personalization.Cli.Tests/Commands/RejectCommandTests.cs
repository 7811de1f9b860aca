using Personalization.Core.Domain;
using Personalization.TestSupport;
using static Personalization.Cli.Tests.Commands.StoredConcepts;

namespace Personalization.Cli.Tests.Commands;

/// <summary><c>personalize reject</c> on DreamBooth photos: a recognition the user rejects becomes a hard negative.</summary>
public sealed class RejectCommandTests
{
    [SharedFact]
    public async Task Reject_Recognition_StoresAHardNegative_AndThatPhotoIsNoLongerTakenForTheConcept()
    {
        using var cli = new CliRun();
        await EnrolAsync(cli, "alice", "teapot", "can");
        var photo = CliRun.DreamBooth("can", "01.jpg");
        var (resultFile, result) = await RecognizeAsync(cli, "alice", photo);
        Assert.Equal("can", result["concept"]!.GetValue<string>());

        var (exit, output, error) = await cli.RunAsync("reject", "--owner", "alice", resultFile);

        Assert.True(exit == 0, error);
        Assert.Contains("rejected <can> for alice in 01.jpg", output, StringComparison.Ordinal);
        var can = await GetAsync(cli, "alice", "can");
        var negative = can.Negatives![0];
        Assert.Equal(Hash(photo), negative.ContentHash);
        Assert.True(negative.Box.IntersectionOverUnion(BoxOf(result)) > 0.99f);
        Assert.NotNull(negative.Local);
        Assert.Single(can.References); // the references are untouched
        Assert.Null((await GetAsync(cli, "alice", "teapot")).Negatives); // and so are the other concepts

        var before = await BytesAsync(cli, "alice");
        var (again, repeated, _) = await cli.RunAsync("reject", "--owner", "alice", resultFile);
        Assert.Equal(0, again);
        Assert.Contains("nothing changed", repeated, StringComparison.Ordinal);
        Assert.Equal(before, await BytesAsync(cli, "alice"));

        var (_, after) = await RecognizeAsync(cli, "alice", photo);
        Assert.NotEqual("can", after["concept"]?.GetValue<string>());
    }

    [SharedFact]
    public async Task Reject_PastMaxNegatives_DropsTheOldest()
    {
        using var cli = new CliRun();
        await EnrolAsync(cli, "alice", "teapot", "can");
        string[] limit = ["--set", "Feedback:MaxNegatives=2"];
        foreach (var file in new[] { "01.jpg", "02.jpg" })
        {
            var (exit, _, error) = await cli.RunAsync([.. limit, "reject", "--owner", "alice", "--name", "can", "--box", "100,50,400,500", CliRun.DreamBooth("can", file)]);
            Assert.True(exit == 0, error);
        }

        var negatives = (await GetAsync(cli, "alice", "can")).Negatives!;
        Assert.Equal(2, negatives.Count);
        Assert.All(negatives, n => Assert.Equal(Hash(CliRun.DreamBooth("can", "02.jpg")), n.ContentHash));
        Assert.Equal(new BoundingBox(100, 50, 400, 500), negatives[0].Box); // the rejected region outlives the views that show it
    }

    [SharedFact]
    public async Task RejectThenConfirm_SameRegion_TheLatestFeedbackWins()
    {
        using var cli = new CliRun();
        await EnrolAsync(cli, "alice", "teapot", "can");
        var (resultFile, _) = await RecognizeAsync(cli, "alice", CliRun.DreamBooth("teapot", "01.jpg"));

        Assert.Equal(0, (await cli.RunAsync("confirm", "--owner", "alice", resultFile)).Exit);
        var (rejected, rejectOutput, _) = await cli.RunAsync("reject", "--owner", "alice", resultFile);
        var afterReject = await GetAsync(cli, "alice", "teapot");
        var (confirmed, confirmOutput, _) = await cli.RunAsync("confirm", "--owner", "alice", resultFile);
        var afterConfirm = await GetAsync(cli, "alice", "teapot");

        Assert.Equal((0, 0), (rejected, confirmed));
        Assert.Contains("took back its earlier confirmation", rejectOutput, StringComparison.Ordinal);
        Assert.Single(afterReject.References);
        Assert.NotEmpty(afterReject.Negatives!);
        Assert.Contains("took back its earlier rejection", confirmOutput, StringComparison.Ordinal);
        Assert.Equal(2, afterConfirm.References.Count);
        Assert.Empty(afterConfirm.Negatives!); // the region and the views of the photo it rejected
    }

    [SharedFact]
    public async Task Reject_RegionOfAnEnrolledPhoto_IsRefused()
    {
        using var cli = new CliRun();
        await EnrolAsync(cli, "alice", "teapot", "can");
        var (resultFile, _) = await RecognizeAsync(cli, "alice", CliRun.DreamBooth("teapot", "00.jpg"));
        var before = await BytesAsync(cli, "alice");

        var (exit, _, error) = await cli.RunAsync("reject", "--owner", "alice", resultFile);

        Assert.Equal(2, exit);
        Assert.Contains("is a reference photo enrolled for <teapot>", error, StringComparison.Ordinal);
        Assert.Equal(before, await BytesAsync(cli, "alice"));
    }

    private static async Task EnrolAsync(CliRun cli, string owner, params string[] subjects)
    {
        foreach (var subject in subjects)
        {
            var (exit, _, error) = await cli.RunAsync("enroll", "--owner", owner, "--name", subject, "--category", subject, CliRun.DreamBooth(subject, "00.jpg"));
            Assert.True(exit == 0, error);
        }
    }
}
