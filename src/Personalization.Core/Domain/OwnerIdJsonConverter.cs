using System.Text.Json;
using System.Text.Json.Serialization;

namespace Personalization.Core.Domain;

internal sealed class OwnerIdJsonConverter : JsonConverter<OwnerId>
{
    public override OwnerId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        OwnerId.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, OwnerId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
