using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

/// <summary>What killed runs leave in the data folder is removed when the next run starts on that owner.</summary>
public sealed class OrphanSweepCliTests
{
    [SharedFact]
    public async Task NextRun_AfterCrashes_RemovesOrphanPhotosAndTemporaryFilesAndKeepsReferencedPhotos()
    {
        using var cli = new CliRun();
        var teapot = CliRun.DreamBooth("teapot", "00.jpg");
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "teapot", teapot)).Exit);
        var images = Path.Combine(cli.DataDirectory, "images", "alice");
        var owner = Path.GetDirectoryName(StoredConcepts.FileOf(cli, "alice"))!;
        var kept = Path.Combine(images, StoredConcepts.Hash(teapot));
        var dog = CliRun.DreamBooth("dog", "00.jpg");
        string[] leftovers =
        [
            Path.Combine(images, StoredConcepts.Hash(dog)),
            Path.Combine(images, $"{StoredConcepts.Hash(dog)}.4242.0123456789abcdef0123456789abcdef.tmp"),
            Path.Combine(owner, "concepts.json.4242.0123456789abcdef0123456789abcdef.tmp"),
        ];
        foreach (var leftover in leftovers)
        {
            File.Copy(dog, leftover);
        }

        var (exit, list, error) = await cli.RunAsync("concepts", "--owner", "alice");

        Assert.True(exit == 0, error);
        Assert.Contains("<teapot>", list, StringComparison.Ordinal);
        Assert.All(leftovers, leftover => Assert.False(File.Exists(leftover), leftover));
        Assert.True(File.Exists(kept));
        var (_, result) = await StoredConcepts.RecognizeAsync(cli, "alice", CliRun.DreamBooth("teapot", "01.jpg"));
        Assert.Equal("teapot", result["concept"]?.GetValue<string>());
    }
}
