using System.Text.Json;
using System.Text.Json.Serialization;
using Personalization.Core.Domain;

namespace Personalization.Local.Index;

/// <summary>
/// Reads and writes a <see cref="ReferenceRegion"/> (and its box) by hand: the same JSON as the serializer's own contract,
/// with its rules (every member present, none null but the label; unknown members skipped), at a fraction of its cost.
/// Regions are most of what a segment's metadata holds (15 of about 40 records per concept), so most of a large owner's
/// load. The box's <c>Area</c>, written for readers of the file, is not read back: it follows from the box.
/// </summary>
internal sealed class ReferenceRegionJsonConverter : JsonConverter<ReferenceRegion>
{
    private static readonly Base64FloatMemoryConverter Vector = new();

    public override ReferenceRegion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject, "a reference region");
        var (box, source, label, image, text) = ((BoundingBox?)null, (string?)null, (string?)null, (ReadOnlyMemory<float>?)null, (ReadOnlyMemory<float>?)null);
        var labelled = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Box"u8))
            {
                reader.Read();
                box = ReadBox(ref reader);
            }
            else if (reader.ValueTextEquals("Source"u8))
            {
                reader.Read();
                source = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("a reference region's source is not a string");
            }
            else if (reader.ValueTextEquals("Label"u8))
            {
                reader.Read();
                (label, labelled) = (reader.TokenType is JsonTokenType.String or JsonTokenType.Null ? reader.GetString() : throw new JsonException("a reference region's label is not a string"), true);
            }
            else if (reader.ValueTextEquals("ImageVector"u8))
            {
                reader.Read();
                image = Vector.Read(ref reader, typeof(ReadOnlyMemory<float>), options);
            }
            else if (reader.ValueTextEquals("TextVector"u8))
            {
                reader.Read();
                text = Vector.Read(ref reader, typeof(ReadOnlyMemory<float>), options);
            }
            else
            {
                reader.Read();
                Skip(ref reader);
            }
        }

        Expect(ref reader, JsonTokenType.EndObject, "a reference region's end");
        return box is null || source is null || !labelled || image is null || text is null
            ? throw new JsonException("a reference region without its box, source, label or vectors")
            : new ReferenceRegion(box, source, label, image.Value, text.Value);
    }

    public override void Write(Utf8JsonWriter writer, ReferenceRegion value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WritePropertyName("Box"u8);
        JsonSerializer.Serialize(writer, value.Box, options);
        writer.WriteString("Source"u8, value.Source);
        writer.WriteString("Label"u8, value.Label);
        writer.WritePropertyName("ImageVector"u8);
        Vector.Write(writer, value.ImageVector, options);
        writer.WritePropertyName("TextVector"u8);
        Vector.Write(writer, value.TextVector, options);
        writer.WriteEndObject();
    }

    private static BoundingBox ReadBox(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "a box");
        Span<float> v = [float.NaN, float.NaN, float.NaN, float.NaN];
        Span<bool> seen = stackalloc bool[4];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var at = reader.ValueTextEquals("X"u8) ? 0 : reader.ValueTextEquals("Y"u8) ? 1 : reader.ValueTextEquals("Width"u8) ? 2 : reader.ValueTextEquals("Height"u8) ? 3 : -1;
            reader.Read();
            if (at < 0)
            {
                Skip(ref reader);
                continue;
            }

            (v[at], seen[at]) = (reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out var n) ? n : throw new JsonException("a box's side is not a number"), true);
        }

        Expect(ref reader, JsonTokenType.EndObject, "a box's end");
        return seen.Contains(false) ? throw new JsonException("a box without its x, y, width or height") : new BoundingBox(v[0], v[1], v[2], v[3]);
    }

    /// <summary>Skips a member's value. The serializer hands a converter the whole value even when it reads a stream.</summary>
    private static void Skip(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("a member's value is cut short");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"{what} is not where the JSON has a {reader.TokenType}");
        }
    }
}
