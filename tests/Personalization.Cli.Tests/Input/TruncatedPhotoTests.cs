using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Input;

/// <summary>A photo cut off in transfer is one error line: never recognised as a mostly black photo, never a reference.</summary>
public sealed class TruncatedPhotoTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("personalize-truncated-").FullName;

    [SharedFact]
    public async Task Enroll_TruncatedJpeg_IsRefusedAndNotAReference()
    {
        using var cli = new CliRun();
        var cut = await CutAsync(CliRun.DreamBooth("dog", "01.jpg"), 3000);

        var (exit, _, error) = await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--category", "dog", cut);

        Assert.Equal(2, exit);
        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"error: {cut}: truncated image: the file ends before its pixels do (3,000 bytes)", errors[0]);
        Assert.Equal("error: <bo> was not enrolled: none of its photos could be used", errors[1]);
    }

    [SharedFact]
    public async Task Recognize_TruncatedJpeg_FailsItsItemAndTheRestGoOn()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--category", "dog", CliRun.DreamBooth("dog", "00.jpg"))).Exit);
        var whole = CliRun.DreamBooth("dog", "02.jpg");
        var cut = await CutAsync(whole, new FileInfo(whole).Length * 3 / 4);

        var (exit, output, error) = await cli.RunAsync("recognize", "--owner", "alice", "--out", cli.OutDirectory, cut, whole);

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: {cut}: truncated image", error, StringComparison.Ordinal);
        Assert.Contains(output.Split('\n'), l => l.StartsWith(whole + "\t<bo>\t", StringComparison.Ordinal));
        Assert.Contains("1 recognised, 1 failed", output, StringComparison.Ordinal);
    }

    private async Task<string> CutAsync(string photo, long keep)
    {
        var bytes = await File.ReadAllBytesAsync(photo);
        var cut = Path.Combine(_root, "cut-" + Path.GetFileName(photo));
        await File.WriteAllBytesAsync(cut, bytes.AsMemory(0, (int)keep).ToArray());
        return cut;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
