using System.Text;
using Personalization.Cli.Output;

namespace Personalization.Cli.Tests.Progress;

/// <summary>On a terminal, result and error lines are written above the progress line, never on top of it.</summary>
public sealed class ProgressLineTests
{
    [Fact]
    public async Task Progress_WithResultAndErrorLines_EachLineStandsAloneOnTheScreen()
    {
        var terminal = new StringWriter(); // stdout and stderr on one terminal, as a user sees them
        var console = new CliConsole(terminal, terminal, interactive: true);
        var progress = new ProgressReporter(console, "recognise", 4);

        progress.Advance();
        await console.Out.WriteLineAsync("01.jpg  <bo>  0.91");
        progress.Advance();
        await console.Error.WriteLineAsync("error: 02.jpg: truncated image");
        await console.Out.WriteAsync("03.jpg  ");
        progress.Advance();
        await console.Out.WriteLineAsync("none");
        progress.Advance();
        await console.Out.WriteLineAsync("3 recognised, 1 failed");

        Assert.Equal(
            ["01.jpg  <bo>  0.91", "error: 02.jpg: truncated image", "03.jpg  none", "3 recognised, 1 failed", string.Empty],
            Screen(terminal.ToString()));
    }

    [Fact]
    public async Task Progress_WhileRunning_IsTheLastLineAndGoesWhenDone()
    {
        var terminal = new StringWriter();
        var console = new CliConsole(terminal, terminal, interactive: true);
        var progress = new ProgressReporter(console, "recognise", 2);

        progress.Advance();
        await console.Out.WriteLineAsync("01.jpg  <bo>  0.91");

        var screen = Screen(terminal.ToString());
        Assert.Equal("01.jpg  <bo>  0.91", screen[0]);
        Assert.StartsWith("recognise 1/2", screen[^1], StringComparison.Ordinal);

        progress.Advance();
        Assert.Equal(["01.jpg  <bo>  0.91", string.Empty], Screen(terminal.ToString()));
    }

    [Fact]
    public async Task NotInteractive_WritesNoProgressAtAll()
    {
        var output = new StringWriter();
        var console = new CliConsole(output, output, interactive: false);
        var progress = new ProgressReporter(console, "recognise", 2);
        progress.Advance();
        await console.Out.WriteLineAsync("01.jpg  <bo>  0.91");
        progress.Advance();
        Assert.Equal("01.jpg  <bo>  0.91" + Environment.NewLine, output.ToString());
    }

    /// <summary>What a terminal shows: '\r' returns to column 0, ESC[2K erases the line, '\n' starts the next one.</summary>
    private static List<string> Screen(string written)
    {
        var lines = new List<StringBuilder> { new() };
        var column = 0;
        for (var i = 0; i < written.Length; i++)
        {
            var line = lines[^1];
            if (written[i] == '\r')
            {
                column = 0;
            }
            else if (written[i] == '\n')
            {
                lines.Add(new StringBuilder());
                column = 0;
            }
            else if (written.AsSpan(i).StartsWith("\u001b[2K"))
            {
                line.Clear();
                i += 3;
            }
            else
            {
                if (column < line.Length)
                {
                    line[column] = written[i];
                }
                else
                {
                    line.Append(written[i]);
                }

                column++;
            }
        }

        return [.. lines.Select(l => l.ToString().TrimEnd())];
    }
}
