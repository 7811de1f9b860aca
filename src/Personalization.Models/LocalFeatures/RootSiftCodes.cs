using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CoreFeatures = Personalization.Core.Domain.LocalFeatures;

namespace Personalization.Models.LocalFeatures;

/// <summary>
/// RootSIFT descriptors (√ of the L1-normalised SIFT vector: unit length) quantised for integer dot products: the
/// query side as unsigned bytes (×255), the reference side as signed bytes (×127). A pair's dot product then fits
/// AVX-512/AVX2's u8×s8 multiply-add without saturation (by Cauchy–Schwarz each adjacent pair sums to at most
/// 255·127), and cos = dot / (255·127).
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

    /// <summary>The two best dot products of one reference code against every query code, and the best's index.</summary>
    public static (int Best, int Second, int BestIndex) TopTwo(ReadOnlySpan<byte> query, int queryCount, ReadOnlySpan<byte> reference)
    {
        int best = int.MinValue, second = int.MinValue, bestIndex = -1;
        if (Avx512BW.IsSupported)
        {
            ref var r = ref MemoryMarshal.GetReference(reference);
            var r0 = Vector512.LoadUnsafe(ref r).AsSByte();
            var r1 = Vector512.LoadUnsafe(ref r, 64).AsSByte();
            var ones = Vector512.Create((short)1);
            ref var q = ref MemoryMarshal.GetReference(query);
            for (var j = 0; j < queryCount; j++)
            {
                var offset = (nuint)(j * Length);
                var p0 = Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref q, offset), r0);
                var p1 = Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref q, offset + 64), r1);
                var s = Vector512.Sum(Avx512BW.MultiplyAddAdjacent(p0, ones) + Avx512BW.MultiplyAddAdjacent(p1, ones));
                Keep(s, j, ref best, ref second, ref bestIndex);
            }
        }
        else if (Avx2.IsSupported)
        {
            ref var r = ref MemoryMarshal.GetReference(reference);
            var r0 = Vector256.LoadUnsafe(ref r).AsSByte();
            var r1 = Vector256.LoadUnsafe(ref r, 32).AsSByte();
            var r2 = Vector256.LoadUnsafe(ref r, 64).AsSByte();
            var r3 = Vector256.LoadUnsafe(ref r, 96).AsSByte();
            var ones = Vector256.Create((short)1);
            ref var q = ref MemoryMarshal.GetReference(query);
            for (var j = 0; j < queryCount; j++)
            {
                var offset = (nuint)(j * Length);
                var a = Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref q, offset), r0), ones)
                    + Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref q, offset + 32), r1), ones);
                var b = Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref q, offset + 64), r2), ones)
                    + Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref q, offset + 96), r3), ones);
                Keep(Vector256.Sum(a + b), j, ref best, ref second, ref bestIndex);
            }
        }
        else
        {
            for (var j = 0; j < queryCount; j++)
            {
                Keep(ScalarDot(query.Slice(j * Length, Length), reference), j, ref best, ref second, ref bestIndex);
            }
        }

        return (best, second, bestIndex);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep(int s, int j, ref int best, ref int second, ref int bestIndex)
    {
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
}
