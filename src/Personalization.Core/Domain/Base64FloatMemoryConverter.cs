using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Personalization.Core.Domain;

/// <summary>
/// A read-only vector stored as <see cref="Base64FloatArrayConverter"/> stores an array: base64 of its little-endian
/// bytes (a plain number list is read too). The same JSON either way, so a file written with one reads with the other.
/// </summary>
public sealed class Base64FloatMemoryConverter : JsonConverter<ReadOnlyMemory<float>>
{
    private static readonly Base64FloatArrayConverter Array = new();

    /// <summary>The vector; a JSON null is not one (an array property held null there, which no reader accepted).</summary>
    public override ReadOnlyMemory<float> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? throw new JsonException("a null vector") : Array.Read(ref reader, typeof(float[]), options);

    public override bool HandleNull => true;

    public override void Write(Utf8JsonWriter writer, ReadOnlyMemory<float> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBase64StringValue(MemoryMarshal.AsBytes(value.Span));
    }
}
