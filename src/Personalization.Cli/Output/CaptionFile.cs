using System.Text.Json;

namespace Personalization.Cli.Output;

/// <summary>RePIC's caption result format: a JSON array of rows <c>[image_path, ["&lt;name&gt;", …], caption, prompt]</c>.</summary>
internal static class CaptionFile
{
    public static IReadOnlyList<(string Image, IReadOnlyList<string> Concepts, string Caption)> Parse(JsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("expected a JSON array of rows [image_path, [names], caption, prompt]");
        }

        var rows = new List<(string, IReadOnlyList<string>, string)>();
        var index = 0;
        foreach (var row in document.RootElement.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() < 3
                || row[0].ValueKind != JsonValueKind.String || row[1].ValueKind != JsonValueKind.Array || row[2].ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"row {index} is not [image_path, [names], caption, prompt]");
            }

            var names = row[1].EnumerateArray().Select(n => n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new FormatException($"row {index} has a non-string concept name")).ToList();
            rows.Add((row[0].GetString()!, names, row[2].GetString()!));
            index++;
        }

        return rows;
    }
}
