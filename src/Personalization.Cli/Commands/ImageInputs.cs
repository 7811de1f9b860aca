using Personalization.Cli.Output;
using Personalization.Core.Ports;

namespace Personalization.Cli.Commands;

/// <summary>
/// The images that the command line's paths gave (<see cref="Sources"/>, where a missing file is still an item that fails
/// when read), and each path that gave none: <see cref="Missing"/> and <see cref="EmptyFolders"/>.
/// </summary>
internal sealed record ImageInputs(IReadOnlyList<ImageSource> Sources, IReadOnlyList<string> Missing, IReadOnlyList<string> EmptyFolders)
{
    /// <summary>True when every path was missing or a folder without images: there is nothing to do.</summary>
    public bool NothingToDo => Sources.Count == Missing.Count;

    /// <summary>
    /// One line per path that gave no image: an <c>error:</c> line each when there is nothing to do (the caller then exits 2
    /// and writes nothing), else a <c>skipped</c> line per empty folder (a missing file among others fails as its own item).
    /// </summary>
    public async Task ReportAsync(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var prefix = NothingToDo ? "error: " : "skipped ";
        if (NothingToDo)
        {
            foreach (var path in Missing)
            {
                await error.WriteLineAsync($"error: {TerminalText.Escape(path)}: no such file or folder").ConfigureAwait(false);
            }
        }

        foreach (var folder in EmptyFolders)
        {
            await error.WriteLineAsync($"{prefix}{TerminalText.Escape(folder)}: no images in this folder").ConfigureAwait(false);
        }
    }
}
