using Personalization.Core.Preference;

namespace Personalization.Reasoning.Chat;

/// <summary>The dimension names the preference prompts use, and their parsing.</summary>
internal static class PreferenceDimensions
{
    public static PreferenceDimension? Parse(string? name) => name?.Trim().ToLowerInvariant().Replace('_', ' ') switch
    {
        "art style" or "style" => PreferenceDimension.ArtStyle,
        "color" or "colour" => PreferenceDimension.Color,
        "detail" => PreferenceDimension.Detail,
        "art medium" or "medium" => PreferenceDimension.ArtMedium,
        "saturation" => PreferenceDimension.Saturation,
        _ => null,
    };

    /// <summary>A problem if the rows do not name each of the five dimensions exactly once.</summary>
    public static string? Coverage(IEnumerable<string?> names)
    {
        var parsed = names.Select(Parse).ToList();
        if (parsed.Any(p => p is null))
        {
            return "a \"dimension\" is not one of art style, color, detail, art medium, saturation";
        }

        return parsed.Distinct().Count() != 5 || parsed.Count != 5 ? "\"dimensions\" must list each of the five dimensions once" : null;
    }
}

/// <summary>The JSON answer of the taste-profile stage.</summary>
internal sealed record ProfileAnswer(IReadOnlyList<ProfileRow?>? Dimensions)
{
    public string? Problem() =>
        Dimensions is null ? "\"dimensions\" is missing" : PreferenceDimensions.Coverage(Dimensions.Select(d => d?.Dimension));

    public ProfileRow For(PreferenceDimension dimension) => Dimensions!.First(d => PreferenceDimensions.Parse(d?.Dimension) == dimension)!;
}

internal sealed record ProfileRow(string? Dimension, IReadOnlyList<string?>? Likes, IReadOnlyList<string?>? Dislikes)
{
    public IReadOnlyList<string> CleanLikes => Clean(Likes);

    public IReadOnlyList<string> CleanDislikes => Clean(Dislikes);

    private static List<string> Clean(IReadOnlyList<string?>? terms) =>
        [.. (terms ?? []).OfType<string>().Select(t => t.Trim()).Where(t => t.Length is > 0 and <= 60).Distinct(StringComparer.OrdinalIgnoreCase).Take(8)];
}

/// <summary>The JSON answer of the per-dimension assessment stage.</summary>
internal sealed record AssessAnswer(IReadOnlyList<AssessRow?>? Dimensions)
{
    public string? Problem()
    {
        if (Dimensions is null)
        {
            return "\"dimensions\" is missing";
        }

        return PreferenceDimensions.Coverage(Dimensions.Select(d => d?.Dimension))
            ?? (Dimensions.Any(d => d!.ScoreA is not (>= 0 and <= 10) || d.ScoreB is not (>= 0 and <= 10)) ? "every \"score_a\" and \"score_b\" must be a number from 0 to 10" : null);
    }
}

internal sealed record AssessRow(string? Dimension, string? Reason, double? ScoreA, double? ScoreB);

/// <summary>The JSON answer of the A/B decision stage.</summary>
internal sealed record PreferredAnswer(string? Preferred, double? Confidence, string? Reason)
{
    public string? Problem() => Preferred?.Trim().ToUpperInvariant() is "A" or "B" ? null : "\"preferred\" must be \"A\" or \"B\"";

    public bool IsA => Preferred!.Trim().Equals("A", StringComparison.OrdinalIgnoreCase);
}
