using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

/// <summary>Paths that give no image: nothing was done, so exit 2 with one line per path and no report (README, exit codes).</summary>
public sealed class NothingToDoTests
{
    [SharedFact]
    public async Task Recognize_EveryPathMissing_ExitsTwoWithAnErrorPerPathAndWritesNothing()
    {
        using var cli = new CliRun();
        await EnrolTeapotAsync(cli);
        var outDir = Path.Combine(cli.OutDirectory, "out");
        var missingFile = Path.Combine(cli.OutDirectory, "missing.jpg");
        var missingFolder = Path.Combine(cli.OutDirectory, "no-such-album");

        var (exit, output, error) = await cli.RunAsync("recognize", "--owner", "alice", "--out", outDir, missingFile, missingFolder);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            [$"error: {missingFile}: no such file or folder", $"error: {missingFolder}: no such file or folder"],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(outDir));
    }

    [SharedFact]
    public async Task Recognize_FolderWithoutImages_ExitsTwoSayingSo()
    {
        using var cli = new CliRun();
        await EnrolTeapotAsync(cli);
        var album = Directory.CreateDirectory(Path.Combine(cli.OutDirectory, "album")).FullName;
        await File.WriteAllTextAsync(Path.Combine(album, "notes.txt"), "not a photo");
        var outDir = Path.Combine(cli.OutDirectory, "out");

        var (exit, output, error) = await cli.RunAsync("recognize", "--owner", "alice", "--out", outDir, album);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"error: {album}: no images in this folder", error.Trim());
        Assert.False(Directory.Exists(outDir));
    }

    [SharedFact]
    public async Task Recognize_EmptyFolderBesideAPhoto_SaysSoAndRecognisesThePhoto()
    {
        using var cli = new CliRun();
        await EnrolTeapotAsync(cli);
        var album = Directory.CreateDirectory(Path.Combine(cli.OutDirectory, "album")).FullName;

        var (exit, output, error) = await cli.RunAsync("recognize", "--owner", "alice", "--out", Path.Combine(cli.OutDirectory, "out"), album, CliRun.DreamBooth("teapot", "01.jpg"));

        Assert.True(exit == 0, error);
        Assert.Equal($"skipped {album}: no images in this folder", error.Trim());
        Assert.Contains("\t<teapot>\t", output, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task Demo_DatasetWithoutImages_ExitsTwoAndWritesNoSummary()
    {
        using var cli = new CliRun();
        var dataset = Directory.CreateDirectory(Path.Combine(cli.OutDirectory, "dataset")).FullName;
        Directory.CreateDirectory(Path.Combine(dataset, "teapot"));
        var outDir = Path.Combine(cli.OutDirectory, "demo");

        var (exit, _, error) = await cli.RunAsync("demo", "--dataset", dataset, "--out", outDir);

        Assert.Equal(2, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["skipped teapot: no images", $"error: no images in dataset folder '{dataset}': it needs one sub-folder of images per concept"], lines);
        Assert.False(File.Exists(Path.Combine(outDir, "summary.json")));
    }

    [SharedFact]
    public async Task Eval_EveryImageAReference_ExitsTwoSayingNothingIsLeftToRecognise()
    {
        using var cli = new CliRun();
        var dataset = Path.Combine(cli.OutDirectory, "dataset");
        Directory.CreateDirectory(Path.Combine(dataset, "teapot"));
        File.CreateSymbolicLink(Path.Combine(dataset, "teapot", "00.jpg"), CliRun.DreamBooth("teapot", "00.jpg"));
        var outDir = Path.Combine(cli.OutDirectory, "eval");

        var (exit, _, error) = await cli.RunAsync("eval", "--dataset", dataset, "--out", outDir);

        Assert.Equal(2, exit);
        Assert.Equal($"error: nothing to recognise in '{dataset}': every image is a reference (--references 1)", error.Trim());
        Assert.False(File.Exists(Path.Combine(outDir, "summary.json")));
    }

    private static async Task EnrolTeapotAsync(CliRun cli)
    {
        var (exit, _, error) = await cli.RunAsync("enroll", "--owner", "alice", "--name", "teapot", "--category", "teapot", CliRun.DreamBooth("teapot", "00.jpg"));
        Assert.True(exit == 0, error);
    }
}
