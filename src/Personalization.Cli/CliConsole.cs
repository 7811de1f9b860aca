namespace Personalization.Cli;

/// <summary>Where the CLI writes: results to <see cref="Out"/>, errors and progress to <see cref="Error"/>.</summary>
public sealed class CliConsole(TextWriter output, TextWriter error, bool interactive)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>True on an interactive terminal: progress lines are drawn; in CI and logs they are not.</summary>
    public bool Interactive { get; } = interactive;
}
