using System.Text.Json;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

/// <summary><c>personalize find</c> over what <c>recognize</c> indexed (it used to write no image index at all).</summary>
public sealed class FindCommandTests
{
    [SharedFact]
    public async Task Find_AfterRecognize_ListsThePhotosOfTheConceptMostConfidentFirst_OnlyTheOwners()
    {
        using var cli = new CliRun();
        var (enrolExit, _, enrolError) = await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--category", "dog", "--box", "64,64,512,512", CliRun.DreamBooth("dog", "00.jpg"));
        Assert.True(enrolExit == 0, enrolError);
        var (recognizeExit, _, recognizeError) = await cli.RunAsync(
            "recognize", "--owner", "alice", "--out", cli.OutDirectory, CliRun.DreamBooth("dog", "01.jpg"), CliRun.DreamBooth("dog", "02.jpg"), CliRun.DreamBooth("teapot", "00.jpg"));
        Assert.True(recognizeExit == 0, recognizeError);

        var (exit, output, error) = await cli.RunAsync("find", "--owner", "alice", "--name", "bo", "--json");
        var (textExit, text, _) = await cli.RunAsync("find", "--owner", "alice", "--name", "bo");
        var (otherExit, other, _) = await cli.RunAsync("find", "--owner", "bob", "--name", "bo");

        Assert.True(exit == 0, error);
        var found = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal([CliRun.DreamBooth("dog", "01.jpg"), CliRun.DreamBooth("dog", "02.jpg")], found.Select(f => f.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        Assert.True(found[0].GetProperty("confidence").GetSingle() >= found[1].GetProperty("confidence").GetSingle());
        Assert.All(found, f => Assert.True(f.GetProperty("box").GetProperty("width").GetSingle() > 0));
        Assert.Equal(0, textExit);
        Assert.Equal(2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(0, otherExit);
        Assert.Contains("was not found in any photo of 'bob'", other, StringComparison.Ordinal);
    }
}
