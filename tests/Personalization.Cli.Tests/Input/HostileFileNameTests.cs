using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Input;

/// <summary>File names that hold TABs, newlines or terminal escapes are printed escaped: they cannot forge a result line.</summary>
public sealed class HostileFileNameTests : IDisposable
{
    private const string Forged = "x\tnone\t0.000\trejected\nfake.jpg\t<bo>\t0.999\tverified\u001b[2J\u202e.jpg";

    private readonly string _root = Directory.CreateTempSubdirectory("personalize-names-").FullName;

    [SharedFact]
    public async Task Recognize_FileNamesWithControlCharacters_PrintOneEscapedLineEach()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--category", "dog", CliRun.DreamBooth("dog", "00.jpg"))).Exit);
        var photo = Path.Combine(_root, Forged);
        File.CreateSymbolicLink(photo, CliRun.DreamBooth("teapot", "01.jpg"));
        var broken = Path.Combine(_root, "broken\nerror: forged.jpg");
        await File.WriteAllBytesAsync(broken, []);

        var (exit, output, error) = await cli.RunAsync("recognize", "--owner", "alice", "--out", cli.OutDirectory, photo, broken);

        Assert.Equal(1, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // the photo's line and the summary
        var fields = lines[0].Split('\t');
        Assert.Equal(4, fields.Length);
        Assert.Equal(Path.Combine(_root, "x\\tnone\\t0.000\\trejected\\nfake.jpg\\t<bo>\\t0.999\\tverified\\x1B[2J\\u202E.jpg"), fields[0]);
        Assert.Equal("none", fields[1]);
        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([$"error: {_root}/broken\\nerror: forged.jpg: empty file (0 bytes)"], errors);
        Assert.DoesNotContain('\u001b', output + error);
        Assert.DoesNotContain('\u202e', output + error);
    }

    [SharedFact]
    public async Task Enroll_FileNameWithNewline_IsOneEscapedErrorLine()
    {
        using var cli = new CliRun();
        var broken = Path.Combine(_root, "a.jpg\nenrolled <bo> (dog) for alice");
        await File.WriteAllBytesAsync(broken, [0xFF, 0xD8, 0xFF]);

        var (exit, output, error) = await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--category", "dog", CliRun.DreamBooth("dog", "00.jpg"), broken);

        Assert.Equal(1, exit);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(errors);
        Assert.StartsWith($"error: {_root}/a.jpg\\nenrolled <bo> (dog) for alice: ", errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain/photo.jpg", "plain/photo.jpg")]
    [InlineData("a\tb", "a\\tb")]
    [InlineData("a\r\nb", "a\\r\\nb")]
    [InlineData("\u001b[31mred", "\\x1B[31mred")]
    [InlineData("\u0085\u2028\u2029", "\\x85\\u2028\\u2029")]
    [InlineData("\u202eevil\u2066", "\\u202Eevil\\u2066")]
    [InlineData("back\\slash\t", "back\\\\slash\\t")]
    [InlineData("Zoë 犬.jpg", "Zoë 犬.jpg")]
    public void Escape_ControlAndBidiCharacters_AreWrittenAsEscapes(string text, string expected)
    {
        Assert.Equal(expected, Output.TerminalText.Escape(text));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
