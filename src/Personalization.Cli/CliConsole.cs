using Personalization.Cli.Output;

namespace Personalization.Cli;

/// <summary>
/// Where the CLI writes: results to <see cref="Out"/>, errors and progress to <see cref="Error"/>. On an interactive
/// terminal both go above the progress <see cref="Status"/> line, so the two never mix on one line.
/// </summary>
public sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        Interactive = interactive;
        if (interactive)
        {
            Status = new StatusLine(error);
            Out = new StatusAwareWriter(output, Status);
            Error = new StatusAwareWriter(error, Status);
        }
        else
        {
            Out = output;
            Error = error;
        }
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>True on an interactive terminal: progress lines are drawn; in CI and logs they are not.</summary>
    public bool Interactive { get; }

    /// <summary>The progress line on an interactive terminal; null otherwise.</summary>
    internal StatusLine? Status { get; }
}
