using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Personalization.Local.Index;

/// <summary>
/// The exact integer dot product of an int8 query and an int8 row, both padded to a multiple of
/// <see cref="Alignment"/> bytes with zeros. With AVX-VNNI one <c>vpdpbusd</c> multiplies 32 byte pairs and adds them in
/// 32-bit lanes; it takes the query unsigned, so the query is stored biased by 128 and <c>128·Σrow</c> is taken off after.
/// Without it, AVX-512BW or AVX2 widens the row to 16 bits and multiplies pairs (<c>vpmaddwd</c>); elsewhere a plain loop.
/// Each gives the same integer (no saturation: |Σ| ≤ 255·127·d fits 32 bits for d below 66,000).
/// </summary>
internal static class Int8Dot
{
    /// <summary>Rows and queries are padded to this many bytes.</summary>
    public const int Alignment = 64;

    public const int Bias = 128;

    /// <summary>The kernels this machine can run, best first (<see cref="Kernel.Scalar"/> always).</summary>
    public static IReadOnlyList<Kernel> Available { get; } =
    [
        .. AvxVnni.IsSupported ? [Kernel.AvxVnni] : Array.Empty<Kernel>(),
        .. Avx512BW.IsSupported ? [Kernel.Avx512BW] : Array.Empty<Kernel>(),
        .. Avx2.IsSupported ? [Kernel.Avx2] : Array.Empty<Kernel>(),
        Kernel.Scalar,
    ];

    public static Kernel Best { get; } = Available[0];

    /// <summary>Σ query[i]·row[i], by the best kernel.</summary>
    /// <param name="rowSum">Σ row[i] (what the biased kernel takes off).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<sbyte> row, int rowSum, QuantizedQuery query) => Dot(Best, row, rowSum, query);

    /// <summary>
    /// <see cref="Dot(ReadOnlySpan{sbyte}, int, QuantizedQuery)"/> for a scan's inner loop, which checked once that every
    /// row is the query's padded length: no check here, and the kernel is a constant to the JIT.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DotOfCheckedLengths(ReadOnlySpan<sbyte> row, int rowSum, QuantizedQuery query) =>
        AvxVnni.IsSupported ? Vnni(row, query.Biased) - (Bias * rowSum)
        : Avx512BW.IsSupported ? Widened512(row, query.Wide)
        : Avx2.IsSupported ? Widened256(row, query.Wide)
        : Scalar(row, query.Wide);

    public static int Dot(Kernel kernel, ReadOnlySpan<sbyte> row, int rowSum, QuantizedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (row.Length != query.Biased.Length || row.Length % Alignment != 0)
        {
            throw new ArgumentException($"the row is {row.Length} bytes, the query {query.Biased.Length}: both must be one padded length", nameof(row));
        }

        return kernel switch
        {
            Kernel.AvxVnni => Vnni(row, query.Biased) - (Bias * rowSum),
            Kernel.Avx512BW => Widened512(row, query.Wide),
            Kernel.Avx2 => Widened256(row, query.Wide),
            Kernel.Scalar => Scalar(row, query.Wide),
            _ => throw new ArgumentOutOfRangeException(nameof(kernel)),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Vnni(ReadOnlySpan<sbyte> row, ReadOnlySpan<byte> query)
    {
        // Four independent sums: one vpdpbusd's latency is hidden behind the next three.
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(query);
        var (a, b, c, d) = (Vector256<int>.Zero, Vector256<int>.Zero, Vector256<int>.Zero, Vector256<int>.Zero);
        var i = 0;
        for (; i + 128 <= row.Length; i += 128)
        {
            a = AvxVnni.MultiplyWideningAndAdd(a, Vector256.LoadUnsafe(ref q, (nuint)i), Vector256.LoadUnsafe(ref r, (nuint)i));
            b = AvxVnni.MultiplyWideningAndAdd(b, Vector256.LoadUnsafe(ref q, (nuint)i + 32), Vector256.LoadUnsafe(ref r, (nuint)i + 32));
            c = AvxVnni.MultiplyWideningAndAdd(c, Vector256.LoadUnsafe(ref q, (nuint)i + 64), Vector256.LoadUnsafe(ref r, (nuint)i + 64));
            d = AvxVnni.MultiplyWideningAndAdd(d, Vector256.LoadUnsafe(ref q, (nuint)i + 96), Vector256.LoadUnsafe(ref r, (nuint)i + 96));
        }

        for (; i < row.Length; i += 32)
        {
            a = AvxVnni.MultiplyWideningAndAdd(a, Vector256.LoadUnsafe(ref q, (nuint)i), Vector256.LoadUnsafe(ref r, (nuint)i));
        }

        return Vector256.Sum((a + b) + (c + d));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Widened512(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(query);
        var (a, b) = (Vector512<int>.Zero, Vector512<int>.Zero);
        for (var i = 0; i < row.Length; i += 64)
        {
            a += Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r, (nuint)i)), Vector512.LoadUnsafe(ref q, (nuint)i));
            b += Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r, (nuint)i + 32)), Vector512.LoadUnsafe(ref q, (nuint)i + 32));
        }

        return Vector512.Sum(a + b);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Widened256(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(query);
        var (a, b) = (Vector256<int>.Zero, Vector256<int>.Zero);
        for (var i = 0; i < row.Length; i += 32)
        {
            a += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r, (nuint)i)), Vector256.LoadUnsafe(ref q, (nuint)i));
            b += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r, (nuint)i + 16)), Vector256.LoadUnsafe(ref q, (nuint)i + 16));
        }

        return Vector256.Sum(a + b);
    }

    private static int Scalar(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        var sum = 0;
        for (var i = 0; i < row.Length; i++)
        {
            sum += row[i] * query[i];
        }

        return sum;
    }

    /// <summary>How the integer dot product is computed (each gives the same integer).</summary>
    internal enum Kernel
    {
        AvxVnni,
        Avx512BW,
        Avx2,
        Scalar,
    }
}
