using System.Text.Json;
using System.Text.Json.Serialization;

namespace Personalization.Core.Domain;

internal sealed class ConceptNameJsonConverter : JsonConverter<ConceptName>
{
    public override ConceptName Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ConceptName.FromStored(reader.GetString());

    public override void Write(Utf8JsonWriter writer, ConceptName value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
