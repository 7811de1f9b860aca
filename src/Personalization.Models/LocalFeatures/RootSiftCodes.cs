using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CoreFeatures = Personalization.Core.Domain.LocalFeatures;

namespace Personalization.Models.LocalFeatures;

/// <summary>
/// RootSIFT descriptors (√ of the L1-normalised SIFT vector: unit length) quantised for integer dot products: the
/// query side as unsigned bytes (×255), the reference side as signed bytes (×127). A pair's dot product then fits
/// the u8×s8 multiply-adds without saturation (by Cauchy–Schwarz each adjacent pair sums to at most 255·127), and
/// cos = dot / (255·127).
/// </summary>
internal static class RootSiftCodes
{
    public const int Length = CoreFeatures.DescriptorLength;
    public const float Unit = 255f * 127f;

    public static byte[] Encode(ReadOnlySpan<byte> sift, int count, float scale)
    {
        var codes = new byte[count * Length];
        for (var i = 0; i < count; i++)
        {
            var d = sift.Slice(i * Length, Length);
            var sum = 0;
            foreach (var b in d)
            {
                sum += b;
            }

            if (sum == 0)
            {
                continue;
            }

            for (var k = 0; k < Length; k++)
            {
                var v = MathF.Round(MathF.Sqrt(d[k] / (float)sum) * scale);
                codes[(i * Length) + k] = scale > 127f ? (byte)Math.Min(255f, v) : (byte)(sbyte)Math.Min(127f, v);
            }
        }

        return codes;
    }

    /// <summary>
    /// For each reference code (laid out one after another), the two best dot products against every query code and
    /// the best's index (the first one on a tie); (int.MinValue, int.MinValue, −1) against no query codes.
    /// </summary>
    public static void TopTwo(QueryCodes query, ReadOnlySpan<byte> references, Span<(int Best, int Second, int BestIndex)> results)
    {
        ArgumentNullException.ThrowIfNull(query);
        var count = references.Length / Length;
        if (results.Length < count)
        {
            throw new ArgumentException("One result per reference code.", nameof(results));
        }

        if (query.Count == 0)
        {
            results[..count].Fill((int.MinValue, int.MinValue, -1));
            return;
        }

        var i = 0;
        if (Avx2.IsSupported)
        {
            for (; i + 4 <= count; i += 4)
            {
                TopTwoFour(query, references.Slice(i * Length, 4 * Length), results.Slice(i, 4));
            }
        }

        for (; i < count; i++)
        {
            results[i] = TopTwoScalar(query, references.Slice(i * Length, Length));
        }
    }

    /// <summary>The portable definition the vector paths must agree with.</summary>
    public static int ScalarDot(ReadOnlySpan<byte> query, ReadOnlySpan<byte> reference)
    {
        var s = 0;
        for (var k = 0; k < Length; k++)
        {
            s += query[k] * (sbyte)reference[k];
        }

        return s;
    }

    private static (int, int, int) TopTwoScalar(QueryCodes query, ReadOnlySpan<byte> reference)
    {
        int best = int.MinValue, second = int.MinValue, bestIndex = -1;
        Span<byte> code = stackalloc byte[Length];
        for (var j = 0; j < query.Count; j++)
        {
            query.CopyCode(j, code);
            var s = ScalarDot(code, reference);
            if (s > best)
            {
                second = best;
                best = s;
                bestIndex = j;
            }
            else if (s > second)
            {
                second = s;
            }
        }

        return (best, second, bestIndex);
    }

