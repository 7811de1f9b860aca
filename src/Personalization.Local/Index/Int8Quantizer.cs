using System.Numerics.Tensors;

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
    /// <param name="scratch">At least as long as the vector.</param>
    /// <returns>The scale and bounds, or null when the vector holds a NaN or an infinity (no bound holds then).</returns>
    public static QuantizedStats? Quantize(ReadOnlySpan<float> vector, Span<sbyte> into, Span<float> scratch)
    {
        if (into.Length < vector.Length || scratch.Length < vector.Length)
        {
            throw new ArgumentException("the output and scratch spans must be at least as long as the vector");
        }

        into[vector.Length..].Clear();
        var work = scratch[..vector.Length];
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
        TensorPrimitives.Divide(vector, scale, work);
        TensorPrimitives.Round(work, work);
        TensorPrimitives.Clamp(work, -Levels, Levels, work);
        TensorPrimitives.ConvertTruncating<float, sbyte>(work, into[..vector.Length]);

        // work holds the integers now: their sum is exact in float (|sum| ≤ 127·d < 2^24 for d < 132,000).
        var sum = (int)TensorPrimitives.Sum<float>(work);
        TensorPrimitives.Multiply(work, scale, work);
        var quantizedNorm = TensorPrimitives.Norm<float>(work);
        var norm = TensorPrimitives.Norm(vector);
        TensorPrimitives.Subtract(vector, work, work);
        var error = TensorPrimitives.Norm<float>(work);

        // The float error vector differs from the real one by at most about 2^-23·|v[i]| per element.
        return new QuantizedStats(scale, norm * Inflate, quantizedNorm * Inflate, (error * Inflate) + (norm * Math.ScaleB(1.0, -20)), sum);
    }
}

/// <summary>What bounds a quantised vector's dot products: its scale, its norm, its quantised copy's norm and the norm of
/// the difference (each rounded up), and the sum of its int8 values.</summary>
internal readonly record struct QuantizedStats(float Scale, double Norm, double QuantizedNorm, double Error, int Sum);
