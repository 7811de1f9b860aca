using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Personalization.Local.Index;

/// <summary>
/// Symmetric int8 quantisation with one scale per vector: <c>q[i] = round(v[i] / scale)</c>, <c>scale = max|v| / 127</c>.
/// Besides the bytes it gives what the scan needs to bound its error (<see cref="QuantizedStats"/>): every norm is
/// rounded up, so the bounds built from them hold however float arithmetic rounded along the way.
/// </summary>
internal static class Int8Quantizer
{
    public const int Levels = 127;

    // Float norms and differences are off by at most about d·2^-24 relative (7.6e-5 at 1280-d); 2^-10 is a wide margin.
    private const double Inflate = 1 + (1.0 / 1024);

    /// <summary>Quantises <paramref name="vector"/> into <paramref name="into"/> (as long; the rest is zeroed).</summary>
    /// <returns>The scale and bounds, or null when the vector holds a NaN or an infinity (no bound holds then).</returns>
    public static QuantizedStats? Quantize(ReadOnlySpan<float> vector, Span<sbyte> into)
    {
        if (into.Length < vector.Length)
        {
            throw new ArgumentException("the output must be at least as long as the vector", nameof(into));
        }

        into[vector.Length..].Clear();
        var max = vector.Length == 0 ? 0f : Math.Abs(TensorPrimitives.MaxMagnitude(vector));
        if (!float.IsFinite(max))
        {
            // MaxMagnitude is NaN when any element is.
            return null;
        }

        if (max == 0)
        {
            into[..vector.Length].Clear();
            return new QuantizedStats(0, 0, 0, 0, 0);
        }

        var scale = max / Levels;
        var (sum, quantizedSquares, errorSquares) = Round(vector, scale, into);
        var quantizedNorm = MathF.Sqrt(quantizedSquares);
        var norm = TensorPrimitives.Norm(vector);
        var error = MathF.Sqrt(errorSquares);

        // The float error vector differs from the real one by at most about 2^-23·|v[i]| per element.
        return new QuantizedStats(scale, norm * Inflate, quantizedNorm * Inflate, (error * Inflate) + (norm * Math.ScaleB(1.0, -20)), sum);
    }

    /// <summary>
    /// <c>into[i] = clamp(round(vector[i] / scale))</c>, with the sum of those integers and the squared norms of the
    /// dequantised vector and of its difference from <paramref name="vector"/>, 32 floats at a time.
    /// </summary>
    private static (int Sum, float QuantizedSquares, float ErrorSquares) Round(ReadOnlySpan<float> vector, float scale, Span<sbyte> into)
    {
        var (sums, quantized, errors) = (Vector256<int>.Zero, Vector256<float>.Zero, Vector256<float>.Zero);
        var i = 0;
        for (; i + 32 <= vector.Length; i += 32)
        {
            var a = Step(vector.Slice(i, 8), scale, ref sums, ref quantized, ref errors);
            var b = Step(vector.Slice(i + 8, 8), scale, ref sums, ref quantized, ref errors);
            var c = Step(vector.Slice(i + 16, 8), scale, ref sums, ref quantized, ref errors);
            var d = Step(vector.Slice(i + 24, 8), scale, ref sums, ref quantized, ref errors);
            Vector256.Narrow(Vector256.Narrow(a, b), Vector256.Narrow(c, d)).CopyTo(into.Slice(i, 32));
        }

        var (sum, quantizedSquares, errorSquares) = (Vector256.Sum(sums), Vector256.Sum(quantized), Vector256.Sum(errors));
        for (; i < vector.Length; i++)
        {
            var q = Math.Clamp(MathF.Round(vector[i] / scale), -Levels, Levels);
            into[i] = (sbyte)q;
            sum += (int)q;
            var (dequantized, error) = (q * scale, vector[i] - (q * scale));
            (quantizedSquares, errorSquares) = (quantizedSquares + (dequantized * dequantized), errorSquares + (error * error));
        }

        return (sum, quantizedSquares, errorSquares);
    }

    private static Vector256<int> Step(ReadOnlySpan<float> eight, float scale, ref Vector256<int> sums, ref Vector256<float> quantized, ref Vector256<float> errors)
    {
        var v = Vector256.Create(eight);
        var q = Vector256.Clamp(Vector256.Round(v / Vector256.Create(scale)), Vector256.Create((float)-Levels), Vector256.Create((float)Levels));
        var dequantized = q * scale;
        var error = v - dequantized;
        quantized += dequantized * dequantized;
        errors += error * error;
        var ints = Vector256.ConvertToInt32(q);
        sums += ints;
        return ints;
    }
}

/// <summary>What bounds a quantised vector's dot products: its scale, its norm, its quantised copy's norm and the norm of
/// the difference (each rounded up), and the sum of its int8 values. Segment files store it as it lies in memory
/// (<see cref="QuantizedRows.StatsBytes"/> bytes, little-endian): a change to its fields is a new segment version.</summary>
internal readonly record struct QuantizedStats(float Scale, double Norm, double QuantizedNorm, double Error, int Sum);
