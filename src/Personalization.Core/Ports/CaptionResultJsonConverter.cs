using System.Text.Json;
using System.Text.Json.Serialization;

namespace Personalization.Core.Ports;

/// <summary>
/// Reads a <see cref="CaptionResult"/> from its object form, or from a bare string: what the caption activity returned
/// before captions carried their source, so durable orchestration histories recorded then still replay.
/// </summary>
public sealed class CaptionResultJsonConverter : JsonConverter<CaptionResult>
{
    /// <summary>The source of a caption read from a bare string.</summary>
    public const string UnknownSource = "unknown (recorded before captions carried their source)";

    public override CaptionResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new CaptionResult(reader.GetString() ?? string.Empty, UnknownSource);
        }

        using var document = JsonDocument.ParseValue(ref reader);
        string? text = null, source = null;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.NameEquals("text") || property.Name.Equals(nameof(CaptionResult.Text), StringComparison.OrdinalIgnoreCase))
            {
                text = property.Value.GetString();
            }
            else if (property.Name.Equals(nameof(CaptionResult.Source), StringComparison.OrdinalIgnoreCase))
            {
                source = property.Value.GetString();
            }
        }

        return new CaptionResult(text ?? throw new JsonException("a caption has no text"), source ?? UnknownSource);
    }

    public override void Write(Utf8JsonWriter writer, CaptionResult value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString(options?.PropertyNamingPolicy?.ConvertName(nameof(CaptionResult.Text)) ?? nameof(CaptionResult.Text), value.Text);
        writer.WriteString(options?.PropertyNamingPolicy?.ConvertName(nameof(CaptionResult.Source)) ?? nameof(CaptionResult.Source), value.Source);
        writer.WriteEndObject();
    }
}
