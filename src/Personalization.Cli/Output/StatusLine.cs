namespace Personalization.Cli.Output;

/// <summary>
/// One status line (progress) kept at the bottom of an interactive terminal. Every line the CLI writes, to stdout or
/// stderr, goes through <see cref="Write"/>: the status is erased first and drawn again after a complete line, so a
/// result line never lands on top of "recognise 3/128 …". Thread-safe.
/// </summary>
internal sealed class StatusLine(TextWriter terminal)
{
    /// <summary>Carriage return, then ANSI "erase the whole line".</summary>
    public const string Erase = "\r\u001b[2K";

    private readonly Lock _gate = new();
    private string? _text;
    private bool _lineOpen;

    public void Show(string text)
    {
        lock (_gate)
        {
            EraseShown();
            _text = text;
            if (!_lineOpen)
            {
                terminal.Write(text);
                terminal.Flush();
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            EraseShown();
            _text = null;
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="target"/> above the status line.</summary>
    public void Write(TextWriter target, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        lock (_gate)
        {
            EraseShown();
            target.Write(text);
            target.Flush();
            _lineOpen = text[^1] != '\n';
            if (_text is not null && !_lineOpen)
            {
                terminal.Write(_text);
                terminal.Flush();
            }
        }
    }

    /// <summary>Erases the status where it is drawn (not while a line of output is still open). Callers hold the gate.</summary>
    private void EraseShown()
    {
        if (_text is not null && !_lineOpen)
        {
            terminal.Write(Erase);
            terminal.Flush();
        }
    }
}
