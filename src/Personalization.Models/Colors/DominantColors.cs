using Personalization.Core.Domain;

namespace Personalization.Models.Colors;

/// <summary>Names the dominant colours of an RGBA patch against a vocabulary.</summary>
public static class DominantColors
{
    /// <summary>The named colours covering at least <paramref name="minFraction"/> of the sampled pixels, largest first.</summary>
    public static IReadOnlyList<NamedColor> Of(ReadOnlySpan<byte> rgba, ColorVocabulary vocabulary, int step = 3, float minFraction = 0.12f, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        Span<int> counts = stackalloc int[vocabulary.Count];
        counts.Clear();
        var total = 0;
        for (var p = 0; p + 3 < rgba.Length; p += 4 * step)
        {
            counts[vocabulary.Nearest(rgba[p], rgba[p + 1], rgba[p + 2])]++;
            total++;
        }

        var result = new List<NamedColor>(max);
        if (total == 0)
        {
            return result;
        }

        for (var k = 0; k < max; k++)
        {
            var best = 0;
            for (var i = 1; i < counts.Length; i++)
            {
                if (counts[i] > counts[best])
                {
                    best = i;
                }
            }

            var fraction = counts[best] / (float)total;
            if (fraction < minFraction)
            {
                break;
            }

            result.Add(new NamedColor(vocabulary.NameOf(best), vocabulary.HexOf(best), fraction));
            counts[best] = 0;
        }

        return result;
    }
}
