using System.Text;

namespace Personalization.Core.Domain;

/// <summary>
/// The writing system of a letter, coarsely (Unicode's Script property for the scripts whose letters are confused with
/// each other or are mixed in ordinary names), and which mixtures a name may use: one script, or Latin with the scripts
/// written together in Chinese, Japanese and Korean (Unicode TS #39's "highly restrictive" level). Latin <c>b</c> with a
/// Cyrillic <c>о</c> is refused: <c>bо</c> looks exactly like <c>bo</c>.
/// </summary>
internal static class LetterScripts
{
    private static readonly (int First, int Last, string Script)[] Ranges =
    [
        (0x0041, 0x005A, "Latin"), (0x0061, 0x007A, "Latin"), (0x00AA, 0x00AA, "Latin"), (0x00BA, 0x00BA, "Latin"),
        (0x00C0, 0x02AF, "Latin"), (0x1D00, 0x1D7F, "Latin"), (0x1E00, 0x1EFF, "Latin"), (0x2C60, 0x2C7F, "Latin"),
        (0xA720, 0xA7FF, "Latin"), (0xAB30, 0xAB6F, "Latin"),
        (0x0370, 0x03FF, "Greek"), (0x1F00, 0x1FFF, "Greek"),
        (0x0400, 0x052F, "Cyrillic"), (0x1C80, 0x1C8F, "Cyrillic"), (0x2DE0, 0x2DFF, "Cyrillic"), (0xA640, 0xA69F, "Cyrillic"),
        (0x0530, 0x058F, "Armenian"), (0x0590, 0x05FF, "Hebrew"),
        (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"), (0x08A0, 0x08FF, "Arabic"),
        (0x0900, 0x097F, "Devanagari"), (0x0980, 0x09FF, "Bengali"), (0x0A00, 0x0A7F, "Gurmukhi"), (0x0A80, 0x0AFF, "Gujarati"),
        (0x0B80, 0x0BFF, "Tamil"), (0x0C00, 0x0C7F, "Telugu"), (0x0C80, 0x0CFF, "Kannada"), (0x0D00, 0x0D7F, "Malayalam"),
        (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Lao"), (0x0F00, 0x0FFF, "Tibetan"),
        (0x10A0, 0x10FF, "Georgian"), (0x2D00, 0x2D2F, "Georgian"), (0x1200, 0x137F, "Ethiopic"),
        (0x13A0, 0x13FF, "Cherokee"), (0xAB70, 0xABBF, "Cherokee"),
        (0x1100, 0x11FF, "Hangul"), (0x3130, 0x318F, "Hangul"), (0xAC00, 0xD7AF, "Hangul"),
        (0x3040, 0x309F, "Hiragana"), (0x30A0, 0x30FF, "Katakana"), (0x31F0, 0x31FF, "Katakana"), (0x3100, 0x312F, "Bopomofo"),
        (0x3005, 0x3007, "Han"), (0x3400, 0x4DBF, "Han"), (0x4E00, 0x9FFF, "Han"), (0xF900, 0xFAFF, "Han"), (0x20000, 0x3FFFF, "Han"),
    ];

    private static readonly string[][] AllowedMixtures =
    [
        ["Latin", "Han", "Hiragana", "Katakana"],
        ["Latin", "Han", "Bopomofo"],
        ["Latin", "Han", "Hangul"],
    ];

    /// <summary>The letter's script; null for what belongs to none (digits, '_', '-', '.'); "another script" for letters of scripts not listed.</summary>
    public static string? Of(Rune rune)
    {
        if (!Rune.IsLetter(rune))
        {
            return null;
        }

        foreach (var (first, last, script) in Ranges)
        {
            if (rune.Value >= first && rune.Value <= last)
            {
                return script;
            }
        }

        return "another script";
    }

    /// <summary>True when the letters of <paramref name="text"/> may stand together in one name; else the scripts that may not.</summary>
    public static bool AreCompatible(string text, out IReadOnlyList<string> scripts)
    {
        var found = new List<string>();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Of(rune) is { } script && !found.Contains(script))
            {
                found.Add(script);
            }
        }

        scripts = found;
        return found.Count <= 1 || Array.Exists(AllowedMixtures, allowed => found.TrueForAll(s => allowed.Contains(s)));
    }
}
