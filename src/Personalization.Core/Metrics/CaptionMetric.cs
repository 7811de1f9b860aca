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

    /// <summary>
    /// Classifies each ground-truth concept of one caption, in order, as RePIC's evaluation scripts do: correct when
    /// named; else a miss when some pool concept that is not among <paramref name="groundTruth"/> is named; else none.
    /// </summary>
    /// <remarks>
    /// Concepts of the row's own ground truth never make a miss, so a caption naming one of two people is one correct
    /// and one none (precision 1, recall 1/2), not a miss. Every ground-truth entry is classified, repeats included, as
    /// RePIC counts them.
    /// </remarks>
    public static IReadOnlyList<ConceptOutcome> Classify(string caption, IEnumerable<string> groundTruth, IEnumerable<string> pool)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(pool);
        var tokens = Tokenize(caption);
        var truth = groundTruth.Select(NormalizeName).ToList();
        var truthSet = truth.ToHashSet(StringComparer.Ordinal);
        var wrongNamed = pool.Select(NormalizeName).Any(o => !truthSet.Contains(o) && IsPresent(tokens, o));
        return truth.Select(concept => new ConceptOutcome(
            concept,
            IsPresent(tokens, concept) ? CaptionOutcome.Correct : wrongNamed ? CaptionOutcome.Miss : CaptionOutcome.None)).ToList();
    }

    /// <summary>Scores one caption against its ground-truth concepts, given the pool of all evaluated concepts (see <see cref="Classify"/>).</summary>
    public static CaptionTally Score(string caption, IEnumerable<string> groundTruth, IEnumerable<string> pool) =>
        CaptionTally.Of(Classify(caption, groundTruth, pool));

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
