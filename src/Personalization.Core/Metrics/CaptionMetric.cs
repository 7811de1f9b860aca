namespace Personalization.Core.Metrics;

/// <summary>
/// RePIC's caption metric and identity-consistency reward (docs/method.md §3), exactly as defined there.
/// </summary>
public static class CaptionMetric
{
    /// <summary>Characters stripped from both ends of every token.</summary>
    public const string StripCharacters = ".,!?;:()[]{}\"'-";

    /// <summary>Captions shorter than this earn no identity reward.</summary>
    public const int MinimumCaptionLength = 100;

    /// <summary>Removes <c>&lt;/s&gt;</c>, lower-cases, splits on white space and strips punctuation from token ends.</summary>
    public static HashSet<string> Tokenize(string caption)
    {
        ArgumentNullException.ThrowIfNull(caption);
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var text = caption.Replace("</s>", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        foreach (var raw in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Trim(StripCharacters.ToCharArray());
            if (token.Length > 0)
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }

    /// <summary>The bare lower-cased name: <c>&lt;Bo&gt;</c> → <c>bo</c>.</summary>
    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.Trim().ToLowerInvariant();
        return n.Length >= 2 && n[0] == '<' && n[^1] == '>' ? n[1..^1] : n;
    }

    /// <summary>A concept is present when <c>&lt;name&gt;</c> or <c>name</c> equals a token.</summary>
    public static bool IsPresent(IReadOnlySet<string> tokens, string name)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var bare = NormalizeName(name);
        return tokens.Contains(bare) || tokens.Contains($"<{bare}>");
    }

    /// <summary>Scores one caption against its ground-truth concepts, given the pool of all evaluated concepts.</summary>
    public static CaptionTally Score(string caption, IEnumerable<string> groundTruth, IEnumerable<string> pool)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(pool);
        var tokens = Tokenize(caption);
        var truth = groundTruth.Select(NormalizeName).Distinct(StringComparer.Ordinal).ToList();
        var others = pool.Select(NormalizeName).Distinct(StringComparer.Ordinal).ToList();
        var tally = CaptionTally.Empty;
        foreach (var concept in truth)
        {
            if (IsPresent(tokens, concept))
            {
                tally = tally with { Correct = tally.Correct + 1 };
            }
            else if (others.Any(o => o != concept && IsPresent(tokens, o)))
            {
                tally = tally with { Miss = tally.Miss + 1 };
            }
            else
            {
                tally = tally with { None = tally.None + 1 };
            }
        }

        return tally;
    }

    /// <summary>Identity-consistency reward: n/m for n of the m concepts named, 0 under 100 characters.</summary>
    public static double IdentityReward(string caption, IReadOnlyCollection<string> concepts)
    {
        ArgumentNullException.ThrowIfNull(caption);
        ArgumentNullException.ThrowIfNull(concepts);
        if (caption.Length < MinimumCaptionLength)
        {
            return 0;
        }

        if (concepts.Count == 0)
        {
            return 1;
        }

        var tokens = Tokenize(caption);
        return concepts.Count(c => IsPresent(tokens, c)) / (double)concepts.Count;
    }
}
