using Personalization.TestSupport;
using static Personalization.Cli.Tests.Commands.StoredConcepts;

namespace Personalization.Cli.Tests.Commands;

/// <summary>
/// Feedback that cannot be given, through <c>confirm</c> and <c>reject</c> alike: one <c>error:</c> line, exit code 2,
/// and the owner's concepts byte for byte as they were.
/// </summary>
public sealed class FeedbackErrorTests
{
    private static readonly string[] Problems =
    [
        "unknown concept", "another owner's result", "changed photo", "corrupt photo", "box outside", "zero box", "image without box",
        "forgotten concept", // last: it forgets <can>
    ];

    [SharedTheory]
    [InlineData("confirm")]
    [InlineData("reject")]
    public async Task Feedback_Refused_SaysWhyOnOneLineAndChangesNothing(string verb)
    {
        using var cli = new CliRun();
        foreach (var subject in new[] { "teapot", "can" })
        {
            Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", subject, "--category", subject, CliRun.DreamBooth(subject, "00.jpg"))).Exit);
        }

        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "bob", "--name", "teapot", CliRun.DreamBooth("teapot", "00.jpg"))).Exit);
        var photo = Path.Combine(cli.OutDirectory, "teapot.jpg");
        File.Copy(CliRun.DreamBooth("teapot", "01.jpg"), photo);
        var (resultFile, _) = await RecognizeAsync(cli, "alice", photo);
        var changed = Path.Combine(cli.OutDirectory, "changed.json");
        File.Copy(resultFile, changed);
        await File.WriteAllTextAsync(changed, (await File.ReadAllTextAsync(changed)).Replace(photo, photo + ".edited.jpg", StringComparison.Ordinal));
        await File.WriteAllBytesAsync(photo + ".edited.jpg", [.. await File.ReadAllBytesAsync(photo), 0]);
        var corrupt = Path.Combine(cli.OutDirectory, "corrupt.jpg");
        await File.WriteAllTextAsync(corrupt, "not a photo");

        foreach (var problem in Problems)
        {
            string[] args = problem switch
            {
                "unknown concept" => ["--name", "ghost", resultFile],
                "forgotten concept" => ["--name", "can", resultFile],
                "another owner's result" => [resultFile],
                "changed photo" => [changed],
                "corrupt photo" => ["--name", "teapot", "--box", "0,0,100,100", corrupt],
                "box outside" => ["--box", "600,600,200,200", resultFile],
                "zero box" => ["--box", "10,10,0,50", resultFile],
                "image without box" => ["--name", "teapot", photo],
                _ => throw new InvalidOperationException(problem),
            };
            if (problem == "forgotten concept")
            {
                Assert.Equal(0, (await cli.RunAsync("forget", "--owner", "alice", "--name", "can")).Exit);
            }

            var (alice, bob) = (await BytesAsync(cli, "alice"), await BytesAsync(cli, "bob"));
            var images = Directory.GetFiles(Path.Combine(cli.DataDirectory, "images"), "*", SearchOption.AllDirectories).Order().ToList();

            var (exit, output, error) = await cli.RunAsync([verb, "--owner", problem == "another owner's result" ? "bob" : "alice", .. args]);

            Assert.True(exit == 2, $"{problem}: exit {exit}, {output}{error}");
            Assert.Equal(string.Empty, output);
            var line = Assert.Single(error.Trim().Split('\n'));
            Assert.StartsWith("error: ", line, StringComparison.Ordinal);
            Assert.Contains(problem switch
            {
                "unknown concept" => "has no concept <ghost>",
                "forgotten concept" => "has no concept <can>",
                "another owner's result" => "belongs to another owner ('alice'), not 'bob'",
                "changed photo" => "has changed since it was recognised",
                "corrupt photo" => "not a supported image format",
                "box outside" => "lies outside the 640×640 photo",
                "zero box" => "zero or negative size",
                _ => "give --name and --box",
            }, line, StringComparison.Ordinal);
            Assert.Equal(alice, await BytesAsync(cli, "alice"));
            Assert.Equal(bob, await BytesAsync(cli, "bob"));
            Assert.Equal(images, Directory.GetFiles(Path.Combine(cli.DataDirectory, "images"), "*", SearchOption.AllDirectories).Order());
        }
    }
}
