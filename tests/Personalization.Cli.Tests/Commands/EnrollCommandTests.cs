using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

public sealed class EnrollCommandTests
{
    [SharedFact]
    public async Task Enroll_SamePhotoTwice_KeepsOneReference()
    {
        using var cli = new CliRun();
        var photo = CliRun.DreamBooth("teapot", "00.jpg");
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "teapot", "--category", "teapot", photo)).Exit);
        var (exit, output, _) = await cli.RunAsync("enroll", "--owner", "alice", "--name", "teapot", photo);

        Assert.Equal(0, exit);
        Assert.Contains("1 reference photo(s), 0 new", output, StringComparison.Ordinal);
        var (_, list, _) = await cli.RunAsync("concepts", "--owner", "alice");
        Assert.Single(list.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("<teapot>\tteapot\t1 photo(s)", list, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task Concepts_AttributesTheUserWrote_AreShownApartFromTheDerivedOnesAndWin()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--category", "dog", "--description", "golden, red collar", CliRun.DreamBooth("dog", "00.jpg"))).Exit);

        var (_, list, _) = await cli.RunAsync("concepts", "--owner", "alice");
        var (_, json, _) = await cli.RunAsync("concepts", "--owner", "alice", "--json");

        Assert.Contains("yours: golden, red collar, dog; derived: ", list, StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var attributes = document.RootElement.GetProperty("concepts")[0].GetProperty("attributes").EnumerateArray()
            .Select(a => (a.GetProperty("text").GetString(), a.GetProperty("source").GetString())).ToList();
        Assert.Equal([("golden", "user"), ("red collar", "user"), ("dog", "user")], attributes.Take(3));
        Assert.All(attributes.Skip(3), a => Assert.NotEqual("user", a.Item2));
        foreach (var grey in new[] { "silver", "light grey", "grey (color)", "white (color)", "black (color)" })
        {
            Assert.DoesNotContain(grey, list, StringComparison.Ordinal);
        }
    }

    [SharedFact]
    public async Task Enroll_UserDescriptionAndAttributes_AreKeptAndMerged()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--category", "dog", "--description", "my golden dog", "--attribute", "red collar", CliRun.DreamBooth("dog", "00.jpg"))).Exit);
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--attribute", "fluffy tail", CliRun.DreamBooth("dog", "01.jpg"))).Exit);

        var (_, list, _) = await cli.RunAsync("concepts", "--owner", "alice");
        Assert.Contains("2 photo(s)", list, StringComparison.Ordinal);
        Assert.Contains("my golden dog", list, StringComparison.Ordinal);
        Assert.Contains("red collar", list, StringComparison.Ordinal);
        Assert.Contains("fluffy tail", list, StringComparison.Ordinal);
    }

    [SharedTheory]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("bad\u0001name")]
    [InlineData("")]
    public async Task Enroll_MaliciousName_IsRefusedAndNothingIsWritten(string name)
    {
        using var cli = new CliRun();
        var (exit, _, error) = await cli.RunAsync("enroll", "--owner", "alice", "--name", name, CliRun.DreamBooth("dog", "00.jpg"));

        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Empty(Directory.EnumerateFileSystemEntries(cli.DataDirectory));
    }

    [SharedFact]
    public async Task Enroll_OnlyBadPhotos_FailsAndKeepsExistingConcepts()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "teapot", "--category", "teapot", CliRun.DreamBooth("teapot", "00.jpg"))).Exit);
        var empty = Path.Combine(cli.OutDirectory, "empty.jpg");
        await File.WriteAllBytesAsync(empty, []);

        var (exit, _, error) = await cli.RunAsync("enroll", "--owner", "alice", "--name", "cup", empty);

        Assert.Equal(2, exit);
        Assert.Contains("empty file", error, StringComparison.Ordinal);
        var (_, list, _) = await cli.RunAsync("concepts", "--owner", "alice");
        Assert.Contains("<teapot>", list, StringComparison.Ordinal);
        Assert.DoesNotContain("<cup>", list, StringComparison.Ordinal);
    }

    // Cancellation may land before, during or after the work, depending on how fast this machine is; whatever
    // the moment, the index holds either the old state or the new one, never a half-enrolled concept.
    [SharedTheory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(150)]
    [InlineData(400)]
    public async Task Enroll_Cancelled_LeavesTheIndexWhole(int cancelAfterMs)
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "teapot", "--category", "teapot", CliRun.DreamBooth("teapot", "00.jpg"))).Exit);
        using var cancel = new CancellationTokenSource();
        if (cancelAfterMs == 0)
        {
            await cancel.CancelAsync();
        }
        else
        {
            cancel.CancelAfter(cancelAfterMs);
        }

        var (exit, _, _) = await cli.RunAsync(cancel.Token, "enroll", "--owner", "alice", "--name", "dog", CliRun.DreamBooth("dog", "00.jpg"), CliRun.DreamBooth("dog", "01.jpg"), CliRun.DreamBooth("dog", "02.jpg"));

        if (cancelAfterMs == 0)
        {
            Assert.NotEqual(0, exit);
        }

        var (listExit, list, _) = await cli.RunAsync("concepts", "--owner", "alice");
        Assert.Equal(0, listExit);
        Assert.Contains("<teapot>\tteapot\t1 photo(s)", list, StringComparison.Ordinal);
        if (exit == 0)
        {
            Assert.Matches(@"<dog>\t[^\t]*\t3 photo\(s\)", list);
        }
        else
        {
            Assert.DoesNotContain("<dog>", list, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetFiles(cli.DataDirectory, "*.tmp", SearchOption.AllDirectories));
    }
}