    /// <summary>
    /// Four reference codes against all query codes, eight query codes per step (one per 32-bit lane, see
    /// <see cref="QueryCodes"/>): no horizontal sums in the loop; each lane keeps its own best two, merged at the end.
    /// </summary>
    private static void TopTwoFour(QueryCodes query, ReadOnlySpan<byte> references, Span<(int Best, int Second, int BestIndex)> results)
    {
        // Each reference code as 32 four-byte chunks, each broadcast to all lanes: 4 × 32 vectors.
        const int chunks = Length / 4;
        Span<Vector256<sbyte>> spread = stackalloc Vector256<sbyte>[4 * chunks];
        var words = MemoryMarshal.Cast<byte, int>(references);
        for (var k = 0; k < 4 * chunks; k++)
        {
            spread[k] = Vector256.Create(words[k]).AsSByte();
        }

        var min = Vector256.Create(int.MinValue);
        Vector256<int> best0 = min, best1 = min, best2 = min, best3 = min;
        Vector256<int> second0 = min, second1 = min, second2 = min, second3 = min;
        Vector256<int> index0 = Vector256<int>.Zero, index1 = index0, index2 = index0, index3 = index0;
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var ones = Vector256.Create((short)1);
        var vnni = AvxVnni.IsSupported;
        ref var s = ref MemoryMarshal.GetReference(spread);
        ref var q = ref MemoryMarshal.GetReference(query.Interleaved);
        for (var g = 0; g < query.Groups; g++)
        {
            Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default;
            ref var block = ref Unsafe.Add(ref q, g * QueryCodes.GroupBytes);
            for (var k = 0; k < chunks; k++)
            {
                var codes = Vector256.LoadUnsafe(ref block, (nuint)(k * 32));
                if (vnni)
                {
                    a0 = AvxVnni.MultiplyWideningAndAdd(a0, codes, Unsafe.Add(ref s, k));
                    a1 = AvxVnni.MultiplyWideningAndAdd(a1, codes, Unsafe.Add(ref s, chunks + k));
                    a2 = AvxVnni.MultiplyWideningAndAdd(a2, codes, Unsafe.Add(ref s, (2 * chunks) + k));
                    a3 = AvxVnni.MultiplyWideningAndAdd(a3, codes, Unsafe.Add(ref s, (3 * chunks) + k));
                }
                else
                {
                    a0 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(codes, Unsafe.Add(ref s, k)), ones);
                    a1 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(codes, Unsafe.Add(ref s, chunks + k)), ones);
                    a2 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(codes, Unsafe.Add(ref s, (2 * chunks) + k)), ones);
                    a3 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(codes, Unsafe.Add(ref s, (3 * chunks) + k)), ones);
                }
            }

            var indices = lanes + Vector256.Create(g * QueryCodes.GroupSize);
            if (g == query.Groups - 1)
            {
                // Lanes past the last query code hold padding: they never win.
                var padding = Vector256.GreaterThanOrEqual(indices, Vector256.Create(query.Count));
                a0 = Vector256.ConditionalSelect(padding, min, a0);
                a1 = Vector256.ConditionalSelect(padding, min, a1);
                a2 = Vector256.ConditionalSelect(padding, min, a2);
                a3 = Vector256.ConditionalSelect(padding, min, a3);
            }

            Keep(a0, indices, ref best0, ref second0, ref index0);
            Keep(a1, indices, ref best1, ref second1, ref index1);
            Keep(a2, indices, ref best2, ref second2, ref index2);
            Keep(a3, indices, ref best3, ref second3, ref index3);
        }

        results[0] = Merge(best0, second0, index0);
        results[1] = Merge(best1, second1, index1);
        results[2] = Merge(best2, second2, index2);
        results[3] = Merge(best3, second3, index3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep(Vector256<int> scores, Vector256<int> indices, ref Vector256<int> best, ref Vector256<int> second, ref Vector256<int> index)
    {
        var better = Vector256.GreaterThan(scores, best);
        second = Vector256.Max(second, Vector256.Min(scores, best));
        best = Vector256.Max(best, scores);
        index = Vector256.ConditionalSelect(better, indices, index);
    }

    /// <summary>The best two over the lanes' best two; the best's index is the smallest among ties (as the scalar loop).</summary>
    private static (int, int, int) Merge(Vector256<int> best, Vector256<int> second, Vector256<int> index)
    {
        int top = int.MinValue, at = -1, lane = -1;
        for (var l = 0; l < Vector256<int>.Count; l++)
        {
            var b = best[l];
            if (b > top || (b == top && b != int.MinValue && index[l] < at))
            {
                top = b;
                at = index[l];
                lane = l;
            }
        }

        var next = int.MinValue;
        for (var l = 0; l < Vector256<int>.Count; l++)
        {
            next = Math.Max(next, second[l]);
            if (l != lane)
            {
                next = Math.Max(next, best[l]);
            }
        }

        return (top, next, at);
    }
}
