using Personalization.Core.Domain;
using Personalization.TestSupport;
using static Personalization.Cli.Tests.Commands.StoredConcepts;

namespace Personalization.Cli.Tests.Commands;

/// <summary><c>personalize confirm</c> on DreamBooth photos: a recognition the user confirms becomes a reference.</summary>
public sealed class ConfirmCommandTests
{
    [SharedFact]
    public async Task Confirm_ResultOfACorrectRecognition_AddsAConfirmedReferenceAtOnce_AndAgainChangesNothing()
    {
        using var cli = new CliRun();
        await EnrolAsync(cli, "alice", "teapot", "can");
        var photo = CliRun.DreamBooth("teapot", "01.jpg");
        var (resultFile, result) = await RecognizeAsync(cli, "alice", photo);
        Assert.Equal("teapot", result["concept"]!.GetValue<string>());

        var (exit, output, error) = await cli.RunAsync("confirm", "--owner", "alice", resultFile);

        Assert.True(exit == 0, error);
        Assert.Contains("confirmed <teapot> for alice: 01.jpg", output, StringComparison.Ordinal);
        var teapot = await GetAsync(cli, "alice", "teapot");
        Assert.Equal(2, teapot.References.Count);
        var confirmed = teapot.References[1];
        // The result's box is where the teapot was found: the object is cut out of it (GrabCut), never more than it.
        Assert.Equal((Hash(photo), ReferenceOrigins.Confirmed, ReferenceFocus.Found), (confirmed.ContentHash, confirmed.Origin, confirmed.Focus!.Source));
        var found = BoxOf(result);
        Assert.True(confirmed.Focus.Box.IntersectionOverUnion(found) > 0.3f, $"{confirmed.Focus.Box} vs {found}");
        Assert.True(confirmed.Focus.Box.X >= found.X - 1 && confirmed.Focus.Box.X + confirmed.Focus.Box.Width <= found.X + found.Width + 1, $"{confirmed.Focus.Box} inside {found}");
        Assert.Equal(ReferenceOrigins.Enrolled, teapot.References[0].Origin);
        Assert.True(File.Exists(Path.Combine(cli.DataDirectory, "images", "alice", Hash(photo))));

        var before = await BytesAsync(cli, "alice");
        var (again, repeated, _) = await cli.RunAsync("confirm", "--owner", "alice", resultFile);
        var (byImage, direct, _) = await cli.RunAsync("confirm", "--owner", "alice", "--name", "teapot", "--box", "10,10,200,200", photo);

        Assert.Equal((0, 0), (again, byImage));
        Assert.Contains("nothing changed", repeated, StringComparison.Ordinal);
        Assert.Contains("nothing changed", direct, StringComparison.Ordinal); // references are keyed by photo
        Assert.Equal(before, await BytesAsync(cli, "alice"));
    }

    [SharedFact]
    public async Task Confirm_PastMaxReferences_DropsTheConfirmedReferenceMostLikeTheOthers_NeverAnEnrolledOne()
    {
        using var cli = new CliRun();
        const string box = "80,80,480,480";
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "teapot", "--box", box, CliRun.DreamBooth("teapot", "00.jpg"))).Exit);
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "can", CliRun.DreamBooth("can", "00.jpg"))).Exit);

        // The same pixels under another hash (a byte after the JPEG's end): confirmed with the enrolled box, it adds nothing new.
        var copy = Path.Combine(cli.OutDirectory, "teapot-copy.jpg");
        await File.WriteAllBytesAsync(copy, [.. await File.ReadAllBytesAsync(CliRun.DreamBooth("teapot", "00.jpg")), 0]);
        string[] limit = ["--set", "Feedback:MaxReferences=3"];
        Assert.Equal(0, (await cli.RunAsync([.. limit, "confirm", "--owner", "alice", "--name", "teapot", "--box", box, copy])).Exit);
        foreach (var file in new[] { "01.jpg", "02.jpg" })
        {
            var (exit, _, error) = await cli.RunAsync([.. limit, "confirm", "--owner", "alice", "--name", "teapot", "--box", "0,0,640,640", CliRun.DreamBooth("teapot", file)]);
            Assert.True(exit == 0, error);
        }

        var teapot = await GetAsync(cli, "alice", "teapot");
        Assert.Equal(
            [Hash(CliRun.DreamBooth("teapot", "00.jpg")), Hash(CliRun.DreamBooth("teapot", "01.jpg")), Hash(CliRun.DreamBooth("teapot", "02.jpg"))],
            teapot.References.Select(r => r.ContentHash));
        Assert.False(File.Exists(Path.Combine(cli.DataDirectory, "images", "alice", Hash(copy)))); // its stored photo went with it
    }

    [SharedFact]
    public async Task Confirm_NameOfAConceptNotInTheResult_TakesTheRegionTheAnswerPointsAt()
    {
        using var cli = new CliRun();
        await EnrolAsync(cli, "alice", "teapot", "can");
        var (resultFile, result) = await RecognizeAsync(cli, "alice", CliRun.DreamBooth("can", "01.jpg"));
        Assert.Equal("can", result["concept"]!.GetValue<string>());

        // <teapot> is not in the result: the region the answer points at is confirmed as it.
        var (exit, _, error) = await cli.RunAsync("confirm", "--owner", "alice", "--name", "teapot", resultFile);

        Assert.True(exit == 0, error);
        var confirmed = (await GetAsync(cli, "alice", "teapot")).References[^1];
        var found = BoxOf(result);
        Assert.Equal(ReferenceFocus.Found, confirmed.Focus!.Source);
        Assert.True(confirmed.Focus.Box.IntersectionOverUnion(found) > 0.3f, $"{confirmed.Focus.Box} vs {found}");
        Assert.True(confirmed.Focus.Box.X >= found.X - 1 && confirmed.Focus.Box.X + confirmed.Focus.Box.Width <= found.X + found.Width + 1, $"{confirmed.Focus.Box} inside {found}");
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
