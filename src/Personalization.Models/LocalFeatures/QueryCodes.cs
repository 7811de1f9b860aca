namespace Personalization.Models.LocalFeatures;

/// <summary>
/// The query side of RootSIFT matching (unsigned byte codes, see <see cref="RootSiftCodes"/>), interleaved for the
/// vector kernels: in groups of <see cref="GroupSize"/> codes, chunk k (bytes 4k…4k+3) of every code of the group
/// lies side by side, so one multiply-add computes a chunk's partial dot product for eight codes at once. The last
/// group is padded with zero codes. Encoded once per query, read by every reference match.
/// </summary>
internal sealed class QueryCodes
{
    public const int GroupSize = 8;
    public const int GroupBytes = GroupSize * RootSiftCodes.Length;

    private QueryCodes(byte[] interleaved, int count)
    {
        Interleaved = interleaved;
        Count = count;
    }

    public int Count { get; }

    public int Groups => (Count + GroupSize - 1) / GroupSize;

    public byte[] Interleaved { get; }

    /// <summary>Encodes <paramref name="count"/> SIFT descriptors (128 bytes each) as query codes.</summary>
    public static QueryCodes Encode(ReadOnlySpan<byte> sift, int count)
    {
        var plain = RootSiftCodes.Encode(sift, count, 255f);
        var groups = (count + GroupSize - 1) / GroupSize;
        var interleaved = new byte[groups * GroupBytes];
        for (var j = 0; j < count; j++)
        {
            var (g, lane) = Math.DivRem(j, GroupSize);
            for (var k = 0; k < RootSiftCodes.Length / 4; k++)
            {
                plain.AsSpan((j * RootSiftCodes.Length) + (4 * k), 4).CopyTo(interleaved.AsSpan((g * GroupBytes) + (k * 4 * GroupSize) + (4 * lane), 4));
            }
        }

        return new QueryCodes(interleaved, count);
    }

    /// <summary>Code <paramref name="index"/> in its plain layout (128 bytes).</summary>
    public void CopyCode(int index, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        var (g, lane) = Math.DivRem(index, GroupSize);
        for (var k = 0; k < RootSiftCodes.Length / 4; k++)
        {
            Interleaved.AsSpan((g * GroupBytes) + (k * 4 * GroupSize) + (4 * lane), 4).CopyTo(destination.Slice(4 * k, 4));
        }
    }
}
