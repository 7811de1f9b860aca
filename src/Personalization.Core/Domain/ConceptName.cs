using System.Text;
using System.Text.Json.Serialization;

namespace Personalization.Core.Domain;

/// <summary>
/// The name a user gives a concept (<c>bo</c> in <c>&lt;bo&gt;</c>). Names end up in file names, blob paths,
/// prompts and captions, so they are validated once here: 1–64 characters of letters, digits,
/// '_', '-' and '.'; no path separators, no control characters, no leading '.'. No spaces either: a caption
/// names a concept as one token (<c>&lt;mr_whiskers&gt;</c>), and RePIC's metric splits captions on white space.
/// Names compare case-insensitively (the caption metric lower-cases them). A name is stored in Unicode's composed form
/// (NFC), and names that only look like plain letters are refused (compatibility characters, mixed scripts): two
/// concepts an owner cannot tell apart on screen are never two concepts.
/// </summary>
[JsonConverter(typeof(ConceptNameJsonConverter))]
public readonly record struct ConceptName
{
    public const int MaxLength = 64;

    private ConceptName(string value) => Value = value;

    public string Value { get; }

    /// <summary>The lower-cased form used as the key in indexes and files.</summary>
    public string Key => KeyOf(Value);

    /// <summary>The key of a name as stored (in an index document, a result): the same rule as <see cref="Key"/>.</summary>
    public static string KeyOf(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.ToLowerInvariant();
    }

    public static ConceptName Parse(string? value)
    {
        if (!TryParse(value, out var name, out var error))
        {
            throw new InvalidNameException(error);
        }

        return name;
    }

    public static bool TryParse(string? value, out ConceptName name, out string error) =>
        TryParse(value, strict: true, out name, out error);

    /// <summary>
    /// A name read back from what was stored (an index, a result file), checked only for what makes it unsafe (paths,
    /// control characters), not for the naming rules added since (<see cref="TryParse(string?, out ConceptName, out string)"/>):
    /// a concept enrolled under an older rule still loads, and can be forgotten.
    /// </summary>
    public static ConceptName FromStored(string? value) =>
        TryParse(value, strict: false, out var name, out var error) ? name : throw new InvalidNameException(error);

    private static bool TryParse(string? value, bool strict, out ConceptName name, out string error)
    {
        name = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "concept name is empty";
            return false;
        }

        if (strict)
        {
            // One spelling per name: a precomposed "ë" and "e" followed by a combining diaeresis are the same name (NFC).
            value = NameTables.Compose(value);
        }

        if (value.Length > MaxLength)
        {
            error = $"concept name is longer than {MaxLength} characters";
            return false;
        }

        if (value[0] == '.')
        {
            error = "concept name must not start with '.'";
            return false;
        }

        foreach (var rune in value.EnumerateRunes())
        {
            if (!(Rune.IsLetterOrDigit(rune) || rune.Value is '_' or '-' or '.'))
            {
                error = rune.Value == ' '
                    ? "concept name contains a space; captions name a concept as one word, so use '_' or '-' instead (e.g. mr_whiskers)"
                    : NameTables.IsMark(rune)
                        ? $"concept name contains the combining mark U+{rune.Value:X4}, which makes no letter with the one before it; write the accented letter as one character"
                        : $"concept name contains the character {Describe(rune)}; allowed are letters, digits, '_', '-' and '.'";
                return false;
            }
        }

        if (strict && !IsPlain(value, out error))
        {
            return false;
        }

        name = new ConceptName(value);
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Refuses names that look like another name but are not it: compatibility forms (fullwidth <c>ｂｏ</c>, the ligature
    /// in <c>ﬁsh</c>, styled mathematical letters), which Unicode folds to plain letters (NFKC), and letters of scripts
    /// that do not belong together (Latin <c>b</c> with Cyrillic <c>о</c>).
    /// </summary>
    private static bool IsPlain(string value, out string error)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            if (NameTables.IsCompatibility(rune))
            {
                var plain = NameTables.AsciiFold(value) is { } folded ? $"write it as '{folded}'" : "write it with plain letters";
                error = $"concept name '{value}' uses compatibility characters such as '{rune}' (fullwidth, ligature or styled letters), which look like plain ones; {plain}";
                return false;
            }
        }

        if (!LetterScripts.AreCompatible(value, out var scripts))
        {
            error = $"concept name '{value}' mixes {string.Join(" and ", scripts)} letters, which can look exactly like another name; use the letters of one script";
            return false;
        }

        error = string.Empty;
        return true;
    }

    private static string Describe(Rune rune) =>
        rune.IsBmp ? OwnerId.Describe((char)rune.Value) : $"U+{rune.Value:X}";

    public bool Equals(ConceptName other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    public override string ToString() => Value ?? string.Empty;
}
