using System.Globalization;
using System.Text;

namespace Personalization.Cli.Output;

/// <summary>
/// Makes user-supplied text (a file or folder name, a message that quotes one) safe to print on a result or error line:
/// control characters (TAB, newline, ESC and the rest of C0/C1), Unicode line and paragraph separators and bidirectional
/// overrides are written as escapes (<c>\t</c>, <c>\n</c>, <c>\x1B</c>, <c>\u202E</c>), so a name can neither split a
/// line, forge a TAB-separated field or a line of its own, nor send terminal escape sequences. A backslash is doubled
/// where it is not the path separator, so an escape in the output always means an escaped character.
/// </summary>
internal static class TerminalText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                '\\' when Path.DirectorySeparatorChar != '\\' => "\\\\",
                _ when NeedsEscape(c) && c <= '\u00FF' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
                _ when NeedsEscape(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c)
        || (c == '\\' && Path.DirectorySeparatorChar != '\\')
        || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';
}
