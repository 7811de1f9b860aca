namespace Personalization.Models.Onnx;

/// <summary>
/// Exposes an intermediate tensor of an ONNX model as one more graph output, without an ONNX library: protobuf merges
/// a repeated message field that appears again, so appending <c>ModelProto.graph { output { name } }</c> (fields 7, 12
/// and 1) to the serialized model adds that output. ONNX Runtime takes its type and shape from the node that makes it.
/// </summary>
public static class OnnxGraphOutputs
{
    private const int ModelGraphField = 7;
    private const int GraphOutputField = 12;
    private const int ValueInfoNameField = 1;

    public static byte[] WithOutput(ReadOnlySpan<byte> model, string tensorName)
    {
        ArgumentException.ThrowIfNullOrEmpty(tensorName);
        var valueInfo = LengthDelimited(ValueInfoNameField, System.Text.Encoding.UTF8.GetBytes(tensorName));
        var addition = LengthDelimited(ModelGraphField, LengthDelimited(GraphOutputField, valueInfo));
        return [.. model, .. addition];
    }

    private static byte[] LengthDelimited(int field, byte[] payload) => [.. Varint((field << 3) | 2), .. Varint(payload.Length), .. payload];

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>(5);
        var v = (uint)value;
        while (v >= 0x80)
        {
            bytes.Add((byte)(v | 0x80));
            v >>= 7;
        }

        bytes.Add((byte)v);
        return [.. bytes];
    }
}
