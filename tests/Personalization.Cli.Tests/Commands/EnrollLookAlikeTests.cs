using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

/// <summary>
/// One concept per name a user can tell apart: look-alike names are refused, and enrolling another thing under a name
/// already taken (in any case) does not silently turn the concept into it: a new category needs <c>--update</c>.
/// </summary>
public sealed class EnrollLookAlikeTests
{
    [SharedTheory]
    [InlineData("b\u043E", "mixes Latin and Cyrillic letters")]
    [InlineData("\uFF42\uFF4F", "write it as 'bo'")]
    [InlineData("\uFB01sh", "write it as 'fish'")]
    public async Task Enroll_LookAlikeName_IsRefusedAndNothingIsWritten(string name, string reason)
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--category", "dog", CliRun.DreamBooth("dog", "00.jpg"))).Exit);

        var (exit, _, error) = await cli.RunAsync("enroll", "--owner", "alice", "--name", name, "--category", "cat", CliRun.DreamBooth("cat", "00.jpg"));

        Assert.Equal(2, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        var (_, list, _) = await cli.RunAsync("concepts", "--owner", "alice");
        Assert.Single(list.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [SharedFact]
    public async Task Enroll_SameNameOtherCaseAndCategory_IsRefusedUnlessUpdate()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--category", "dog", CliRun.DreamBooth("dog", "00.jpg"))).Exit);

        var (exit, _, error) = await cli.RunAsync("enroll", "--owner", "alice", "--name", "Bo", "--category", "cat", CliRun.DreamBooth("cat", "00.jpg"));

        Assert.Equal(2, exit);
        Assert.Equal("error: <bo> is already enrolled as a dog, not a cat: pass --update to change its category, or choose another name; nothing was changed", error.Trim());
        var (_, before, _) = await cli.RunAsync("concepts", "--owner", "alice");
        Assert.Contains("<bo>\tdog\t1 photo(s)", before, StringComparison.Ordinal);

        var (updated, output, updateError) = await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--category", "cat", "--update", CliRun.DreamBooth("cat", "00.jpg"));

        Assert.True(updated == 0, updateError);
        Assert.Contains("(cat)", output, StringComparison.Ordinal);
        var (_, after, _) = await cli.RunAsync("concepts", "--owner", "alice");
        Assert.Contains("<bo>\tcat\t2 photo(s)", after, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task Enroll_SameCategoryOrNone_AddsPhotosWithoutUpdate()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--category", "dog", CliRun.DreamBooth("dog", "00.jpg"))).Exit);

        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "Bo", "--category", "Dog", CliRun.DreamBooth("dog", "01.jpg"))).Exit);
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", CliRun.DreamBooth("dog", "02.jpg"))).Exit);

        var (_, list, _) = await cli.RunAsync("concepts", "--owner", "alice");
        Assert.Contains("\tdog\t3 photo(s)", list, StringComparison.OrdinalIgnoreCase);
    }
}
