namespace Personalization.Local.Index;

/// <summary>
/// A query vector quantised for <see cref="Int8Dot"/>: its int8 values padded to the rows' stride, held both biased by
/// 128 as bytes (for VNNI) and widened to 16 bits (for the other kernels), with the bounds of <see cref="QuantizedStats"/>.
/// </summary>
internal sealed class QuantizedQuery
{
    private QuantizedQuery(byte[] biased, short[] wide, QuantizedStats stats)
    {
        Biased = biased;
        Wide = wide;
        Stats = stats;
    }

    public byte[] Biased { get; }

    public short[] Wide { get; }

    public QuantizedStats Stats { get; }

    /// <returns>Null when the vector is not finite (it is then scanned exactly).</returns>
    public static QuantizedQuery? Create(ReadOnlySpan<float> vector, int stride)
    {
        var values = new sbyte[stride];
        var stats = Int8Quantizer.Quantize(vector, values);
        if (stats is null)
        {
            return null;
        }

        var biased = new byte[stride];
        var wide = new short[stride];
        for (var i = 0; i < stride; i++)
        {
            biased[i] = (byte)(values[i] + Int8Dot.Bias);
            wide[i] = values[i];
        }

        return new QuantizedQuery(biased, wide, stats.Value);
    }
}
