using System.Globalization;
using Personalization.Core.Preference;
using Personalization.Models.Colors;

namespace Personalization.Models.Preference;

/// <summary>
/// The fine-grained vocabulary of the five preference dimensions (versioned data: <c>preference-vocabulary.tsv</c>
/// plus the named colours of <see cref="ColorVocabulary"/>). Terms may carry an anchor: a value range of a
/// measured property, or a measured predicate. Immutable and thread-safe.
/// </summary>
public sealed class PreferenceVocabulary
{
    private static readonly Lazy<PreferenceVocabulary> Embedded = new(LoadEmbedded);

    private PreferenceVocabulary(IReadOnlyDictionary<PreferenceDimension, IReadOnlyList<VocabularyTerm>> terms) => Terms = terms;

    public static PreferenceVocabulary Default => Embedded.Value;

    public IReadOnlyDictionary<PreferenceDimension, IReadOnlyList<VocabularyTerm>> Terms { get; }

    public int Count => Terms.Values.Sum(t => t.Count);

    /// <summary>The term whose range holds <paramref name="value"/>, if any.</summary>
    public string? ForValue(PreferenceDimension dimension, double value) =>
        Terms[dimension].FirstOrDefault(t => t.Low is { } lo && t.High is { } hi && value >= lo && value < hi)?.Term;

    /// <summary>The term anchored to a measured predicate (e.g. <c>greyscale</c>).</summary>
    public string ForPredicate(PreferenceDimension dimension, string predicate) =>
        Terms[dimension].First(t => t.Predicate == predicate).Term;

    public static PreferenceVocabulary Parse(TextReader reader, ColorVocabulary colors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(colors);
        var terms = Enum.GetValues<PreferenceDimension>().ToDictionary(d => d, _ => new List<VocabularyTerm>());
        terms[PreferenceDimension.Color].AddRange(Enumerable.Range(0, colors.Count).Select(i => new VocabularyTerm(colors.NameOf(i), null, null, colors.HexOf(i))));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length < 2)
            {
                throw new FormatException($"bad preference vocabulary line: '{line}'");
            }

            var dimension = parts[0] switch
            {
                "art_style" => PreferenceDimension.ArtStyle,
                "art_medium" => PreferenceDimension.ArtMedium,
                "detail" => PreferenceDimension.Detail,
                "saturation" => PreferenceDimension.Saturation,
                "color" => PreferenceDimension.Color,
                _ => throw new FormatException($"unknown dimension '{parts[0]}' in '{line}'"),
            };
            var anchor = parts.Length > 2 ? parts[2].Trim() : string.Empty;
            var range = anchor.Split("..");
            terms[dimension].Add(range.Length == 2
                ? new VocabularyTerm(parts[1], double.Parse(range[0], CultureInfo.InvariantCulture), double.Parse(range[1], CultureInfo.InvariantCulture), null)
                : new VocabularyTerm(parts[1], null, null, anchor.Length == 0 ? null : anchor));
        }

        return new PreferenceVocabulary(terms.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<VocabularyTerm>)kv.Value));
    }

    private static PreferenceVocabulary LoadEmbedded()
    {
        using var stream = typeof(PreferenceVocabulary).Assembly.GetManifestResourceStream("Personalization.Models.preference-vocabulary.tsv")
            ?? throw new InvalidOperationException("the preference vocabulary resource is missing from the assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader, ColorVocabulary.Default);
    }
}

/// <param name="Predicate">A measured predicate (e.g. <c>greyscale</c>), or a colour's hex code.</param>
public sealed record VocabularyTerm(string Term, double? Low, double? High, string? Predicate);
