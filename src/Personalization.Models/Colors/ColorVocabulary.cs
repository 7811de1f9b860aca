using System.Globalization;

namespace Personalization.Models.Colors;

/// <summary>
/// The named-colour vocabulary (versioned data in <c>Colors/color-vocabulary.tsv</c>) and nearest-name lookup
/// in CIE Lab. Immutable and thread-safe; <see cref="Default"/> is loaded once.
/// </summary>
public sealed class ColorVocabulary
{
    private static readonly Lazy<ColorVocabulary> Embedded = new(() => LoadEmbedded(includeFine: true));
    private static readonly Lazy<ColorVocabulary> EmbeddedBasic = new(() => LoadEmbedded(includeFine: false));
    private readonly (string Name, string Hex, string Family, float L, float A, float B)[] _entries;

    // 32 levels per channel: a 32³ table of nearest-colour indices makes per-pixel naming a lookup.
    private readonly byte[] _lookup;

    private ColorVocabulary((string, string, string, float, float, float)[] entries)
    {
        _entries = entries;
        _lookup = new byte[32 * 32 * 32];
        for (var r = 0; r < 32; r++)
        {
            for (var g = 0; g < 32; g++)
            {
                for (var b = 0; b < 32; b++)
                {
                    _lookup[(r << 10) | (g << 5) | b] = (byte)NearestSlow((r * 8) + 4, (g * 8) + 4, (b * 8) + 4);
                }
            }
        }
    }

    /// <summary>Every named colour (basic and fine-grained): for preference palettes.</summary>
    public static ColorVocabulary Default => Embedded.Value;

    /// <summary>The basic names only: for recognition attributes and captions, where coarse names match better.</summary>
    public static ColorVocabulary Basic => EmbeddedBasic.Value;

    public int Count => _entries.Length;

    public string NameOf(int index) => _entries[index].Name;

    public string HexOf(int index) => _entries[index].Hex;

    public string FamilyOf(int index) => _entries[index].Family;

    /// <summary>Index of the nearest named colour.</summary>
    public int Nearest(byte r, byte g, byte b) => _lookup[((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3)];

    public static ColorVocabulary Parse(TextReader reader, bool includeFine = true)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<(string, string, string, float, float, float)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length < 2 || parts[1].Length != 7 || parts[1][0] != '#')
            {
                throw new FormatException($"bad colour vocabulary line: '{line}'");
            }

            if (!includeFine && parts.Length > 3 && parts[3] == "fine")
            {
                continue;
            }

            var rgb = int.Parse(parts[1].AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var (l, a, b) = ToLab((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
            entries.Add((parts[0], parts[1], parts.Length > 2 ? parts[2] : parts[0], l, a, b));
        }

        if (entries.Count is 0 or > 255)
        {
            throw new FormatException("a colour vocabulary needs 1 to 255 entries");
        }

        return new ColorVocabulary([.. entries]);
    }

    internal static (float L, float A, float B) ToLab(byte r, byte g, byte b)
    {
        static float Linear(byte c)
        {
            var v = c / 255f;
            return v <= 0.04045f ? v / 12.92f : MathF.Pow((v + 0.055f) / 1.055f, 2.4f);
        }

        static float F(float t) => t > 0.008856f ? MathF.Cbrt(t) : (7.787f * t) + (16f / 116f);

        var (rl, gl, bl) = (Linear(r), Linear(g), Linear(b));
        var x = ((0.4124f * rl) + (0.3576f * gl) + (0.1805f * bl)) / 0.95047f;
        var y = (0.2126f * rl) + (0.7152f * gl) + (0.0722f * bl);
        var z = ((0.0193f * rl) + (0.1192f * gl) + (0.9505f * bl)) / 1.08883f;
        var (fx, fy, fz) = (F(x), F(y), F(z));
        return ((116f * fy) - 16f, 500f * (fx - fy), 200f * (fy - fz));
    }

    private int NearestSlow(int r, int g, int b)
    {
        var (l, a, bb) = ToLab((byte)r, (byte)g, (byte)b);
        var best = 0;
        var bestDistance = float.MaxValue;
        for (var i = 0; i < _entries.Length; i++)
        {
            var e = _entries[i];
            var d = ((e.L - l) * (e.L - l)) + ((e.A - a) * (e.A - a)) + ((e.B - bb) * (e.B - bb));
            if (d < bestDistance)
            {
                bestDistance = d;
                best = i;
            }
        }

        return best;
    }

    private static ColorVocabulary LoadEmbedded(bool includeFine)
    {
        using var stream = typeof(ColorVocabulary).Assembly.GetManifestResourceStream("Personalization.Models.color-vocabulary.tsv")
            ?? throw new InvalidOperationException("the colour vocabulary resource is missing from the assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader, includeFine);
    }
}
