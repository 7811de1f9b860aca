using System.Text.Json.Serialization;

namespace Personalization.Core.Domain;

/// <summary>
/// The name a user gives a concept (<c>bo</c> in <c>&lt;bo&gt;</c>). Names end up in file names, blob paths,
/// prompts and captions, so they are validated once here: 1–64 characters of letters, digits,
/// '_', '-' and '.'; no path separators, no control characters, no leading '.'. No spaces either: a caption
/// names a concept as one token (<c>&lt;mr_whiskers&gt;</c>), and RePIC's metric splits captions on white space.
/// Names compare case-insensitively (the caption metric lower-cases them).
/// </summary>
[JsonConverter(typeof(ConceptNameJsonConverter))]
public readonly record struct ConceptName
{
    public const int MaxLength = 64;

    private ConceptName(string value) => Value = value;

    public string Value { get; }

    /// <summary>The lower-cased form used as the key in indexes and files.</summary>
    public string Key => Value.ToLowerInvariant();

    public static ConceptName Parse(string? value)
    {
        if (!TryParse(value, out var name, out var error))
        {
            throw new InvalidNameException(error);
        }

        return name;
    }

    public static bool TryParse(string? value, out ConceptName name, out string error)
    {
        name = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "concept name is empty";
            return false;
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

        foreach (var c in value)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                error = c == ' '
                    ? "concept name contains a space; captions name a concept as one word, so use '_' or '-' instead (e.g. mr_whiskers)"
                    : $"concept name contains the character {OwnerId.Describe(c)}; allowed are letters, digits, '_', '-' and '.'";
                return false;
            }
        }

        name = new ConceptName(value);
        error = string.Empty;
        return true;
    }

    public bool Equals(ConceptName other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    public override string ToString() => Value ?? string.Empty;
}
