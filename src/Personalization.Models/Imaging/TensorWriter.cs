namespace Personalization.Models.Imaging;

/// <summary>Converts interleaved RGBA bytes to planar float tensors, row by row over spans.</summary>
internal static class TensorWriter
{
    /// <summary>Writes C×H×W floats: (value·scale − mean[c]) / std[c], channels in RGB or BGR order.</summary>
    public static void WritePlanar(ReadOnlySpan<byte> rgba, int width, int height, Span<float> destination, bool bgr, float scale, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        var plane = width * height;
        if (destination.Length < 3 * plane || rgba.Length < 4 * plane)
        {
            throw new ArgumentException("buffer too small for the patch");
        }

        Span<float> mul = stackalloc float[3];
        Span<float> add = stackalloc float[3];
        for (var c = 0; c < 3; c++)
        {
            mul[c] = scale / std[c];
            add[c] = -mean[c] / std[c];
        }

        var r = destination.Slice(bgr ? 2 * plane : 0, plane);
        var g = destination.Slice(plane, plane);
        var b = destination.Slice(bgr ? 0 : 2 * plane, plane);
        for (var i = 0; i < plane; i++)
        {
            var p = i * 4;
            r[i] = (rgba[p] * mul[0]) + add[0];
            g[i] = (rgba[p + 1] * mul[1]) + add[1];
            b[i] = (rgba[p + 2] * mul[2]) + add[2];
        }
    }
}
