using System.Numerics.Tensors;

namespace Personalization.Models.Encoders;

/// <summary>Vector helpers over System.Numerics.Tensors (SIMD).</summary>
public static class Vectors
{
    /// <summary>Scales <paramref name="vector"/> to unit length in place (a zero vector stays zero).</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    public static float[] Normalized(ReadOnlySpan<float> vector)
    {
        var copy = vector.ToArray();
        Normalize(copy);
        return copy;
    }

    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities) =>
        TensorPrimitives.SoftMax(logits, probabilities);
}
