using System.Text.Json.Serialization;

namespace Personalization.Core.Domain;

/// <summary>
/// The name a user gives a concept (<c>bo</c> in <c>&lt;bo&gt;</c>). Names end up in file names, blob paths,
/// prompts and captions, so they are validated once here: 1–64 characters of letters, digits,
/// '_', '-', '.' and inner spaces; no path separators, no control characters, no leading '.'.
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

        if (value[0] == '.' || value[0] == ' ' || value[^1] == ' ')
        {
            error = "concept name must not start with '.' or start or end with a space";
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ' '))
            {
                error = $"concept name contains the character {OwnerId.Describe(c)}; allowed are letters, digits, '_', '-', '.' and spaces";
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
