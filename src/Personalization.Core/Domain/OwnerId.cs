using System.Text.Json.Serialization;

namespace Personalization.Core.Domain;

/// <summary>
/// The id of the user who owns concepts and images. Every index query is scoped by one.
/// Allowed: 1–64 characters of ASCII letters, digits, '-', '_', '.' and '@', not starting with '.',
/// so it is safe as a folder name, a blob path segment and an OData string literal (after escaping).
/// </summary>
[JsonConverter(typeof(OwnerIdJsonConverter))]
public readonly record struct OwnerId
{
    public const int MaxLength = 64;

    private OwnerId(string value) => Value = value;

    public string Value { get; }

    public static OwnerId Parse(string? value)
    {
        if (!TryParse(value, out var id, out var error))
        {
            throw new InvalidNameException(error);
        }

        return id;
    }

    public static bool TryParse(string? value, out OwnerId id, out string error)
    {
        id = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "owner id is empty";
            return false;
        }

        if (value.Length > MaxLength)
        {
            error = $"owner id is longer than {MaxLength} characters";
            return false;
        }

        if (value[0] == '.')
        {
            error = "owner id must not start with '.'";
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@'))
            {
                error = $"owner id contains the character {Describe(c)}; allowed are ASCII letters, digits, '-', '_', '.', '@'";
                return false;
            }
        }

        id = new OwnerId(value);
        error = string.Empty;
        return true;
    }

    internal static string Describe(char c) =>
        char.IsControl(c) ? $"U+{(int)c:X4} (a control character)" : $"'{c}'";

    public override string ToString() => Value ?? string.Empty;
}
