using System.Text.Json;
using Personalization.Core.Domain;

namespace Personalization.Core.Tests.Domain;

public sealed class Base64FloatArrayConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new Base64FloatArrayConverter() } };

    [Fact]
    public void Write_Vector_IsBase64OfLittleEndianBytes()
    {
        float[] vector = [1f, -2.5f];

        var json = JsonSerializer.Serialize(vector, Options);

        // 1.0f = 0x3F800000 and −2.5f = 0xC0200000, little-endian.
        var expected = Convert.ToBase64String([0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0]);
        Assert.Equal($"\"{expected}\"", json);
    }

    [Fact]
    public void RoundTrip_AwkwardValues_AreBitExact()
    {
        float[] vector = [0f, -0f, 1e-45f, float.MaxValue, float.MinValue, float.NaN, float.PositiveInfinity, 0.1f, -123.456f];

        var back = JsonSerializer.Deserialize<float[]>(JsonSerializer.Serialize(vector, Options), Options)!;

        Assert.Equal(vector.Select(BitConverter.SingleToInt32Bits), back.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void RoundTrip_EmptyVector_StaysEmpty()
    {
        var json = JsonSerializer.Serialize(Array.Empty<float>(), Options);

        Assert.Equal("\"\"", json);
        Assert.Empty(JsonSerializer.Deserialize<float[]>(json, Options)!);
    }

    [Fact]
    public void Read_PlainNumberArray_IsAccepted()
    {
        var back = JsonSerializer.Deserialize<float[]>("[1, 2.5, -3e2, 0]", Options)!;

        Assert.Equal([1f, 2.5f, -300f, 0f], back);
    }

    [Fact]
    public void Read_ByteCountNotAMultipleOfFour_Throws()
    {
        var json = $"\"{Convert.ToBase64String([1, 2, 3, 4, 5])}\"";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<float[]>(json, Options));
    }

    [Fact]
    public void RoundTrip_AsPropertyAttribute_KeepsTheRecord()
    {
        var attribute = new FingerprintAttribute("red collar", "user", new[] { 0.6f, 0.8f, 0f });

        var json = JsonSerializer.Serialize(attribute);
        var back = JsonSerializer.Deserialize<FingerprintAttribute>(json)!;

        var bytes = attribute.Vector.ToArray().SelectMany(BitConverter.GetBytes).ToArray();
        Assert.Contains($"\"Vector\":\"{Convert.ToBase64String(bytes)}\"", json, StringComparison.Ordinal);
        Assert.Equal(attribute.Text, back.Text);
        Assert.Equal(attribute.Vector.ToArray(), back.Vector.ToArray());
    }
}
