using System.Runtime.Versioning;
using Personalization.Cli.Commands;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Input;

/// <summary>Folders on the command line: each photo once however many links lead to it, and an unreadable folder is one error line.</summary>
public sealed class FolderWalkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("personalize-walk-").FullName;

    [SharedFact]
    public void Expand_DirectorySymlinkLoop_GivesEachPhotoOnce()
    {
        var album = Directory.CreateDirectory(Path.Combine(_root, "album")).FullName;
        File.CreateSymbolicLink(Path.Combine(album, "bo.jpg"), CliRun.DreamBooth("dog", "01.jpg"));
        Directory.CreateSymbolicLink(Path.Combine(album, "loop"), album); // album/loop/loop/... is album again
        Directory.CreateSymbolicLink(Path.Combine(album, "up"), ".."); // and so is album/up/album

        var sources = ImageFiles.Expand([album]);

        Assert.Equal([Path.Combine(album, "bo.jpg")], sources.Select(s => s.Id));
    }

    [SharedFact]
    public void Expand_FolderGivenTwiceAndThroughALink_GivesEachPhotoOnce()
    {
        var album = Directory.CreateDirectory(Path.Combine(_root, "album")).FullName;
        File.CreateSymbolicLink(Path.Combine(album, "bo.jpg"), CliRun.DreamBooth("dog", "01.jpg"));
        var alias = Path.Combine(_root, "alias");
        Directory.CreateSymbolicLink(alias, album);

        var sources = ImageFiles.Expand([album, alias, album]);

        Assert.Single(sources);
    }

    [SharedFact]
    public async Task Recognize_FolderWithASymlinkLoop_RecognisesEachPhotoOnce()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--category", "dog", CliRun.DreamBooth("dog", "00.jpg"))).Exit);
        var album = Directory.CreateDirectory(Path.Combine(_root, "album")).FullName;
        File.CreateSymbolicLink(Path.Combine(album, "bo.jpg"), CliRun.DreamBooth("dog", "01.jpg"));
        File.CreateSymbolicLink(Path.Combine(album, "teapot.jpg"), CliRun.DreamBooth("teapot", "01.jpg"));
        Directory.CreateSymbolicLink(Path.Combine(album, "loop"), album);

        var (exit, output, error) = await cli.RunAsync("recognize", "--owner", "alice", "--out", cli.OutDirectory, album);

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Count(l => l.StartsWith(album, StringComparison.Ordinal)));
        Assert.Contains("2 recognised, 0 failed", output, StringComparison.Ordinal);
    }

    // chmod 000 does not stop root, so as root the folder is made unreadable for the CLI by running it as another
    // user (setpriv, in a child process); as any other user the CLI runs in process.
    [SharedFact]
    [UnsupportedOSPlatform("windows")]
    public async Task Recognize_UnreadableFolder_IsOneErrorLineAndTheRestAreRecognised()
    {
        var album = Directory.CreateDirectory(Path.Combine(_root, "album")).FullName;
        File.CreateSymbolicLink(Path.Combine(album, "bo.jpg"), CliRun.DreamBooth("dog", "01.jpg"));
        var locked = Directory.CreateDirectory(Path.Combine(album, "locked")).FullName;
        File.CreateSymbolicLink(Path.Combine(locked, "teapot.jpg"), CliRun.DreamBooth("teapot", "01.jpg"));
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            using var cli = new CliRun();
            Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--category", "dog", CliRun.DreamBooth("dog", "00.jpg"))).Exit);

            var (exit, output, error) = Environment.IsPrivilegedProcess
                ? await UnprivilegedCli.RunAsync(cli, _root, "recognize", "--owner", "alice", "--out", cli.OutDirectory, album)
                : await cli.RunAsync("recognize", "--owner", "alice", "--out", cli.OutDirectory, album);

            Assert.True(exit == 1, $"exit {exit}: {error}");
            var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
            Assert.Equal([$"error: {locked}: cannot read: folder cannot be listed (permission denied)"], errors);
            Assert.Contains(output.Split('\n'), l => l.StartsWith(Path.Combine(album, "bo.jpg") + "\t<bo>\t", StringComparison.Ordinal));
            Assert.Contains("1 recognised, 1 failed", output, StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
